/**
 * SQL for the cross-process request slots of a judge (`JudgeSlot`, `JudgeSlotWant`; see slots.ts). One statement
 * per function, through the raw runner. Times are UTC `timestamp(3)` like Prisma's; `clock_timestamp()` rather
 * than `now()` so a statement in a long transaction still sees the real time.
 */
import type { RawSql } from "@/lib/db/raw";

const NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;

/**
 * Registers (or refreshes) `owner`'s interest in the judge's slots with its current demand, and returns the other
 * live owners' demands (live: seen within `liveMs`). Rows of processes gone for an hour (crashed) are deleted.
 */
export async function touchWant(sql: RawSql, judgeId: number, owner: string, demand: number, liveMs: number): Promise<Array<{ owner: string; demand: number }>> {
  // A data-modifying CTE's rows are not visible to the outer SELECT: it reads the others' rows only.
  return sql.query<{ owner: string; demand: number }>(
    `WITH w AS (
       INSERT INTO "JudgeSlotWant" ("judgeId", "owner", "demand", "seenAt") VALUES ($1, $2, $3, ${NOW})
       ON CONFLICT ("judgeId", "owner") DO UPDATE SET "demand" = EXCLUDED."demand", "seenAt" = EXCLUDED."seenAt"),
     gone AS (DELETE FROM "JudgeSlotWant" WHERE "judgeId" = $1 AND "seenAt" < ${NOW} - interval '1 hour')
     SELECT "owner", "demand" FROM "JudgeSlotWant"
      WHERE "judgeId" = $1 AND "owner" <> $2 AND "seenAt" > ${NOW} - ($4::int * interval '1 millisecond')`,
    [judgeId, owner, demand, liveMs],
  );
}

/** Extends the lease of every slot `owner` still holds and returns them (a slot lost to an expired lease is gone). */
export async function renewSlots(sql: RawSql, judgeId: number, owner: string, leaseMs: number): Promise<number[]> {
  const rows = await sql.query<{ slot: number }>(
    `UPDATE "JudgeSlot" SET "expiresAt" = ${NOW} + ($3::int * interval '1 millisecond')
      WHERE "judgeId" = $1 AND "owner" = $2 RETURNING "slot"`,
    [judgeId, owner, leaseMs],
  );
  return rows.map((r) => r.slot).sort((a, b) => a - b);
}

/**
 * Takes up to `want` slots in [0, total) that nobody holds or whose lease expired. Two workers racing for the same
 * slot serialize on its primary key; the loser's `DO UPDATE … WHERE` sees a live lease and skips it.
 */
export async function claimSlots(sql: RawSql, judgeId: number, owner: string, total: number, want: number, leaseMs: number): Promise<number[]> {
  if (want <= 0) return [];
  const rows = await sql.query<{ slot: number }>(
    `INSERT INTO "JudgeSlot" ("judgeId", "slot", "owner", "expiresAt")
     SELECT $1, s, $2, ${NOW} + ($5::int * interval '1 millisecond')
       FROM generate_series(0, $3::int - 1) s
      WHERE NOT EXISTS (SELECT 1 FROM "JudgeSlot" j WHERE j."judgeId" = $1 AND j."slot" = s AND j."expiresAt" > ${NOW})
      ORDER BY s
      LIMIT $4::int
     ON CONFLICT ("judgeId", "slot") DO UPDATE SET "owner" = EXCLUDED."owner", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "JudgeSlot"."expiresAt" <= ${NOW}
     RETURNING "slot"`,
    [judgeId, owner, total, want, leaseMs],
  );
  return rows.map((r) => r.slot);
}

/** Gives slots back (only those `owner` holds). */
export async function releaseSlots(sql: RawSql, judgeId: number, owner: string, slots: number[]): Promise<void> {
  if (slots.length === 0) return;
  await sql.query(`DELETE FROM "JudgeSlot" WHERE "judgeId" = $1 AND "owner" = $2 AND "slot" IN (SELECT jsonb_array_elements_text($3::jsonb)::int)`, [
    judgeId,
    owner,
    JSON.stringify(slots),
  ]);
}

/** Leaves: all of `owner`'s slots and its interest in the judge. */
export async function leaveSlots(sql: RawSql, judgeId: number, owner: string): Promise<void> {
  await sql.query(
    `WITH s AS (DELETE FROM "JudgeSlot" WHERE "judgeId" = $1 AND "owner" = $2)
     DELETE FROM "JudgeSlotWant" WHERE "judgeId" = $1 AND "owner" = $2`,
    [judgeId, owner],
  );
}
