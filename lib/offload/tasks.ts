/**
 * The pure computations the compute pool (pool.ts) may run off the event loop: each takes and returns
 * structured-clonable data (plain objects, arrays, Maps, typed arrays) and touches no database.
 */
import { computeLeaderboard, type ComputeInput, type LeaderboardResult } from "@/lib/leaderboard/compute";
import { buildLeaderboard, rateCounts, type LeaderboardCore, type LeaderboardInput, type RatedCounts } from "@/lib/judges/dashboard/compute";
import type { SystemInfoRow } from "@/lib/judges/dashboard/queries";
import type { OutcomeCounts } from "@/lib/ranking";
import { altTestView } from "@/lib/judges/dashboard/detail";
import type { AltAnnotatorCountRow } from "@/lib/judges/dashboard/queries-detail";
import type { AltTestView } from "@/lib/judges/dashboard/types";

export interface Tasks {
  /** /leaderboard: BT fit, intervals, ranks, matrices, style control (lib/leaderboard/compute.ts). */
  leaderboard: (input: ComputeInput) => LeaderboardResult;
  /** /judges: the crowd's and every judge's fits and the agreement figures (lib/judges/dashboard/compute.ts). */
  judgeLeaderboard: (input: LeaderboardInput) => LeaderboardCore;
  /** /judges: one ranking's BT fit and bootstrap (lib/judges/dashboard/compute.ts `rateCounts`). */
  judgeRate: (input: { counts: OutcomeCounts; names: Map<string, SystemInfoRow>; rounds: number }) => RatedCounts;
  /** /judges/[slug]: the alt-test's t-tests over every annotator (tens of thousands at a million votes). */
  judgeAltTest: (input: { rows: AltAnnotatorCountRow[]; epsilon: number }) => AltTestView;
}

export const tasks: Tasks = {
  leaderboard: computeLeaderboard,
  judgeLeaderboard: buildLeaderboard,
  judgeRate: ({ counts, names, rounds }) => rateCounts(counts, names, rounds),
  judgeAltTest: ({ rows, epsilon }) => altTestView(rows, epsilon),
};
