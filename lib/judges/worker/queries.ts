/**
 * The worker's database access, in raw SQL so each step is ONE statement (one round trip, one transaction):
 * claim a batch of tasks with FOR UPDATE SKIP LOCKED leases, extend leases, write a batch of results (votes +
 * task states + run counters + cache), release unstarted tasks. Times are UTC `timestamp(3)` like Prisma's.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSql } from "@/lib/db/raw";

const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface ClaimedTask {
  id: number;
  runId: number;
  battleId: number;
  shownLeft: "A" | "B";
  attempts: number;
}

/**
 * Leases up to `limit` claimable tasks of running runs: pending, or leased with an expired lease, and not
 * before their back-off time. `attempts` is incremented at claim, so a task whose worker keeps dying is
 * eventually failed instead of looping forever.
 */
export async function claimTasks(db: PrismaClient, owner: string, limit: number, leaseMs: number, runId: number | null): Promise<ClaimedTask[]> {
  return db.$queryRawUnsafe<ClaimedTask[]>(
    `UPDATE "JudgeTask" t
        SET "status" = 'leased', "leaseOwner" = $1, "leaseExpiresAt" = ${NOW} + ($2::int * interval '1 millisecond'),
            "attempts" = t."attempts" + 1, "updatedAt" = ${NOW}
      WHERE t."id" IN (
        SELECT jt."id" FROM "JudgeTask" jt JOIN "JudgeRun" r ON r."id" = jt."runId"
         WHERE (jt."status" = 'pending' OR (jt."status" = 'leased' AND jt."leaseExpiresAt" < ${NOW}))
           AND (jt."notBefore" IS NULL OR jt."notBefore" <= ${NOW})
           AND r."status" = 'running'
           AND ($4::int IS NULL OR jt."runId" = $4::int)
         ORDER BY jt."id"
         LIMIT $3::int
         FOR UPDATE OF jt SKIP LOCKED)
      RETURNING t."id", t."runId", t."battleId", t."shownLeft"::text AS "shownLeft", t."attempts"`,
    owner,
    leaseMs,
    limit,
    runId,
  );
}

/** A claimed task with its battle's judge input, from `claimTasksWithInputs`. */
export interface ClaimedWithInput extends ClaimedTask {
  battle: BattleInputRow | undefined;
}

interface ClaimedInputRow extends ClaimedTask {
  turn: number | null;
  responseAId: number | null;
  responseBId: number | null;
  promptTurns: unknown;
  promptReference: unknown;
  hasA: boolean;
  aTurns: unknown;
  hasB: boolean;
  bTurns: unknown;
  found: boolean;
}

/**
 * `claimTasks` plus each claimed task's battle input (prompt turns, reference, both answers) in the SAME
 * statement: one round trip per claimed batch instead of a claim and then several input look-ups.
 */
export async function claimTasksWithInputs(sql: RawSql, owner: string, limit: number, leaseMs: number, runId: number | null): Promise<ClaimedWithInput[]> {
  const rows = await sql.query<ClaimedInputRow>(
    `WITH c AS (
       UPDATE "JudgeTask" t
          SET "status" = 'leased', "leaseOwner" = $1, "leaseExpiresAt" = ${NOW} + ($2::int * interval '1 millisecond'),
              "attempts" = t."attempts" + 1, "updatedAt" = ${NOW}
        WHERE t."id" IN (
          SELECT jt."id" FROM "JudgeTask" jt JOIN "JudgeRun" r ON r."id" = jt."runId"
           WHERE (jt."status" = 'pending' OR (jt."status" = 'leased' AND jt."leaseExpiresAt" < ${NOW}))
             AND (jt."notBefore" IS NULL OR jt."notBefore" <= ${NOW})
             AND r."status" = 'running'
             AND ($4::int IS NULL OR jt."runId" = $4::int)
           ORDER BY jt."id"
           LIMIT $3::int
           FOR UPDATE OF jt SKIP LOCKED)
        RETURNING t."id", t."runId", t."battleId", t."shownLeft"::text AS "shownLeft", t."attempts")
     SELECT c."id", c."runId", c."battleId", c."shownLeft", c."attempts",
            b."id" IS NOT NULL AS "found", b."turn", b."responseAId", b."responseBId",
            p."turns" AS "promptTurns", p."reference" AS "promptReference",
            ra."id" IS NOT NULL AS "hasA", ra."turns" AS "aTurns", rb."id" IS NOT NULL AS "hasB", rb."turns" AS "bTurns"
       FROM c
       LEFT JOIN "Battle" b ON b."id" = c."battleId"
       LEFT JOIN "Prompt" p ON p."id" = b."promptId"
       LEFT JOIN "Response" ra ON ra."id" = b."responseAId"
       LEFT JOIN "Response" rb ON rb."id" = b."responseBId"
      ORDER BY c."id"`,
    [owner, leaseMs, limit, runId],
  );
  return rows.map((r) => ({
    id: r.id,
    runId: r.runId,
    battleId: r.battleId,
    shownLeft: r.shownLeft,
    attempts: r.attempts,
    battle: r.found
      ? {
          id: r.battleId,
          turn: r.turn ?? 1,
          responseAId: r.responseAId,
          responseBId: r.responseBId,
          prompt: { turns: json(r.promptTurns), reference: json(r.promptReference) },
          responseA: r.hasA ? { turns: json(r.aTurns) } : null,
          responseB: r.hasB ? { turns: json(r.bTurns) } : null,
        }
      : undefined,
  }));
}

