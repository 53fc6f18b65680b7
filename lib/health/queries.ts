import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function latestAppliedMigrationName(db: PrismaClient): Promise<string | null> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
     ORDER BY migration_name DESC LIMIT 1`;
  return rows[0]?.migration_name ?? null;
}

export async function countRows(db: PrismaClient): Promise<{ counts: Record<string, number>; demo: boolean }> {
  const [systems, promptSets, prompts, responses, battles, votes, voters, judges, judgeRuns, demoSystems] = await Promise.all([
    db.system.count(),
    db.promptSet.count(),
    db.prompt.count(),
    db.response.count(),
    db.battle.count(),
    db.vote.count(),
    db.voter.count(),
    db.judge.count(),
    db.judgeRun.count(),
    db.system.count({ where: { isDemo: true } }),
  ]);
  return {
    counts: { systems, promptSets, prompts, responses, battles, votes, voters, judges, judgeRuns },
    demo: demoSystems > 0,
  };
}
