/** Prisma access for external judges' API keys and their ticket votes: one query per function. */
import { getDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const ts = (d: Date) => d.toISOString().replace("Z", "");

export async function insertApiKey(judgeId: number, name: string, prefix: string, hash: string): Promise<{ id: number; createdAt: Date }> {
  return (await getDb()).apiKey.create({ data: { judgeId, name, prefix, hash }, select: { id: true, createdAt: true } });
}

export async function findApiKeysOfJudge(judgeId: number) {
  return (await getDb()).apiKey.findMany({
    where: { judgeId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: "desc" },
  });
}

export async function markApiKeyRevoked(id: number): Promise<number> {
  return (await (await getDb()).apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } })).count;
}

export async function findApiKeyById(id: number): Promise<{ id: number; revokedAt: Date | null } | null> {
  return (await getDb()).apiKey.findUnique({ where: { id }, select: { id: true, revokedAt: true } });
}

/** Looks a key up by hash (unrevoked, external judge) and stamps lastUsedAt, in one statement. */
export async function stampApiKeyUse(hash: string): Promise<{ id: number; judgeId: number } | null> {
  const rows = await (await getDb()).$queryRaw<Array<{ id: number; judgeId: number }>>`
    UPDATE "ApiKey" k SET "lastUsedAt" = (now() AT TIME ZONE 'UTC')
      FROM "Judge" j
     WHERE k."hash" = ${hash} AND k."revokedAt" IS NULL AND j."id" = k."judgeId" AND j."kind" = 'external'
    RETURNING k."id", k."judgeId"`;
  return rows[0] ?? null;
}

/** The judge's "api" run (created on first use). */
export async function findOrCreateApiRun(judgeId: number): Promise<number> {
  const db = await getDb();
  const found = await db.judgeRun.findFirst({ where: { judgeId, label: "api" }, select: { id: true }, orderBy: { id: "asc" } });
  if (found) return found.id;
  return (await db.judgeRun.create({ data: { judgeId, label: "api", status: "running", startedAt: new Date(), selection: { source: "api" } }, select: { id: true } })).id;
}

/** The Voter row that owns the agent's tickets (its votes are judge votes, not this voter's). */
export async function upsertAgentVoter(judgeId: number): Promise<number> {
  const externalId = `judge:${judgeId}`;
  return (await (await getDb()).voter.upsert({ where: { externalId }, update: {}, create: { externalId }, select: { id: true } })).id;
}

export interface JudgeCastRow {
  voteId: number;
  battleId: number;
  outcome: "A" | "B" | "tie" | "bothbad";
  shownLeft: "A" | "B";
  systemAId: number;
  systemBId: number;
}

/**
 * An external judge's vote on its ticket in ONE statement: claim the ticket (this agent's, unused, unexpired),
 * insert a judge Vote in the judge's api run (nothing on the judge-vote key conflict), mark the ticket used,
 * count it in the run.
 */
export async function castJudgeTicketVote(
  db: PrismaClient,
  v: { ticketId: string; voterId: number; judgeId: number; runId: number; outcome: "left" | "right" | "tie" | "bothbad"; timeToVoteMs: number | null; now: Date },
): Promise<JudgeCastRow | null> {
  const now = ts(v.now);
  const rows = await db.$queryRaw<JudgeCastRow[]>`
    WITH t AS (
      SELECT bt."id", bt."battleId", bt."shownLeft" FROM "BattleTicket" bt
      JOIN "Battle" fb ON fb."id" = bt."battleId" AND fb."mode" = 'fixed'
      WHERE bt."id" = ${v.ticketId} AND bt."voterId" = ${v.voterId} AND bt."usedAt" IS NULL AND bt."expiresAt" > ${now}::timestamp(3)
      FOR UPDATE OF bt
    ), ins AS (
      INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "judgeId", "judgeRunId", "timeToVoteMs", "createdAt")
      SELECT t."battleId",
             (CASE WHEN ${v.outcome} = 'left' THEN t."shownLeft"::text
                   WHEN ${v.outcome} = 'right' THEN (CASE WHEN t."shownLeft" = 'A' THEN 'B' ELSE 'A' END)
                   ELSE ${v.outcome}::text END)::"Outcome",
             t."shownLeft", 'judge', ${v.judgeId}::int, ${v.runId}::int, ${v.timeToVoteMs}::int, ${now}::timestamp(3)
      FROM t
      ON CONFLICT ("battleId", "judgeId", "shownLeft", "judgeRunId") DO NOTHING
      RETURNING "id", "battleId", "outcome", "shownLeft"
    ), used AS (
      UPDATE "BattleTicket" bt SET "usedAt" = ${now}::timestamp(3), "voteId" = ins."id" FROM ins WHERE bt."id" = ${v.ticketId}
      RETURNING bt."id"
    ), counted AS (
      UPDATE "JudgeRun" jr SET "totalTasks" = jr."totalTasks" + 1, "doneTasks" = jr."doneTasks" + 1
      WHERE jr."id" = ${v.runId}::int AND EXISTS (SELECT 1 FROM ins)
      RETURNING jr."id"
    )
    SELECT ins."id" AS "voteId", ins."battleId", ins."outcome"::text AS "outcome", ins."shownLeft"::text AS "shownLeft",
           b."systemAId", b."systemBId"
    FROM ins JOIN "Battle" b ON b."id" = ins."battleId"`;
  return rows[0] ?? null;
}
