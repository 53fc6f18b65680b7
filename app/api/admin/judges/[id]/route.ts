import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { judgeIdParam, judgeUpdateSchema } from "@/lib/validation/judges";
import { getJudge, updateJudge } from "@/lib/judges/configs/service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  await requireMaintainer();
  return json({ judge: await getJudge(id) });
});

export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  const input = await parseJson(req, judgeUpdateSchema, 256 * 1024);
  await requireMaintainer();
  return json({ judge: await updateJudge(id, input) });
});
