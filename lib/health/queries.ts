import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function latestAppliedMigrationName(db: PrismaClient): Promise<string | null> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
     ORDER BY migration_name DESC LIMIT 1`;
  return rows[0]?.migration_name ?? null;
}

/**
 * Row counts in one statement. Votes come from the trigger-maintained net vote counts in RankingWatermark (one row
 * per source, exact), not from a count over every vote; the other tables are small next to Vote.
 */
export async function countRows(db: PrismaClient): Promise<{ counts: Record<string, number>; demo: boolean }> {
  const rows = await db.$queryRaw<Record<"systems" | "promptSets" | "prompts" | "responses" | "battles" | "votes" | "voters" | "judges" | "judgeRuns" | "demoSystems", number>[]>`
    SELECT (SELECT count(*) FROM "System")::int AS systems, (SELECT count(*) FROM "PromptSet")::int AS "promptSets",
           (SELECT count(*) FROM "Prompt")::int AS prompts, (SELECT count(*) FROM "Response")::int AS responses,
           (SELECT count(*) FROM "Battle")::int AS battles,
           (SELECT COALESCE(sum("votes"), 0) FROM "RankingWatermark" WHERE "key" = 'human' OR "key" LIKE 'judge:%')::int AS votes,
           (SELECT count(*) FROM "Voter")::int AS voters, (SELECT count(*) FROM "Judge")::int AS judges,
           (SELECT count(*) FROM "JudgeRun")::int AS "judgeRuns", (SELECT count(*) FROM "System" WHERE "isDemo")::int AS "demoSystems"`;
  const { demoSystems, ...counts } = rows[0];
  return { counts, demo: demoSystems > 0 };
}
