import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { judgeIdParam } from "@/lib/validation/judges";
import { testJudgeConnection } from "@/lib/judges/configs/service";

export const dynamic = "force-dynamic";

/** Always 200 with `{report}` once the judge exists: a failed connection is a result. */
export const POST = handle(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  await requireMaintainer();
  return json({ report: await testJudgeConnection(id) });
});
