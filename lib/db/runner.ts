import pg from "pg";
import type { SqlRunner } from "./migrate";

/** A single dedicated connection (advisory locks are per session), as a SqlRunner. */
export async function withPgRunner<T>(url: string, fn: (runner: SqlRunner) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: schema ? `-c search_path=${schema}` : undefined });
  await client.connect();
  try {
    return await fn({
      query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }),
      exec: (sql: string) => client.query(sql),
    });
  } finally {
    await client.end();
  }
}
