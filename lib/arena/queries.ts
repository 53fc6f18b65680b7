/** The arena's database access: one query per function. Times are passed as UTC strings cast to timestamp(3). */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSql } from "@/lib/db/raw";
import type { CanonicalOutcome, CanonicalSide } from "@/lib/battles/canonical";

const ts = (d: Date) => d.toISOString().replace("Z", "");

export async function getSettingValue(db: PrismaClient, key: string): Promise<unknown> {
  const row = await db.setting.findUnique({ where: { key } });
  return row?.value ?? null;
}

export async function insertSettingIfAbsent(db: PrismaClient, key: string, value: string): Promise<void> {
  await db.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${key}, to_jsonb(${value}::text), now()) ON CONFLICT ("key") DO NOTHING`;
}

export async function listArenaSettings(db: PrismaClient): Promise<{ key: string; value: unknown }[]> {
  return db.setting.findMany({ where: { key: { in: ["arena.sampling", "arena.rateLimits"] } }, select: { key: true, value: true } });
}

export async function upsertSetting(db: PrismaClient, key: string, value: object | string): Promise<void> {
  await db.setting.upsert({ where: { key }, update: { value }, create: { key, value } });
}

export interface PoolSystemRow {
  id: number;
  slug: string;
  name: string;
  organization: string;
  active: boolean;
  weight: number;
  outage: boolean;
  boost: number;
}

export async function listSystems(db: PrismaClient): Promise<PoolSystemRow[]> {
  return db.system.findMany({
    select: { id: true, slug: true, name: true, organization: true, active: true, weight: true, outage: true, boost: true },
  });
}

export interface PoolResponseRow {
  responseId: number;
  systemId: number;
  responseTurns: unknown;
  promptId: number;
  promptTurns: unknown;
  category: string;
  language: string;
  setId: number;
  setSlug: string;
  setName: string;
}

/** Every response to a prompt the arena serves: active sets, minus each set's inactive categories. */
export async function listServableResponses(db: PrismaClient): Promise<PoolResponseRow[]> {
  return db.$queryRaw<PoolResponseRow[]>`
    SELECT r."id" AS "responseId", r."systemId", r."turns" AS "responseTurns", p."id" AS "promptId",
           p."turns" AS "promptTurns", p."category", p."language", s."id" AS "setId", s."slug" AS "setSlug", s."name" AS "setName"
    FROM "Response" r
    JOIN "Prompt" p ON p."id" = r."promptId"
    JOIN "PromptSet" s ON s."id" = p."promptSetId"
    JOIN "System" y ON y."id" = r."systemId"
    WHERE s."active" AND y."active" AND NOT (p."category" = ANY (s."inactiveCategories"))`;
}

/** Ids of the fixed battles that already exist for the served sets. */
export async function listFixedBattleIds(db: PrismaClient): Promise<{ id: number; key: string }[]> {
  return db.$queryRaw<{ id: number; key: string }[]>`
    SELECT b."id", b."key" FROM "Battle" b JOIN "PromptSet" s ON s."id" = b."promptSetId"
    WHERE b."mode" = 'fixed' AND s."active"`;
}

/** Keys of the battles this voter has voted on (hot path: raw SQL, lib/db/raw.ts). */
export async function listVotedBattleKeys(sql: RawSql, voterId: number): Promise<string[]> {
  const rows = await sql.query<{ key: string }>(`SELECT b."key" FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" WHERE v."voterId" = $1::int`, [voterId]);
  return rows.map((r) => r.key);
}

/** A judge run's votes by battle key: which shown orders it has judged (judge agents judge both orders). */
export async function listJudgedOrders(sql: RawSql, judgeRunId: number): Promise<Array<{ key: string; sides: string[] }>> {
  return sql.query<{ key: string; sides: string[] }>(
    `SELECT b."key", array_agg(DISTINCT v."shownLeft"::text) AS "sides"
       FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
      WHERE v."judgeRunId" = $1::int
      GROUP BY b."key"`,
    [judgeRunId],
  );
}

export interface FixedBattleFields {
  key: string;
  promptId: number;
  turn: number;
  systemAId: number;
  systemBId: number;
  responseAId: number;
  responseBId: number;
  promptSetId: number;
  category: string;
  language: string;
}

/** The canonical fixed battle, created on first use; concurrent callers all get the same row. */
export async function upsertFixedBattle(db: PrismaClient, b: FixedBattleFields): Promise<number> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "Battle" ("key", "mode", "promptId", "turn", "systemAId", "systemBId", "responseAId", "responseBId", "promptSetId", "category", "language")
    VALUES (${b.key}, 'fixed', ${b.promptId}, ${b.turn}, ${b.systemAId}, ${b.systemBId}, ${b.responseAId}, ${b.responseBId}, ${b.promptSetId}, ${b.category}, ${b.language})
    ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key"
    RETURNING "id"`;
  return rows[0].id;
}

export async function insertTicket(
  sql: RawSql,
  t: { id: string; battleId: number; voterId: number; shownLeft: CanonicalSide; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO "BattleTicket" ("id", "battleId", "voterId", "shownLeft", "issuedAt", "expiresAt")
     VALUES ($1, $2::int, $3::int, $4::"Side", $5::timestamp(3), $6::timestamp(3))`,
    [t.id, t.battleId, t.voterId, t.shownLeft, ts(t.issuedAt), ts(t.expiresAt)],
  );
}

export interface CastVoteRow {
  voteId: number;
  battleId: number;
  outcome: CanonicalOutcome;
  shownLeft: CanonicalSide;
  systemAId: number;
  systemBId: number;
  /** The battle's key (human votes; lets the caller update its seen-battles cache). */
  battleKey?: string;
}

