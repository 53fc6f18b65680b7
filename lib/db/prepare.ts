/**
 * Makes a database ready for Concord: apply pending migrations, then load the demo data into an empty database.
 * Used by `npm start`, `npm run db:migrate` and the test harness.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations, type MigrateResult, type SqlRunner } from "./migrate";

export interface PrepareResult extends MigrateResult {
  seeded: boolean;
}

export async function prepareDatabase(
  runner: SqlRunner,
  db: PrismaClient,
  opts: { seedDemo: boolean; log?: (line: string) => void },
): Promise<PrepareResult> {
  const result = await applyMigrations(runner);
  for (const name of result.applied) opts.log?.(`applied migration ${name}`);
  let seeded = false;
  if (opts.seedDemo) {
    const { seedDemoIfEmpty } = await import("@/lib/seed/demo");
    seeded = await seedDemoIfEmpty(db, opts.log);
  }
  return { ...result, seeded };
}
