/**
 * Fixed-window rate limits stored in Postgres (`RateLimitBucket`), shared by every app instance.
 * A rule is `{ key, limit, windowSeconds }`; `limit: 0` disables it. `consume()` counts one hit in every enabled
 * rule's current window with one statement and throws 429 (`Retry-After` = seconds to the end of the tightest
 * exceeded window) when any count is over its limit. Hits over the limit are still counted (a client that keeps
 * hammering stays limited until the window ends).
 */
import type { RawSql } from "@/lib/db/raw";
import { rateLimited } from "@/lib/errors";
import { deleteBucketsBefore, hitBuckets } from "./queries";

export interface RateRule {
  /** e.g. `vote:voter:12:m`; the window start is added by the service. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export function windowStart(nowMs: number, windowSeconds: number): Date {
  const w = windowSeconds * 1000;
  return new Date(Math.floor(nowMs / w) * w);
}

let lastCleanup = 0;

export async function consume(db: RawSql, rules: RateRule[], nowMs = Date.now()): Promise<void> {
  const enabled = rules.filter((r) => r.limit > 0).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (enabled.length === 0) return;
  const rows = await hitBuckets(
    db,
    enabled.map((r) => ({ key: r.key, windowStart: windowStart(nowMs, r.windowSeconds) })),
  );
  const counts = new Map(rows.map((r) => [r.key, Number(r.count)]));
  let retryAfter = 0;
  for (const r of enabled) {
    if ((counts.get(r.key) ?? 0) > r.limit) {
      const end = windowStart(nowMs, r.windowSeconds).getTime() + r.windowSeconds * 1000;
      retryAfter = Math.max(retryAfter, (end - nowMs) / 1000);
    }
  }
  if (nowMs - lastCleanup > 10 * 60_000) {
    lastCleanup = nowMs;
    // Windows older than two days can never matter again (the longest window is a day).
    await deleteBucketsBefore(db, new Date(nowMs - 2 * 86_400_000));
  }
  if (retryAfter > 0) throw rateLimited(retryAfter);
}