/**
 * The whole vote in ONE statement (so one transaction): claim the ticket if it is this voter's, unused, not
 * expired and for a battle of `mode` (default fixed: the arena's vote endpoint; live battles pass "live") (row-locked), insert the vote in canonical terms (nothing when the voter already voted on the battle),
 * mark the ticket used. No row back → the caller classifies the failure.
 */
export async function castVote(
  sql: RawSql,
  v: { ticketId: string; voterId: number; outcome: "left" | "right" | "tie" | "bothbad"; timeToVoteMs: number | null; now: Date; mode?: "fixed" | "live" },
): Promise<CastVoteRow | null> {
  const rows = await sql.query<CastVoteRow>(
    `WITH t AS (
      SELECT bt."id", bt."battleId", bt."shownLeft" FROM "BattleTicket" bt
      JOIN "Battle" fb ON fb."id" = bt."battleId" AND fb."mode"::text = $6
      WHERE bt."id" = $1 AND bt."voterId" = $2::int AND bt."usedAt" IS NULL AND bt."expiresAt" > $5::timestamp(3)
      FOR UPDATE OF bt
    ), ins AS (
      INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "voterId", "timeToVoteMs", "createdAt")
      SELECT t."battleId",
             (CASE WHEN $3::text = 'left' THEN t."shownLeft"::text
                   WHEN $3::text = 'right' THEN (CASE WHEN t."shownLeft" = 'A' THEN 'B' ELSE 'A' END)
                   ELSE $3::text END)::"Outcome",
             t."shownLeft", 'human', $2::int, $4::int, $5::timestamp(3)
      FROM t
      ON CONFLICT ("battleId", "voterId") DO NOTHING
      RETURNING "id", "battleId", "outcome", "shownLeft"
    ), used AS (
      UPDATE "BattleTicket" bt SET "usedAt" = $5::timestamp(3), "voteId" = ins."id" FROM ins WHERE bt."id" = $1
      RETURNING bt."id"
    )
    SELECT ins."id" AS "voteId", ins."battleId", ins."outcome"::text AS "outcome", ins."shownLeft"::text AS "shownLeft",
           b."systemAId", b."systemBId", b."key" AS "battleKey"
    FROM ins JOIN "Battle" b ON b."id" = ins."battleId"`,
    [v.ticketId, v.voterId, v.outcome, v.timeToVoteMs, ts(v.now), v.mode ?? "fixed"],
  );
  return rows[0] ?? null;
}

export interface TicketState {
  id: string;
  voterId: number;
  battleId: number;
  shownLeft: CanonicalSide;
  expiresAt: Date;
  usedAt: Date | null;
  systemAId: number;
  systemBId: number;
  voteOutcome: CanonicalOutcome | null;
  voteShownLeft: CanonicalSide | null;
  /** This voter's existing vote on the battle (through any ticket). */
  priorVoteId: number | null;
}

/** A fixed-arena ticket's state (a live battle's ticket is not one: null). */
export async function findTicketState(db: PrismaClient, ticketId: string): Promise<TicketState | null> {
  const rows = await db.$queryRaw<TicketState[]>`
    SELECT t."id", t."voterId", t."battleId", t."shownLeft"::text AS "shownLeft", t."expiresAt", t."usedAt",
           b."systemAId", b."systemBId", v."outcome"::text AS "voteOutcome", v."shownLeft"::text AS "voteShownLeft",
           (SELECT pv."id" FROM "Vote" pv WHERE pv."battleId" = t."battleId" AND pv."voterId" = t."voterId") AS "priorVoteId"
    FROM "BattleTicket" t
    JOIN "Battle" b ON b."id" = t."battleId" AND b."mode" = 'fixed'
    LEFT JOIN "Vote" v ON v."id" = t."voteId"
    WHERE t."id" = ${ticketId}`;
  return rows[0] ?? null;
}

/** Human votes on one canonical pair, by outcome, leaving out flagged and excluded voters. */
export async function pairOutcomeCounts(db: PrismaClient, systemAId: number, systemBId: number): Promise<{ outcome: CanonicalOutcome; n: number }[]> {
  const rows = await db.$queryRaw<{ outcome: CanonicalOutcome; n: bigint }[]>`
    SELECT v."outcome"::text AS "outcome", count(*) AS "n"
    FROM "Battle" b JOIN "Vote" v ON v."battleId" = b."id"
    LEFT JOIN "Voter" vr ON vr."id" = v."voterId"
    WHERE b."systemAId" = ${systemAId} AND b."systemBId" = ${systemBId} AND b."counted" AND v."voterKind" = 'human'
      AND NOT coalesce(vr."flagged" OR vr."excluded", false)
    GROUP BY v."outcome"`;
  return rows.map((r) => ({ outcome: r.outcome, n: Number(r.n) }));
}

/** Human vote counts per canonical pair and outcome (for active sampling's bootstrap). */
export async function allPairOutcomeCounts(db: PrismaClient): Promise<{ a: number; b: number; outcome: CanonicalOutcome; n: number }[]> {
  const rows = await db.$queryRaw<{ a: number; b: number; outcome: CanonicalOutcome; n: bigint }[]>`
    SELECT b."systemAId" AS "a", b."systemBId" AS "b", v."outcome"::text AS "outcome", count(*) AS "n"
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    LEFT JOIN "Voter" vr ON vr."id" = v."voterId"
    WHERE v."voterKind" = 'human' AND b."counted" AND NOT coalesce(vr."flagged" OR vr."excluded", false)
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
