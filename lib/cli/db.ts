import { getDbHandle, closeDb, type DbHandle } from "@/lib/db";
import { withPgRunner } from "@/lib/db/runner";
import type { SqlRunner } from "@/lib/db/migrate";

/**
 * Runs a CLI command body against the configured database, then closes it. On embedded PGlite this connects
 * through the running app's socket when `npm start` is up, and otherwise opens the folder itself.
 */
export async function withCliDb<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await getDbHandle();
  try {
    return await fn(handle);
  } finally {
    await closeDb();
  }
}

/** A raw SQL session on the same database as the handle. */
export async function withRunner<T>(handle: DbHandle, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  if (!handle.url) throw new Error("this command needs a database another process can reach (not pglite:memory)");
  return withPgRunner(handle.url, fn);
}
