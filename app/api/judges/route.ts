import { handle, json, parseQuery } from "@/lib/http/route";
import { sliceSchema } from "@/lib/validation/slice";
import { getJudgeLeaderboard, toMachineJson } from "@/lib/judges/dashboard/service";

export const dynamic = "force-dynamic";

/** The judge leaderboard on a slice (`?set=&category=&language=&from=&to=&excludeFlagged=`). Public, read-only. */
export const GET = handle(async (req: Request) => {
  const slice = parseQuery(req, sliceSchema);
  return json(toMachineJson(await getJudgeLeaderboard(slice)), { headers: { "Cache-Control": "no-store" } });
});
