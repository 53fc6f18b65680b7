/**
 * Every SQL statement of the importers. Bulk rows go in as parallel arrays through `unnest` (one parameter per
 * column), one `INSERT … ON CONFLICT DO NOTHING RETURNING id, key` per table per batch; rows that already existed
 * are then looked up by key, one index probe each. Votes and battles are written with ids, never joined by key
 * against whole tables.
 */
import pg from "pg";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { boolArray, intCol, textArray, textCol } from "./sqlarray";

/**
 * A SQL session for one batch. On Postgres (and PGlite through its socket) batches go through a dedicated `pg`
 * connection: Prisma's raw queries add ~100 ms of argument handling per 5,000-row statement, which alone would cap
 * imports near 3k votes/s. In-memory PGlite (tests) has no socket, so there the same SQL runs through Prisma.
 */
export interface Tx {
  execute(sql: string, ...params: unknown[]): Promise<number>;
  query<R>(sql: string, ...params: unknown[]): Promise<R[]>;
}

export interface BulkSession {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openBulkSession(db: PrismaClient, url: string | null): Promise<BulkSession> {
  if (!url) {
    return {
      transaction: (fn) =>
        db.$transaction((tx) => fn({ execute: (sql, ...p) => tx.$executeRawUnsafe(sql, ...p), query: (sql, ...p) => tx.$queryRawUnsafe(sql, ...p) }), {
          timeout: 300_000,
          maxWait: 60_000,
        }),
      close: async () => undefined,
    };
  }
  const client = new pg.Client({ connectionString: url, application_name: "concord-import" });
  await client.connect();
  // Import-session settings only. synchronous_commit off: a server crash may lose the last few commits, never part
  // of one (each batch commits with its cursor), and the resume redoes them; the job's final, synchronous status
  // update flushes the WAL of every batch before it. jit off: a 10k-row batch statement crosses jit_above_cost, and
  // compiling it costs more than it saves. (No planner settings: the vote-rollup trigger probes "Battle" by primary
  // key whatever the costs say — migration 20261201141000_vote_rollup_index_probes — and the id lookups here are
  // scalar subqueries, one index probe per key.)
  await client.query("SET synchronous_commit = off; SET jit = off");
  const tx: Tx = {
    execute: async (sql, ...p) => (await client.query(sql, p)).rowCount ?? 0,
    query: async <R>(sql: string, ...p: unknown[]) => (await client.query(sql, p)).rows as R[],
  };
  return {
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        const out = await fn(tx);
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    },
    close: () => client.end(),
  };
}

const NOW = `(now() AT TIME ZONE 'UTC')`;
const at = (col: string) => `COALESCE(${col}::timestamptz AT TIME ZONE 'UTC', ${NOW})`;

