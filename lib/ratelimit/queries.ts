import type { RawSql } from "@/lib/db/raw";

export interface BucketHit {
  key: string;
  windowStart: Date;
}

/**
 * Counts one hit in every bucket with ONE atomic statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING count`), so
 * every app instance on the database shares the counters. Buckets are locked in key order (callers sort), which
 * keeps concurrent multi-row upserts free of deadlocks.
 */
export async function hitBuckets(sql: RawSql, hits: BucketHit[]): Promise<{ key: string; count: number }[]> {
  if (hits.length === 0) return [];
  const values = hits.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::timestamp(3), 1)`).join(", ");
  const params = hits.flatMap((h) => [h.key, h.windowStart.toISOString().replace("Z", "")]);
  const rows = await sql.query<{ key: string; count: number | string }>(
    `INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES ${values}
     ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
     RETURNING "key", "count"`,
    params,
  );
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}

/** Drops windows that ended before `before`. */
export async function deleteBucketsBefore(sql: RawSql, before: Date): Promise<number> {
  const rows = await sql.query<{ n: number | string }>(
    `WITH d AS (DELETE FROM "RateLimitBucket" WHERE "windowStart" < $1::timestamp(3) RETURNING 1) SELECT count(*) AS n FROM d`,
    [before.toISOString().replace("Z", "")],
  );
  return Number(rows[0]?.n ?? 0);
}
