/**
 * Flagged voters for maintainers: who was flagged and why (the flags come from lib/voters/flagging.ts), their vote
 * counts, and excluding a voter from the rankings or restoring them (Voter.excluded). Votes are never deleted.
 */
import { notFound } from "@/lib/errors";
import type { VoterFilter } from "@/lib/validation/admin";
import { findVoters, updateVoterExcluded } from "./queries-voters";
import { isRecordNotFound } from "./prisma-errors";

export interface VoterView {
  id: number;
  label: string;
  flagged: boolean;
  flagReason: string | null;
  flaggedAt: string | null;
  excluded: boolean;
  votes: number;
  createdAt: string;
}

export const VOTER_LIST_LIMIT = 500;

export async function listVoters(filter: VoterFilter = "all"): Promise<VoterView[]> {
  const rows = await findVoters(filter, VOTER_LIST_LIMIT);
  return rows.map((v) => ({
    id: v.id,
    label: v.userEmail ?? v.externalId ?? `anonymous #${v.id}`,
    flagged: v.flagged,
    flagReason: v.flagReason,
    flaggedAt: v.flaggedAt?.toISOString() ?? null,
    excluded: v.excluded,
    votes: v.votes,
    createdAt: v.createdAt.toISOString(),
  }));
}

export async function setVoterExcluded(id: number, excluded: boolean): Promise<{ id: number; excluded: boolean }> {
  try {
    return await updateVoterExcluded(id, excluded);
  } catch (err) {
    if (isRecordNotFound(err)) throw notFound(`voter ${id}`);
    throw err;
  }
}
