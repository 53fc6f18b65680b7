/** Prisma access for materialising panel runs: one query per function. */
import { getDb } from "@/lib/db";
import type { Outcome, Side } from "@/lib/generated/prisma/client";

export interface MemberVoteRow {
  id: number;
  battleId: number;
  judgeId: number;
  shownLeft: Side;
  outcome: Outcome;
  strength: number;
}

/** Stored votes of the member judges on these battles, newest first. */
export async function findMemberVotes(memberIds: number[], battleIds: number[]): Promise<MemberVoteRow[]> {
  const rows = await (await getDb()).vote.findMany({
    where: { judgeId: { in: memberIds }, battleId: { in: battleIds }, voterKind: "judge" },
    select: { id: true, battleId: true, judgeId: true, shownLeft: true, outcome: true, strength: true },
    orderBy: { id: "desc" },
  });
  return rows.flatMap((r) => (r.judgeId === null ? [] : [{ ...r, judgeId: r.judgeId }]));
}

/** Inserts the panel's votes and completes its run, in one transaction. */
export async function insertPanelVotesAndComplete(
  runId: number,
  panelId: number,
  votes: Array<{ battleId: number; shownLeft: Side; outcome: Outcome; strength: number; rationale: string }>,
): Promise<number> {
  const db = await getDb();
  const now = new Date();
  return db.$transaction(async (tx) => {
    const r = await tx.vote.createMany({
      data: votes.map((v) => ({ ...v, voterKind: "judge" as const, judgeId: panelId, judgeRunId: runId, createdAt: now })),
      skipDuplicates: true,
    });
    await tx.judgeRun.update({
      where: { id: runId },
      data: { status: "completed", totalTasks: votes.length, doneTasks: votes.length, startedAt: now, finishedAt: now },
    });
    return r.count;
  });
}
