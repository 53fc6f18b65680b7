/**
 * The one Prisma client. Postgres through @prisma/adapter-pg; embedded PGlite through its socket host (see
 * lib/db/pglite-host.ts), so every process talks to PGlite the same way; `pglite:memory` runs in-process (tests).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { poolRawSql, prismaRawSql, type RawSql } from "@/lib/db/raw";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/db/config";

export type Db = PrismaClient;

/**
 * Interactive transactions wait for a connection up to `maxWait`. Through the PGlite socket every transaction is
 * serialised, so a burst of them queues; Prisma's 2 s default is too short for that (and for a loaded machine).
 */
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

export interface DbHandle {
  db: PrismaClient;
  kind: "postgres" | "pglite";
  /** The URL clients connect to (the socket URL for PGlite), or null in memory. */
  url: string | null;
  /** Hot-path SQL on the same connections, without Prisma (lib/db/raw.ts); absent → through `db`. */
  raw?: RawSql;
  close(): Promise<void>;
}

export async function openDatabase(
  target: DatabaseTarget = resolveDatabaseTarget(),
  opts: { schema?: string; poolSize?: number } = {},
): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const schema = opts.schema ?? schemaFromUrl(target.url);
    const options = schema ? `-c search_path=${schema}` : undefined;
    const pool = idleErrorsLogged(new pg.Pool({ connectionString: target.url, max: opts.poolSize ?? 10, options }));
    const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
    const db = new PrismaClient({ adapter, transactionOptions });
    return { db, kind: "postgres", url: target.url, raw: poolRawSql(pool), close: () => closeBoth(db, pool) };
  }
  if (target.dir === null) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pglite = new PGlite();
    const db = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions });
    return {
      db,
      kind: "pglite",
      url: null,
      close: async () => {
        await db.$disconnect();
        await pglite.close();
      },
    };
  }
  const { acquirePglite } = await import("@/lib/db/pglite-host");
  const host = await acquirePglite(target.dir);
  const pool = idleErrorsLogged(new pg.Pool({ connectionString: host.url, max: opts.poolSize ?? (host.owner ? 10 : 4) }));
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  return {
    db,
    kind: "pglite",
    url: host.url,
    raw: poolRawSql(pool),
    close: async () => {
      await closeBoth(db, pool);
      await host.close();
    },
  };
}

/**
 * An idle pooled connection that the server ends (restart, `pg_terminate_backend`, DROP DATABASE … FORCE) is an
 * `error` event on the pool; without a listener Node treats it as an uncaught exception and the process dies. The
 * pool drops that client and opens a new one on the next query, so logging is all there is to do.
 */
function idleErrorsLogged(pool: pg.Pool): pg.Pool {
  pool.on("error", (err) => console.error(`[concord] idle database connection closed: ${err.message}`));
  return pool;
}

async function closeBoth(db: PrismaClient, pool: pg.Pool): Promise<void> {
  await db.$disconnect();
  if (!pool.ended) await pool.end();
}

/**
 * A schema named in the URL, as Prisma's `?schema=NAME` or libpq's `?options=-c search_path=NAME`, so that model
 * queries (which Prisma qualifies with the schema) and raw SQL agree.
 */
export function schemaFromUrl(url: string): string | undefined {
  try {
    const params = new URL(url).searchParams;
    const named = params.get("schema") ?? /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(params.get("options") ?? "")?.[1];
    return named && /^[A-Za-z_][A-Za-z0-9_]*$/.test(named) ? named : undefined;
  } catch {
    return undefined;
  }
}

const globalForDb = globalThis as unknown as { concordDb?: Promise<DbHandle> };

/** The process-wide client, opened on first use. */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.concordDb ??= openDatabase().catch((err: unknown) => {
    globalForDb.concordDb = undefined;
    throw err;
  });
  return globalForDb.concordDb;
}

export async function getDb(): Promise<PrismaClient> {
  return (await getDbHandle()).db;
}

const rawFallbacks = new WeakMap<PrismaClient, RawSql>();

/** The hot-path SQL runner of the process-wide database (lib/db/raw.ts). */
export async function getRawSql(): Promise<RawSql> {
  const h = await getDbHandle();
  if (h.raw) return h.raw;
  let r = rawFallbacks.get(h.db);
  if (!r) {
    r = prismaRawSql(h.db);
    rawFallbacks.set(h.db, r);
  }
  return r;
}

/** Closes the process-wide client (CLI commands call this before exiting). */
export async function closeDb(): Promise<void> {
  const handle = globalForDb.concordDb;
  globalForDb.concordDb = undefined;
  if (handle) await (await handle).close();
}
