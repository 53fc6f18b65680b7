import { handle, json, parseQuery } from "@/lib/http/route";
import { judgeDetailQuerySchema, judgeSlugSchema } from "@/lib/validation/judges-dashboard";
import { getJudgeDetail } from "@/lib/judges/dashboard/service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

/** One judge's dashboard data on a slice (`?…&eps=0.2&battle=ID`). Public, read-only. */
export const GET = handle(async (req: Request, ctx: Ctx) => {
  const slug = judgeSlugSchema.parse((await ctx.params).slug);
  const { eps, battle, ...slice } = parseQuery(req, judgeDetailQuerySchema);
  return json(await getJudgeDetail(slug, slice, { epsilon: eps, battleId: battle }), { headers: { "Cache-Control": "no-store" } });
});
