import { handle, json, parseQuery } from "@/lib/http/route";
import { leaderboardQuerySchema, splitQuery } from "@/lib/validation/leaderboard";
import { getLeaderboard, toRankJson } from "@/lib/leaderboard/service";

export const dynamic = "force-dynamic";

/**
 * GET /api/leaderboard?source=crowd|judge:SLUG&set=&category=&language=&from=&to=&excludeFlagged=1
 *   &rating=bt|elo&method=bootstrap|sandwich&rounds=&level=&seed=&style=1&combine=&include=matrices
 * → the `concord rank --format json` shape (plus `matrices` with include=matrices). Public: rankings are public.
 */
export const GET = handle(async (req: Request) => {
  const { slice, options } = splitQuery(parseQuery(req, leaderboardQuerySchema));
  const view = await getLeaderboard(slice, options);
  return json(toRankJson(view, options.include.has("matrices")), { headers: { "Cache-Control": "no-store" } });
});
