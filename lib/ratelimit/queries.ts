import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface BucketHit {
  key: string;
  windowStart: Date;
}

/**
 * Counts one hit in every bucket with ONE atomic statement (`INSERT … ON CONFLICT DO UPDATE … RETURNING count`), so
 * every app instance on the database shares the counters. Buckets are locked in key order (callers sort), which
 * keeps concurrent multi-row upserts free of deadlocks.
 */
export async function hitBuckets(db: PrismaClient, hits: BucketHit[]): Promise<{ key: string; count: number }[]> {
  if (hits.length === 0) return [];
  const values = hits.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::timestamp(3), 1)`).join(", ");
  const params = hits.flatMap((h) => [h.key, h.windowStart.toISOString().replace("Z", "")]);
  return db.$queryRawUnsafe<{ key: string; count: number }[]>(
    `INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES ${values}
     ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
     RETURNING "key", "count"`,
    ...params,
  );
}

/** Drops windows that ended before `before`. */
export async function deleteBucketsBefore(db: PrismaClient, before: Date): Promise<number> {
  const res = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: before } } });
  return res.count;
}
