/** Voter services: outlier flagging (lib/voters/flagging.ts) and the exclusion list the leaderboard filters on. */
import { getDb } from "@/lib/db";
import { flagVoters, type FlagOptions, type VoterScore } from "./flagging";
import { listExcludedVoterIds, listHumanVotes, replaceFlags } from "./queries";

export interface FlagSummary {
  scored: number;
  flagged: VoterScore[];
  votes: number;
}

/** Scores every human voter and rewrites Voter.flagged / flagReason (unless dryRun). */
export async function runVoterFlagging(opts: FlagOptions & { dryRun?: boolean } = {}): Promise<FlagSummary> {
  const db = await getDb();
  const rows = await listHumanVotes(db);
  const scores = flagVoters(
    rows.map((r) => ({ voterId: r.voterId, a: r.systemAId, b: r.systemBId, outcome: r.outcome })),
    opts,
  );
  const flagged = scores.filter((s) => s.flagged);
  if (!opts.dryRun) await replaceFlags(db, flagged.map((s) => ({ id: s.voterId, reason: s.reason! })));
  return { scored: scores.length, flagged, votes: rows.length };
}

/** Voters the rankings should leave out ("exclude flagged voters"): flagged, or excluded by a maintainer. */
export async function excludedVoterIds(): Promise<number[]> {
  return listExcludedVoterIds(await getDb());
}
