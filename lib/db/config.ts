/**
 * Where the database is. `DATABASE_URL`:
 * - unset or empty: embedded PGlite in `./.data/pglite` (or `CONCORD_DATA_DIR`);
 * - `pglite:<dir>`: embedded PGlite in that folder; `pglite:memory` for an in-memory database;
 * - `postgres://…` / `postgresql://…`: real PostgreSQL.
 * Anything else is refused with one clear line.
 */
import path from "node:path";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dir: string | null };

export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConfigError";
  }
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export function resolveDatabaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const raw = (env.DATABASE_URL ?? "").trim();
  if (raw === "") {
    return { kind: "pglite", dir: path.resolve(/*turbopackIgnore: true*/ env.CONCORD_DATA_DIR ?? DEFAULT_PGLITE_DIR) };
  }
  if (raw.startsWith("pglite:")) {
    const rest = raw.slice("pglite:".length).replace(/^\/\//, "");
    if (rest === "memory" || rest === "") return { kind: "pglite", dir: rest === "memory" ? null : path.resolve(/*turbopackIgnore: true*/ DEFAULT_PGLITE_DIR) };
    return { kind: "pglite", dir: path.resolve(/*turbopackIgnore: true*/ rest) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const u = new URL(raw);
      if (!u.hostname && !u.searchParams.get("host")) throw new Error("no host");
    } catch {
      throw new DatabaseConfigError(`DATABASE_URL is not a valid postgres:// URL (got "${redact(raw)}")`);
    }
    return { kind: "postgres", url: raw };
  }
  throw new DatabaseConfigError(
    `DATABASE_URL must be a postgres:// URL or pglite:<dir>, or be unset for embedded PGlite (got "${redact(raw)}")`,
  );
}

/** Hides a password in a URL for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/** The database name in a postgres URL ("" when absent). */
export function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  } catch {
    return "";
  }
}
