/** Prisma access for judge runs: battle selection, task creation, run state. One query per function. */
import { getDb } from "@/lib/db";
import type { Prisma, RunStatus } from "@/lib/generated/prisma/client";
import type { RunSelection } from "@/lib/validation/judges";

export const runSelect = {
  id: true,
  judgeId: true,
  label: true,
  status: true,
  selection: true,
  combine: true,
  totalTasks: true,
  doneTasks: true,
  failedTasks: true,
  unparseableTasks: true,
  promptTokens: true,
  completionTokens: true,
  costUsd: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  judge: { select: { slug: true, name: true, kind: true } },
} satisfies Prisma.JudgeRunSelect;

export type RunRow = Prisma.JudgeRunGetPayload<{ select: typeof runSelect }>;

export async function findSystemIdsBySlugs(slugs: string[]): Promise<Array<{ id: number; slug: string }>> {
  return (await getDb()).system.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
}

export async function findPromptSetBySlug(slug: string): Promise<{ id: number } | null> {
  return (await getDb()).promptSet.findUnique({ where: { slug }, select: { id: true } });
}

/** Responses of the prompts in scope, for building baseline pairs (turn 1 only). */
export async function findResponsesForPairs(
  s: { promptSetId?: number; category?: string; systemIds?: number[] },
): Promise<Array<{ id: number; promptId: number; systemId: number; prompt: { promptSetId: number; category: string; language: string } }>> {
  return (await getDb()).response.findMany({
    where: {
      systemId: s.systemIds ? { in: s.systemIds } : undefined,
      prompt: { promptSetId: s.promptSetId, category: s.category },
    },
    select: { id: true, promptId: true, systemId: true, prompt: { select: { promptSetId: true, category: true, language: true } } },
    orderBy: { id: "asc" },
  });
}

export async function insertFixedBattles(rows: Prisma.BattleCreateManyInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await (await getDb()).battle.createMany({ data: rows, skipDuplicates: true })).count;
}

/** Battles with both answers that match the selection, in id order. */
export async function findSelectedBattleIds(
  sel: RunSelection,
  ids: { promptSetId?: number; systemIds?: number[]; baselineId?: number },
): Promise<number[]> {
  const rows = await (await getDb()).battle.findMany({
    where: {
      responseAId: { not: null },
      responseBId: { not: null },
      promptSetId: ids.promptSetId,
      category: sel.category,
      systemAId: ids.systemIds ? { in: ids.systemIds } : undefined,
      systemBId: ids.systemIds ? { in: ids.systemIds } : undefined,
      votes: sel.humanVotedOnly ? { some: { voterKind: "human" } } : undefined,
      OR: ids.baselineId !== undefined ? [{ systemAId: ids.baselineId }, { systemBId: ids.baselineId }] : undefined,
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: sel.limit,
  });
  return rows.map((r) => r.id);
}

/** Creates the run and its two tasks per battle in one transaction. */
export async function insertRunWithTasks(
  data: { judgeId: number; label: string; combine: string; selection: Prisma.InputJsonValue; status: RunStatus },
  battleIds: number[],
): Promise<number> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const run = await tx.judgeRun.create({
      data: { ...data, totalTasks: battleIds.length * 2, startedAt: data.status === "running" ? new Date() : null },
      select: { id: true },
    });
    // one statement: battles × both shown orders, in battle order (A first)
    await tx.$executeRawUnsafe(
      `INSERT INTO "JudgeTask" ("runId", "battleId", "shownLeft", "updatedAt")
       SELECT $1::int, b.id::int, o.side::"Side", (now() AT TIME ZONE 'UTC')
         FROM jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS b(id, n)
        CROSS JOIN (VALUES ('A'), ('B')) AS o(side)
        ORDER BY b.n, o.side`,
      run.id,
      JSON.stringify(battleIds),
    );
    return run.id;
  }, { timeout: 120_000, maxWait: 30_000 });
}

export async function findRunById(id: number): Promise<RunRow | null> {
  return (await getDb()).judgeRun.findUnique({ where: { id }, select: runSelect });
}

export async function findRuns(opts: { judgeId?: number; take?: number } = {}): Promise<RunRow[]> {
  return (await getDb()).judgeRun.findMany({
    where: { judgeId: opts.judgeId },
    select: runSelect,
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
  });
}

/** Moves a run between states; only from the listed states (returns false when it was not in one). */
export async function updateRunStatus(id: number, from: RunStatus[], to: RunStatus, extra: Prisma.JudgeRunUpdateManyMutationInput = {}): Promise<boolean> {
  const r = await (await getDb()).judgeRun.updateMany({ where: { id, status: { in: from } }, data: { status: to, ...extra } });
  return r.count > 0;
}

/** Task counts by status, for the progress view (leased and pending are both "remaining"). */
export async function countTasksByStatus(runId: number): Promise<Array<{ status: string; n: number }>> {
  const rows = await (await getDb()).judgeTask.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, n: r._count._all }));
}

/** The last errors of failed tasks, for the run page. */
export async function findRecentTaskErrors(runId: number, take = 5): Promise<Array<{ id: number; status: string; lastError: string | null }>> {
  return (await getDb()).judgeTask.findMany({
    where: { runId, status: { in: ["failed", "unparseable"] } },
    select: { id: true, status: true, lastError: true },
    orderBy: { updatedAt: "desc" },
    take,
  });
}
