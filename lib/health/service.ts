import { getDb } from "@/lib/db";
import { latestAppliedMigrationName, countRows } from "./queries";

export interface Health {
  status: "ok";
  database: { kind: "postgres" | "pglite"; migration: string | null };
  counts: Record<string, number>;
  demo: boolean;
}

/** What `GET /api/health` reports: the DB kind, the newest applied migration and row counts. */
export async function getHealth(): Promise<Health> {
  const db = await getDb();
  const [migration, counts] = await Promise.all([latestAppliedMigrationName(db), countRows(db)]);
  const kind = process.env.CONCORD_DB_KIND === "pglite" || !process.env.DATABASE_URL?.startsWith("postgres") ? "pglite" : "postgres";
  return { status: "ok", database: { kind, migration }, counts: counts.counts, demo: counts.demo };
}
