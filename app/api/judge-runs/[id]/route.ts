import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { judgeIdParam, runActionSchema } from "@/lib/validation/judges";
import { getRunDetail, runAction } from "@/lib/judges/runs/service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** The run page polls this every second. */
export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  await requireMaintainer();
  return json({ run: await getRunDetail(id) }, { headers: { "cache-control": "no-store" } });
});

/** {action: start | pause | resume | cancel}. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  const { action } = await parseJson(req, runActionSchema);
  await requireMaintainer();
  return json({ run: await runAction(id, action) });
});
