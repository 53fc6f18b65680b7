import { handle, json, parseQuery } from "@/lib/http/route";
import { sliceSchema } from "@/lib/validation/slice";
import { getLeaderboardWatermark } from "@/lib/leaderboard/service";

export const dynamic = "force-dynamic";

/** GET /api/leaderboard/watermark?<slice> → {watermark, lastVoteAt, sourceVotes}: the cheap poll behind live updates. */
export const GET = handle(async (req: Request) => {
  const slice = parseQuery(req, sliceSchema.passthrough());
  const wm = await getLeaderboardWatermark(slice);
  return json({ watermark: wm.value, lastVoteAt: wm.lastVoteAt, sourceVotes: wm.sourceVotes }, { headers: { "Cache-Control": "no-store" } });
});