/** jsonb from a raw query: already parsed by most drivers, a string by some. */
function json(v: unknown): unknown {
  if (typeof v !== "string") return v ?? null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Heartbeat: pushes the lease of tasks this worker still holds. */
export async function extendLeases(db: PrismaClient, owner: string, ids: number[], leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  return db.$executeRawUnsafe(
    `UPDATE "JudgeTask" SET "leaseExpiresAt" = ${NOW} + ($2::int * interval '1 millisecond')
      WHERE "id" = ANY(SELECT jsonb_array_elements_text($3::jsonb)::int) AND "leaseOwner" = $1 AND "status" = 'leased'`,
    owner,
    leaseMs,
    JSON.stringify(ids),
  );
}

/** Gives back claimed tasks that were never started (graceful shutdown): pending again, the attempt uncounted. */
export async function releaseTasks(db: PrismaClient, owner: string, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.$executeRawUnsafe(
    `UPDATE "JudgeTask" SET "status" = 'pending', "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
            "attempts" = GREATEST(0, "attempts" - 1), "updatedAt" = ${NOW}
      WHERE "id" = ANY(SELECT jsonb_array_elements_text($2::jsonb)::int) AND "leaseOwner" = $1 AND "status" = 'leased'`,
    owner,
    JSON.stringify(ids),
  );
}

export interface RunContextRow {
  runId: number;
  runStatus: string;
  judgeId: number;
  kind: string;
  baseUrl: string | null;
  model: string | null;
  apiKeyEnv: string | null;
  template: string | null;
  customTemplate: string | null;
  params: unknown;
  concurrency: number;
  rpm: number | null;
  tpm: number | null;
  pricePromptPerM: number;
  priceCompletionPerM: number;
  rule: string | null;
}

export async function findRunContext(db: PrismaClient, runId: number): Promise<RunContextRow | null> {
  const r = await db.judgeRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      status: true,
      judge: {
        select: {
          id: true, kind: true, baseUrl: true, model: true, apiKeyEnv: true, template: true, customTemplate: true, params: true,
          concurrency: true, rpm: true, tpm: true, pricePromptPerM: true, priceCompletionPerM: true, rule: true,
        },
      },
    },
  });
  if (!r) return null;
  const { id: judgeId, ...j } = r.judge;
  return { runId: r.id, runStatus: r.status, judgeId, ...j };
}

export async function findRunStatus(db: PrismaClient, runId: number): Promise<string | null> {
  return (await db.judgeRun.findUnique({ where: { id: runId }, select: { status: true } }))?.status ?? null;
}

export interface BattleInputRow {
  id: number;
  turn: number;
  responseAId: number | null;
  responseBId: number | null;
  prompt: { turns: unknown; reference: unknown };
  responseA: { turns: unknown } | null;
  responseB: { turns: unknown } | null;
}

export async function findBattleInputs(db: PrismaClient, ids: number[]): Promise<BattleInputRow[]> {
  return db.battle.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, turn: true, responseAId: true, responseBId: true,
      prompt: { select: { turns: true, reference: true } },
      responseA: { select: { turns: true } },
      responseB: { select: { turns: true } },
    },
  });
}

export async function findCached(sql: RawSql, hashes: string[]): Promise<Array<{ requestHash: string; output: string }>> {
  if (hashes.length === 0) return [];
  return sql.query<{ requestHash: string; output: string }>(
    `SELECT "requestHash", "output" FROM "JudgeCache" WHERE "requestHash" = ANY($1::text[])`,
    [hashes],
  );
}

/** One task's outcome as the worker hands it to `writeResults`. */
export interface TaskResult {
  taskId: number;
  status: "done" | "unparseable" | "failed" | "pending";
  outcome: "A" | "B" | "tie" | null;
  strength: number;
  rationale: string | null;
  raw: string | null;
  pt: number;
  ct: number;
  cost: number;
  err: string | null;
  hash: string | null;
  /** Back-off (status pending): not before this UTC time. */
  notBefore: string | null;
  /** Cache entry to store (JSON of the outputs), for paid calls. */
  cache: string | null;
}

