/** Prisma access for cascade calibration: one query per function. */
import { getDb } from "@/lib/db";
import type { Outcome, Prisma, Side } from "@/lib/generated/prisma/client";

export async function findHumanVotes(promptSetId?: number): Promise<Array<{ battleId: number; outcome: Outcome }>> {
  return (await getDb()).vote.findMany({
    where: { voterKind: "human", battle: { promptSetId, counted: true } },
    select: { battleId: true, outcome: true },
  });
}

export async function findJudgeVotesOn(judgeIds: number[], battleIds: number[]): Promise<Array<{ id: number; battleId: number; judgeId: number | null; shownLeft: Side; outcome: Outcome }>> {
  return (await getDb()).vote.findMany({
    where: { voterKind: "judge", judgeId: { in: judgeIds }, battleId: { in: battleIds } },
    select: { id: true, battleId: true, judgeId: true, shownLeft: true, outcome: true },
    orderBy: { id: "desc" },
  });
}

export async function insertCompletedRun(judgeId: number, label: string, selection: Prisma.InputJsonValue): Promise<number> {
  const now = new Date();
  return (await (await getDb()).judgeRun.create({ data: { judgeId, label, status: "completed", selection, startedAt: now, finishedAt: now }, select: { id: true } })).id;
}
