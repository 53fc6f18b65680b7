/**
 * Database access for seeding baseline judges with a completed run (the demo seed): explicit client, one query
 * per function.
 */
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";

export async function upsertBaselineJudge(db: PrismaClient, data: { slug: string; name: string; rule: string; description: string }): Promise<{ id: number }> {
  return db.judge.upsert({
    where: { slug: data.slug },
    update: {},
    create: { ...data, kind: "baseline", family: "baseline", template: "arena-hard", isDemo: true },
    select: { id: true },
  });
}

export async function findRunByLabel(db: PrismaClient, judgeId: number, label: string): Promise<{ id: number } | null> {
  return db.judgeRun.findFirst({ where: { judgeId, label }, select: { id: true } });
}

export async function findSetBattleIds(db: PrismaClient, promptSetId: number): Promise<number[]> {
  return (await db.battle.findMany({ where: { promptSetId, mode: "fixed" }, select: { id: true }, orderBy: { id: "asc" } })).map((b) => b.id);
}

export async function createCompletedRun(db: PrismaClient, data: Prisma.JudgeRunUncheckedCreateInput): Promise<{ id: number }> {
  return db.judgeRun.create({ data, select: { id: true } });
}

export interface BaselineTaskRow {
  battleId: number;
  shownLeft: "A" | "B";
  status: "done" | "failed" | "unparseable";
  raw: string | null;
  err: string | null;
  /** Done tasks only: the vote. */
  outcome: "A" | "B" | "tie" | null;
  strength: number;
  rationale: string | null;
}

/**
 * The run's tasks and the done tasks' votes in ONE statement (jsonb rows, not thousands of bind parameters):
 * seconds faster than two `createMany` calls on PGlite. Existing rows are left alone (unique keys).
 */
export async function insertTasksAndVotes(db: PrismaClient, runId: number, judgeId: number, at: Date, rows: BaselineTaskRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await db.$queryRawUnsafe<Array<{ votes: number }>>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("battleId" int, "shownLeft" text, "status" text, "raw" text, "err" text,
         "outcome" text, "strength" int, "rationale" text)
     ), t AS (
       INSERT INTO "JudgeTask" ("runId", "battleId", "shownLeft", "status", "attempts", "rawOutput", "lastError", "createdAt", "updatedAt")
       SELECT $2::int, r."battleId", r."shownLeft"::"Side", r."status"::"TaskStatus", 1, r."raw", r."err", $4::timestamp(3), $4::timestamp(3) FROM r
       ON CONFLICT DO NOTHING
       RETURNING 1
     ), v AS (
       INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "judgeId", "judgeRunId", "strength", "rationale", "rawOutput", "createdAt")
       SELECT r."battleId", r."outcome"::"Outcome", r."shownLeft"::"Side", 'judge', $3::int, $2::int, r."strength", r."rationale", r."raw", $4::timestamp(3)
         FROM r WHERE r."status" = 'done' AND r."outcome" IS NOT NULL
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM t)::int AS tasks, (SELECT count(*) FROM v)::int AS votes`,
    JSON.stringify(rows),
    runId,
    judgeId,
    at.toISOString().replace("Z", ""),
  );
  return out[0]?.votes ?? 0;
}
