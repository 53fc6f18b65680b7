/**
 * A clean database for one integration test file.
 * - `TEST_DATABASE_URL` set: real Postgres, in a fresh schema `t_<random>` that is dropped afterwards. Refuses a
 *   database whose name lacks "test", so a test run can never touch real data.
 * - unset: an in-memory PGlite.
 * Migrations are applied exactly as `npm start` applies them.
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations, type SqlRunner } from "@/lib/db/migrate";
import { databaseName } from "@/lib/db/config";
import { poolRawSql, type RawSql } from "@/lib/db/raw";

export interface TestDb {
  db: PrismaClient;
  kind: "postgres" | "pglite";
  /** A raw SQL runner on the same database and schema. */
  sql: SqlRunner;
  /** A postgres:// URL other processes can use (Postgres only), with the schema on the search_path. */
  url: string | null;
  schema: string | null;
  /** Hot-path SQL without Prisma (lib/db/raw.ts), on the same pool as `db` (Postgres only). */
  raw?: RawSql;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url) return null;
  const name = databaseName(url);
  if (!name.includes("test")) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
  return url;
}

export async function createTestDb(): Promise<TestDb> {
  const url = testDatabaseUrl();
  if (url) return createPostgresTestDb(url);
  const pglite = new PGlite();
  const sql: SqlRunner = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pglite.query(text, params)).rows as R[] }),
    exec: (text: string) => pglite.exec(text),
  };
  await applyMigrations(sql);
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    kind: "pglite",
    sql,
    url: null,
    schema: null,
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

async function createPostgresTestDb(url: string): Promise<TestDb> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const options = `-c search_path=${schema}`;
  const pool = new pg.Pool({ connectionString: url, options, max: 8 });
  const client = await pool.connect();
  const sql: SqlRunner = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }),
    exec: (text: string) => client.query(text),
  };
  await applyMigrations(sql);
  const appPool = new pg.Pool({ connectionString: url, options, max: 8 });
  // An idle client ended by the server (DROP … FORCE at teardown) is an error event; the pool replaces the client.
  appPool.on("error", (err) => console.warn(`[test db] idle connection closed: ${err.message}`));
  const db = new PrismaClient({ adapter: new PrismaPg(appPool, { schema }) });
  const u = new URL(url);
  u.searchParams.set("options", options);
  return {
    db,
    kind: "postgres",
    sql,
    url: u.toString(),
    schema,
    raw: poolRawSql(appPool),
    close: async () => {
      await db.$disconnect();
      if (!appPool.ended) await appPool.end();
      client.release();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    },
  };
}

/** Makes `getDb()` (lib/db.ts) return this test database's client, for services under test. */
export function useTestDb(t: TestDb): void {
  const g = globalThis as unknown as { concordDb?: Promise<unknown> };
  g.concordDb = Promise.resolve({ db: t.db, kind: t.kind, url: t.url, raw: t.raw, close: async () => undefined });
}
