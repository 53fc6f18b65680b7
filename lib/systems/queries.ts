/** System-page queries: one query per function. */
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function systemBySlug(db: PrismaClient, slug: string) {
  return db.system.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, organization: true, family: true, description: true, isDemo: true } });
}

export interface SampleBattleRow {
  id: number;
  promptTurns: unknown;
  category: string;
  aSlug: string;
  aName: string;
  bSlug: string;
  bName: string;
  aTurns: unknown;
  bTurns: unknown;
  votesA: number;
  votesB: number;
  votesTie: number;
}

/** Recent counted battles of the system with human votes, with both answers and the crowd's verdicts. */
export async function sampleBattles(db: PrismaClient, systemId: number, limit: number): Promise<SampleBattleRow[]> {
  return db.$queryRaw<SampleBattleRow[]>`
    SELECT b."id", p."turns" AS "promptTurns", b."category", sa."slug" AS "aSlug", sa."name" AS "aName", sb."slug" AS "bSlug",
           sb."name" AS "bName", ra."turns" AS "aTurns", rb."turns" AS "bTurns",
           count(*) FILTER (WHERE v."outcome" = 'A')::int AS "votesA", count(*) FILTER (WHERE v."outcome" = 'B')::int AS "votesB",
           count(*) FILTER (WHERE v."outcome" IN ('tie', 'bothbad'))::int AS "votesTie"
    FROM "Battle" b
    JOIN "Vote" v ON v."battleId" = b."id" AND v."voterKind" = 'human'
    JOIN "Prompt" p ON p."id" = b."promptId"
    JOIN "System" sa ON sa."id" = b."systemAId" JOIN "System" sb ON sb."id" = b."systemBId"
    LEFT JOIN "Response" ra ON ra."id" = b."responseAId" LEFT JOIN "Response" rb ON rb."id" = b."responseBId"
    WHERE b."counted" AND (b."systemAId" = ${systemId} OR b."systemBId" = ${systemId})
    GROUP BY b."id", p."turns", sa."slug", sa."name", sb."slug", sb."name", ra."turns", rb."turns"
    ORDER BY max(v."createdAt") DESC
    LIMIT ${limit}`;
}
