/**
 * Applies the committed migrations in prisma/migrations/ in name order, recording them in Prisma's standard
 * `_prisma_migrations` table (same columns and sha256 checksums), so the folder also works with a stock
 * `prisma migrate deploy` where the native engine exists. Each migration runs in its own transaction, under a
 * Postgres advisory lock, so two processes starting together apply each migration once.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface MigrationFile {
  name: string;
  sql: string;
}

/** The least a migration runner needs: pg.Client, a pg pool client and PGlite all fit. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs a multi-statement script. */
  exec(sql: string): Promise<unknown>;
}

export const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => ({ name: d.name, sql: readFileSync(path.join(dir, d.name, "migration.sql"), "utf8") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const checksum = (sql: string) => createHash("sha256").update(sql).digest("hex");

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** A stable 64-bit key for pg_advisory_lock ("concord-migrate"). */
const LOCK_KEY = 7_263_541_908_117;

export interface MigrateResult {
  applied: string[];
  latest: string | null;
}

/** Applies every pending migration. Refuses to go on when an applied migration's file has changed. */
export async function applyMigrations(db: SqlRunner, migrations = readMigrations()): Promise<MigrateResult> {
  await db.query(`SELECT pg_advisory_lock($1)`, [LOCK_KEY]);
  try {
    await refuseForeignDatabase(db, migrations);
    await db.exec(MIGRATIONS_TABLE);
    const { rows } = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.name);
      if (prior) {
        if (!prior.finished_at) throw new Error(`migration ${m.name} started earlier but never finished; fix the database by hand`);
        if (prior.checksum !== checksum(m.sql)) throw new Error(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      const id = randomUUID();
      await db.exec("BEGIN");
      try {
        await db.exec(m.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
          [id, checksum(m.sql), m.name],
        );
        await db.exec("COMMIT");
      } catch (err) {
        await db.exec("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.name);
    }
    return { applied, latest: migrations.at(-1)?.name ?? null };
  } finally {
    await db.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
  }
}

/** The newest applied migration, or null on an empty database. */
export async function latestAppliedMigration(db: SqlRunner): Promise<string | null> {
  const { rows } = await db.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) return null;
  const res = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
  );
  return res.rows[0]?.migration_name ?? null;
}

/**
 * Refuses a database that is not Concord's: tables without a migrations table, or migrations this checkout does
 * not know. Nothing is changed in that case.
 */
async function refuseForeignDatabase(db: SqlRunner, migrations: MigrationFile[]): Promise<void> {
  const { rows } = await db.query<{ tables: string; has_migrations: boolean; schema: string }>(
    `SELECT count(*) FILTER (WHERE table_name <> '_prisma_migrations')::text AS tables,
            bool_or(table_name = '_prisma_migrations') AS has_migrations,
            current_schema() AS schema
       FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  const info = rows[0];
  const tables = Number(info?.tables ?? 0);
  if (!info?.has_migrations) {
    if (tables > 0) {
      throw new Error(
        `the database already holds ${tables} tables in schema "${info?.schema}" that are not Concord's; point DATABASE_URL at an empty database`,
      );
    }
    return;
  }
  const known = new Set(migrations.map((m) => m.name));
  const applied = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const unknown = applied.rows.map((r) => r.migration_name).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new Error(
      `the database has migrations this Concord does not know (${unknown.slice(0, 3).join(", ")}); it belongs to another app or a newer version`,
    );
  }
}