/**
 * Writes a batch of results in ONE statement: task rows (only if still leased, so a late duplicate writer changes
 * nothing), a judge Vote per done task (ON CONFLICT DO NOTHING on the judge-vote key), cache rows, the run's
 * counters/tokens/cost, and completes runs whose tasks are all finished.
 */
export async function writeResults(sql: RawSql, results: TaskResult[]): Promise<{ updated: number; inserted: number }> {
  if (results.length === 0) return { updated: 0, inserted: 0 };
  const rows = await sql.query<{ updated: number; inserted: number }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("taskId" int, "status" text, "outcome" text, "strength" int,
         "rationale" text, "raw" text, "pt" int, "ct" int, "cost" float8, "err" text, "hash" text, "notBefore" text, "cache" text)
     ), upd AS (
       UPDATE "JudgeTask" t
          SET "status" = r."status"::"TaskStatus", "rawOutput" = COALESCE(r."raw", t."rawOutput"),
              "promptTokens" = t."promptTokens" + r."pt", "completionTokens" = t."completionTokens" + r."ct",
              "lastError" = r."err", "requestHash" = COALESCE(r."hash", t."requestHash"),
              "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "notBefore" = r."notBefore"::timestamp(3), "updatedAt" = ${NOW}
         FROM r
        WHERE t."id" = r."taskId" AND t."status" = 'leased'
        RETURNING t."id", t."runId", t."battleId", t."shownLeft", r."status" AS "st", r."outcome", r."strength",
                  r."rationale", r."raw", r."pt", r."ct", r."cost"
     ), ins AS (
       INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "judgeId", "judgeRunId", "strength",
                           "rationale", "rawOutput", "promptTokens", "completionTokens", "createdAt")
       SELECT upd."battleId", upd."outcome"::"Outcome", upd."shownLeft", 'judge', jr."judgeId", upd."runId", upd."strength",
              upd."rationale", upd."raw", upd."pt", upd."ct", ${NOW}
         FROM upd JOIN "JudgeRun" jr ON jr."id" = upd."runId"
        WHERE upd."st" = 'done'
        ORDER BY upd."id"
       ON CONFLICT ("battleId", "judgeId", "shownLeft", "judgeRunId") DO NOTHING
       RETURNING "id"
     ), cache AS (
       INSERT INTO "JudgeCache" ("requestHash", "output", "promptTokens", "completionTokens", "createdAt")
       SELECT DISTINCT ON (r."hash") r."hash", r."cache", r."pt", r."ct", ${NOW} FROM r
        WHERE r."cache" IS NOT NULL AND r."hash" IS NOT NULL AND r."status" <> 'pending' AND r."status" <> 'failed'
       ON CONFLICT ("requestHash") DO NOTHING
       RETURNING 1
     ), agg AS (
       SELECT "runId",
              count(*) FILTER (WHERE "st" = 'done')::int AS d,
              count(*) FILTER (WHERE "st" = 'failed')::int AS f,
              count(*) FILTER (WHERE "st" = 'unparseable')::int AS u,
              COALESCE(sum("pt"), 0)::int AS pt, COALESCE(sum("ct"), 0)::int AS ct, COALESCE(sum("cost"), 0)::float8 AS cost
         FROM upd GROUP BY "runId"
     ), bump AS (
       UPDATE "JudgeRun" jr
          SET "doneTasks" = jr."doneTasks" + agg.d, "failedTasks" = jr."failedTasks" + agg.f,
              "unparseableTasks" = jr."unparseableTasks" + agg.u,
              "promptTokens" = jr."promptTokens" + agg.pt, "completionTokens" = jr."completionTokens" + agg.ct,
              "costUsd" = jr."costUsd" + agg.cost,
              "status" = CASE WHEN jr."status" IN ('running', 'paused')
                               AND jr."doneTasks" + agg.d + jr."failedTasks" + agg.f + jr."unparseableTasks" + agg.u >= jr."totalTasks"
                              THEN 'completed'::"RunStatus" ELSE jr."status" END,
              "finishedAt" = CASE WHEN jr."status" IN ('running', 'paused')
                               AND jr."doneTasks" + agg.d + jr."failedTasks" + agg.f + jr."unparseableTasks" + agg.u >= jr."totalTasks"
                              THEN ${NOW} ELSE jr."finishedAt" END
         FROM agg WHERE jr."id" = agg."runId"
        RETURNING jr."id"
     )
     SELECT (SELECT count(*) FROM upd)::int AS updated, (SELECT count(*) FROM ins)::int AS inserted,
            (SELECT count(*) FROM cache)::int AS cached, (SELECT count(*) FROM bump)::int AS bumped`,
    [JSON.stringify(results)],
  );
  return rows[0] ?? { updated: 0, inserted: 0 };
}