export async function insertSystems(tx: Tx, rows: { slug: string; name: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.execute(
    `INSERT INTO "System" (slug, name, description, "updatedAt")
     SELECT u.slug, u.name, 'Imported', ${NOW} FROM unnest($1::text[], $2::text[]) AS u(slug, name)
     ON CONFLICT (slug) DO NOTHING`,
    textCol(rows, (r) => r.slug),
    textCol(rows, (r) => r.name),
  );
}

export async function systemIdsBySlug(tx: Tx, slugs: string[]): Promise<{ id: number; slug: string }[]> {
  return tx.query(`SELECT id, slug FROM "System" WHERE slug = ANY($1::text[])`, textArray(slugs));
}

export async function upsertPromptSet(tx: Tx, slug: string, name: string, source: string): Promise<{ id: number; created: boolean }> {
  const created = await tx.query<{ id: number }>(
    `INSERT INTO "PromptSet" (slug, name, source, description) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    slug, name, source, `Imported (${source})`,
  );
  if (created[0]) return { id: created[0].id, created: true };
  const [row] = await tx.query<{ id: number }>(`SELECT id FROM "PromptSet" WHERE slug = $1`, slug);
  return { id: row.id, created: false };
}

export async function upsertJudge(
  tx: Tx,
  j: { slug: string; name: string; family: string; kind: "llm" | "external" | "baseline" | "panel"; description: string },
): Promise<{ id: number; created: boolean }> {
  const created = await tx.query<{ id: number }>(
    `INSERT INTO "Judge" (slug, name, kind, family, description, "updatedAt") VALUES ($1, $2, $3::"JudgeKind", $4, $5, ${NOW})
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    j.slug, j.name, j.kind, j.family, j.description,
  );
  if (created[0]) return { id: created[0].id, created: true };
  const [row] = await tx.query<{ id: number }>(`SELECT id FROM "Judge" WHERE slug = $1`, j.slug);
  return { id: row.id, created: false };
}

export async function findOrCreateJudgeRun(tx: Tx, judgeId: number, label: string, combine: string): Promise<number> {
  const [existing] = await tx.query<{ id: number }>(`SELECT id FROM "JudgeRun" WHERE "judgeId" = $1 AND label = $2 ORDER BY id LIMIT 1`, judgeId, label);
  if (existing) return existing.id;
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO "JudgeRun" ("judgeId", label, combine, status, selection, "startedAt", "finishedAt")
     VALUES ($1, $2, $3, 'completed'::"RunStatus", '{"imported": true}'::jsonb, ${NOW}, ${NOW}) RETURNING id`,
    judgeId, label, combine,
  );
  return row.id;
}

/**
 * How a bulk insert treats rows whose keys exist: "skip" (ON CONFLICT DO NOTHING, then existing ids are looked up) or
 * "fail" (a plain INSERT: a duplicate raises unique_violation 23505 and the caller redoes the batch with "skip").
 * A plain insert skips the speculative-insertion protocol (a pre-check probe of every unique index per row, then a
 * second pass); on a fresh 1M-row import that was ~15% of the database's CPU.
 */
export type OnConflict = "skip" | "fail";

export interface PromptRow { ext: string; turns: string; category: string; language: string; reference: string | null }

/**
 * Ids of existing rows by natural key, one index probe per key (a scalar subquery cannot be turned into a hash join
 * over the whole table, whatever the statistics say): a batch costs O(batch · log table), not O(table).
 */
async function idsByKey(tx: Tx, lookup: string, keys: string[], setId?: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (keys.length === 0) return out;
  const rows = setId === undefined
    ? await tx.query<{ k: string; id: number | null }>(`SELECT u.k, (${lookup}) AS id FROM unnest($1::text[]) AS u(k)`, textArray(keys))
    : await tx.query<{ k: string; id: number | null }>(`SELECT u.k, (${lookup}) AS id FROM unnest($2::text[]) AS u(k)`, setId, textArray(keys));
  for (const r of rows) if (r.id !== null) out.set(r.k, Number(r.id));
  return out;
}

export async function promptIdsByExt(tx: Tx, setId: number, exts: string[]): Promise<Map<string, number>> {
  return idsByKey(tx, `SELECT p.id FROM "Prompt" p WHERE p."promptSetId" = $1 AND p."externalId" = u.k`, exts, setId);
}

/** Inserts the prompts that are new; returns the ids created by this insert, and every prompt's id by external id. */
export async function insertPrompts(
  tx: Tx, setId: number, rows: PromptRow[], onConflict: OnConflict = "skip",
): Promise<{ created: number; createdIds: Set<number>; ids: Map<string, number> }> {
  if (rows.length === 0) return { created: 0, createdIds: new Set(), ids: new Map() };
  const inserted = await tx.query<{ id: number; ext: string }>(
    `INSERT INTO "Prompt" ("promptSetId", "externalId", turns, category, language, reference)
     SELECT $1, u.ext, u.turns::jsonb, u.category, u.language, u.reference::jsonb
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(ext, turns, category, language, reference)
     ${onConflict === "skip" ? `ON CONFLICT ("promptSetId", "externalId") DO NOTHING` : ""}
     RETURNING id, "externalId" AS ext`,
    setId,
    textCol(rows, (r) => r.ext),
    textCol(rows, (r) => r.turns),
    textCol(rows, (r) => r.category),
    textCol(rows, (r) => r.language),
    textCol(rows, (r) => r.reference),
  );
  const ids = new Map(inserted.map((r) => [r.ext, Number(r.id)]));
  const createdIds = new Set(ids.values());
  if (onConflict === "fail") return { created: inserted.length, createdIds, ids };
  const missing = rows.filter((r) => !ids.has(r.ext)).map((r) => r.ext);
  for (const [k, id] of await promptIdsByExt(tx, setId, missing)) ids.set(k, id);
  return { created: inserted.length, createdIds, ids };
}

export interface ResponseRow { promptId: number; systemId: number; turns: string }

export async function insertResponses(tx: Tx, rows: ResponseRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.execute(
    `INSERT INTO "Response" ("promptId", "systemId", turns, origin)
     SELECT u.pid, u.sys, u.turns::jsonb, 'imported'::"ResponseOrigin"
     FROM unnest($1::int[], $2::int[], $3::text[]) AS u(pid, sys, turns)
     ON CONFLICT ("promptId", "systemId") DO NOTHING`,
    intCol(rows, (r) => r.promptId),
    intCol(rows, (r) => r.systemId),
    textCol(rows, (r) => r.turns),
  );
}

/** Inserts the voters that are new (`externalIds` sorted, for lock order); returns how many were, and their ids. */
export async function insertVoters(tx: Tx, externalIds: string[]): Promise<{ created: number; ids: Map<string, number> }> {
  if (externalIds.length === 0) return { created: 0, ids: new Map() };
  const inserted = await tx.query<{ id: number; ext: string }>(
    `INSERT INTO "Voter" ("externalId") SELECT x FROM unnest($1::text[]) AS x ON CONFLICT ("externalId") DO NOTHING
     RETURNING id, "externalId" AS ext`,
    textArray(externalIds),
  );
  const ids = new Map(inserted.map((r) => [r.ext, Number(r.id)]));
  const missing = externalIds.filter((x) => !ids.has(x));
  for (const [k, id] of await idsByKey(tx, `SELECT v.id FROM "Voter" v WHERE v."externalId" = u.k`, missing)) ids.set(k, id);
  return { created: inserted.length, ids };
}

export interface BattleRow {
  key: string; mode: string; promptId: number; turn: number; a: number; b: number;
  category: string; language: string; counted: boolean; created: string | null;
  /** False when the prompt can have no responses yet (created by this batch, which brings none for it). */
  responses: boolean;
}

/** Inserts the battles that are new (rows sorted by key, for lock order); returns how many were, and every id by key. */
export async function insertBattles(tx: Tx, setId: number, rows: BattleRow[], onConflict: OnConflict = "skip"): Promise<{ created: number; ids: Map<string, number> }> {
  if (rows.length === 0) return { created: 0, ids: new Map() };
  const inserted = await tx.query<{ id: number; key: string }>(
    `INSERT INTO "Battle" (key, mode, "promptId", turn, "systemAId", "systemBId", "responseAId", "responseBId",
                           "promptSetId", category, language, counted, "createdAt")
     SELECT u.key, u.mode::"BattleMode", u.pid, u.turn, u.a, u.b,
            CASE WHEN u.look THEN (SELECT r.id FROM "Response" r WHERE r."promptId" = u.pid AND r."systemId" = u.a) END,
            CASE WHEN u.look THEN (SELECT r.id FROM "Response" r WHERE r."promptId" = u.pid AND r."systemId" = u.b) END,
            $1, u.category, u.language, u.counted, ${at("u.created")}
     FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[],
                 $10::bool[], $11::text[], $12::bool[]) AS u(key, mode, pid, turn, a, b, category, language, counted, created, look)
     ${onConflict === "skip" ? "ON CONFLICT DO NOTHING" : ""}
     RETURNING id, key`,
    setId,
    textCol(rows, (r) => r.key),
    textCol(rows, (r) => r.mode),
    intCol(rows, (r) => r.promptId),
    intCol(rows, (r) => r.turn),
    intCol(rows, (r) => r.a),
    intCol(rows, (r) => r.b),
    textCol(rows, (r) => r.category),
    textCol(rows, (r) => r.language),
    boolArray(rows.map((r) => r.counted)),
    textCol(rows, (r) => r.created),
    boolArray(rows.map((r) => r.responses)),
  );
  const ids = new Map(inserted.map((r) => [r.key, Number(r.id)]));
  if (onConflict === "fail") return { created: inserted.length, ids };
  const missing = rows.filter((r) => !ids.has(r.key)).map((r) => r.key);
  for (const [k, id] of await idsByKey(tx, `SELECT b.id FROM "Battle" b WHERE b.key = u.k`, missing)) ids.set(k, id);
  return { created: inserted.length, ids };
}

export interface VoteRow {
  battleId: number; outcome: string; shownLeft: string; voterKind: string; voterId: number | null;
  judgeId: number | null; runId: number | null; strength: number; rationale: string | null; raw: string | null;
  key: string; created: string | null;
}

export async function insertVotes(tx: Tx, rows: VoteRow[], onConflict: OnConflict = "skip"): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.execute(
    `INSERT INTO "Vote" ("battleId", outcome, "shownLeft", "voterKind", "voterId", "judgeId", "judgeRunId", strength,
                         rationale, "rawOutput", "externalKey", "createdAt")
     SELECT u.battle, u.outcome::"Outcome", u.shown::"Side", u.kind::"VoterKind", u.voter, u.judge, u.run, u.strength,
            u.rationale, u.raw, u.xkey, ${at("u.created")}
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
                 $9::text[], $10::text[], $11::text[], $12::text[])
          AS u(battle, outcome, shown, kind, voter, judge, run, strength, rationale, raw, xkey, created)
     ${onConflict === "skip" ? "ON CONFLICT DO NOTHING" : ""}`,
    intCol(rows, (r) => r.battleId),
    textCol(rows, (r) => r.outcome),
    textCol(rows, (r) => r.shownLeft),
    textCol(rows, (r) => r.voterKind),
    intCol(rows, (r) => r.voterId),
    intCol(rows, (r) => r.judgeId),
    intCol(rows, (r) => r.runId),
    intCol(rows, (r) => r.strength),
    textCol(rows, (r) => r.rationale),
    textCol(rows, (r) => r.raw),
    textCol(rows, (r) => r.key),
    textCol(rows, (r) => r.created),
  );
}

// ---- ImportJob ----

export interface JobRow {
  id: number; format: string; status: string; fingerprint: string; options: unknown; paths: unknown;
  totalBytes: number; bytesRead: number; rowsRead: number; imported: number; skipped: number; cursor: unknown;
  summary: unknown; error: string | null; createdBy: string | null; createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
}

export async function findResumableJob(db: PrismaClient, fingerprint: string): Promise<JobRow | null> {
  return db.importJob.findFirst({ where: { fingerprint, status: { in: ["running", "failed"] } }, orderBy: { id: "desc" } });
}

export async function createJob(
  db: PrismaClient,
  data: { format: string; status: string; fingerprint: string; options: Prisma.InputJsonValue; paths: Prisma.InputJsonValue; createdBy?: string | null },
): Promise<JobRow> {
  return db.importJob.create({ data });
}

export async function getJob(db: PrismaClient, id: number): Promise<JobRow | null> {
  return db.importJob.findUnique({ where: { id } });
}

export async function listJobs(db: PrismaClient, take: number): Promise<JobRow[]> {
  return db.importJob.findMany({ orderBy: { id: "desc" }, take });
}

export async function updateJob(db: PrismaClient, id: number, data: Prisma.ImportJobUpdateInput): Promise<void> {
  await db.importJob.update({ where: { id }, data });
}

/** The job's progress and cursor, written in the batch's own transaction. */
export async function saveJobCursor(
  tx: Tx,
  id: number,
  p: { seq: number; cursor: Record<string, number>; bytesRead: number; rowsRead: number; importedDelta: number; skipped: number },
): Promise<void> {
  // Batches may commit out of order: the cursor only moves forward (its `__seq` is the batch it is valid after).
  await tx.execute(
    `UPDATE "ImportJob" SET
       cursor = CASE WHEN COALESCE((cursor->>'__seq')::int, -1) < $7 THEN $2::jsonb ELSE cursor END,
       "bytesRead" = GREATEST("bytesRead", $3), "rowsRead" = GREATEST("rowsRead", $4), imported = imported + $5,
       skipped = GREATEST(skipped, $6), "updatedAt" = ${NOW}
     WHERE id = $1`,
    id, JSON.stringify({ ...p.cursor, __seq: p.seq }), p.bytesRead, p.rowsRead, p.importedDelta, p.skipped, p.seq,
  );
}
