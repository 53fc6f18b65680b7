import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface VoterRow {
  id: number;
  userId: string | null;
}

/** The voter behind an anonymous cookie, created on first sight (upsert: safe under concurrent first requests). */
export async function upsertVoterByCookieHash(db: PrismaClient, cookieHash: string): Promise<VoterRow> {
  const rows = await db.$queryRaw<VoterRow[]>`
    INSERT INTO "Voter" ("cookieHash") VALUES (${cookieHash})
    ON CONFLICT ("cookieHash") DO UPDATE SET "cookieHash" = EXCLUDED."cookieHash"
    RETURNING "id", "userId"`;
  return rows[0];
}

/** A signed-in user's primary voter: the oldest one linked to them. */
export async function findPrimaryVoterOfUser(db: PrismaClient, userId: string): Promise<VoterRow | null> {
  return db.voter.findFirst({ where: { userId }, orderBy: { id: "asc" }, select: { id: true, userId: true } });
}

export async function linkVoterToUser(db: PrismaClient, voterId: number, userId: string): Promise<void> {
  await db.voter.update({ where: { id: voterId }, data: { userId } });
}

/**
 * Moves `fromId`'s votes and unused tickets to `toId`, except votes on battles `toId` already voted on (those stay
 * with `fromId`: one vote per battle and voter). `fromId` is then linked to the user. One transaction.
 */
export async function mergeVoterInto(db: PrismaClient, fromId: number, toId: number, userId: string): Promise<number> {
  const [moved] = await db.$transaction([
    db.$executeRaw`
      UPDATE "Vote" SET "voterId" = ${toId}
      WHERE "voterId" = ${fromId}
        AND "battleId" NOT IN (SELECT "battleId" FROM "Vote" WHERE "voterId" = ${toId})`,
    db.$executeRaw`UPDATE "BattleTicket" SET "voterId" = ${toId} WHERE "voterId" = ${fromId} AND "usedAt" IS NULL`,
    db.$executeRaw`UPDATE "Voter" SET "userId" = ${userId} WHERE "id" = ${fromId}`,
  ]);
  return moved;
}

export interface HumanVoteRow {
  voterId: number;
  systemAId: number;
  systemBId: number;
  outcome: "A" | "B" | "tie" | "bothbad";
}

/** Every human vote on a counted battle, for outlier flagging. */
export async function listHumanVotes(db: PrismaClient): Promise<HumanVoteRow[]> {
  return db.$queryRaw<HumanVoteRow[]>`
    SELECT v."voterId", b."systemAId", b."systemBId", v."outcome"::text AS "outcome"
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    WHERE v."voterKind" = 'human' AND v."voterId" IS NOT NULL AND b."counted"`;
}

/** Sets the automatic flag on exactly `flags` and clears it on every other voter. One transaction. */
export async function replaceFlags(db: PrismaClient, flags: { id: number; reason: string }[]): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.voter.updateMany({
      where: { flagged: true, id: { notIn: flags.map((f) => f.id) } },
      data: { flagged: false, flagReason: null, flaggedAt: null },
    }),
    ...flags.map((f) => db.voter.update({ where: { id: f.id }, data: { flagged: true, flagReason: f.reason, flaggedAt: now } })),
  ]);
}

/** Voters whose votes the rankings leave out: flagged automatically or excluded by a maintainer. */
export async function listExcludedVoterIds(db: PrismaClient): Promise<number[]> {
  const rows = await db.voter.findMany({ where: { OR: [{ flagged: true }, { excluded: true }] }, select: { id: true } });
  return rows.map((r) => r.id);
}
