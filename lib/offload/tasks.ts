/**
 * The pure computations the compute pool (pool.ts) may run off the event loop: each takes and returns
 * structured-clonable data (plain objects, arrays, Maps, typed arrays) and touches no database.
 */
import { computeLeaderboard, type ComputeInput, type LeaderboardResult } from "@/lib/leaderboard/compute";
import { buildLeaderboard, type LeaderboardCore, type LeaderboardInput } from "@/lib/judges/dashboard/compute";

export interface Tasks {
  /** /leaderboard: BT fit, intervals, ranks, matrices, style control (lib/leaderboard/compute.ts). */
  leaderboard: (input: ComputeInput) => LeaderboardResult;
  /** /judges: the crowd's and every judge's fits and the agreement figures (lib/judges/dashboard/compute.ts). */
  judgeLeaderboard: (input: LeaderboardInput) => LeaderboardCore;
}

export const tasks: Tasks = {
  leaderboard: computeLeaderboard,
  judgeLeaderboard: buildLeaderboard,
};
