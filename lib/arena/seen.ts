/**
 * The battles a voter has already voted on (by battle key), which the sampler must not serve again.
 *
 * Loaded from the database once per voter and process, then kept current by `rememberVote` when this process
 * records the voter's vote; entries expire after `SEEN_TTL_MS`, which bounds how stale the set can be when votes
 * arrive through another app instance (at worst such a battle is served again and its vote is refused with 409
 * "you already voted on this battle" by the (battle, voter) unique index — never double-counted). Before this
 * cache, every `GET /api/battles/next` read the voter's whole vote history (up to hundreds of rows).
 *
 * Also kept: the battles recently served to a voter and not voted on (`rememberServed`), which the sampler avoids
 * next, after the voted ones: a second tab or a reload then shows a different battle while others remain.
 */
import type { RawSql } from "@/lib/db/raw";
import { listVotedBattleKeys } from "./queries";

export const SEEN_TTL_MS = 60_000;
const MAX_VOTERS = 20_000;

interface Entry {
  keys: Set<string>;
  until: number;
}
/** Per database (tests open several in one process), then per voter. */
/** How long a served, unvoted battle is avoided for the same voter (two tabs, a reload): a ticket's life is 30 min. */
export const SERVED_TTL_MS = 10 * 60_000;
const MAX_SERVED = 50;

type Cache = {
  entries: Map<number, Entry>;
  loading: Map<number, Promise<Set<string>>>;
  /** Per voter: battles served and not yet voted on by this process's voters, with their expiry. */
  served: Map<number, Map<string, number>>;
};
const caches = new WeakMap<RawSql, Cache>();
/** Every cache, for `forgetVoter` (a few per process: one per database). */
const allCaches = new Set<Cache>();

function cacheOf(db: RawSql) {
  let c = caches.get(db);
  if (!c) {
    c = { entries: new Map(), loading: new Map(), served: new Map() };
    caches.set(db, c);
    allCaches.add(c);
  }
  return c;
}

/** The voter's voted battle keys (a live set: callers must not modify it). */
export async function seenBattleKeys(db: RawSql, voterId: number, now = Date.now()): Promise<ReadonlySet<string>> {
  const { entries: cache, loading } = cacheOf(db);
  const hit = cache.get(voterId);
  if (hit && hit.until > now) return hit.keys;
  let p = loading.get(voterId);
  if (!p) {
    p = listVotedBattleKeys(db, voterId)
      .then((keys) => {
        const set = new Set(keys);
        cache.delete(voterId);
        if (cache.size >= MAX_VOTERS) cache.delete(cache.keys().next().value as number); // oldest entry
        cache.set(voterId, { keys: set, until: Date.now() + SEEN_TTL_MS });
        return set;
      })
      .finally(() => loading.delete(voterId));
    loading.set(voterId, p);
  }
  return p;
}

/** Records a vote this process just stored, so the next battle for this voter skips it. */
export function rememberVote(db: RawSql, voterId: number, battleKey: string): void {
  const c = caches.get(db);
  c?.entries.get(voterId)?.keys.add(battleKey);
  c?.served.get(voterId)?.delete(battleKey);
}

/** Records a battle just served to the voter (a ticket issued), so another tab or a reload gets a different one. */
export function rememberServed(db: RawSql, voterId: number, battleKey: string, now = Date.now()): void {
  const { served } = cacheOf(db);
  let m = served.get(voterId);
  if (!m) {
    if (served.size >= MAX_VOTERS) served.delete(served.keys().next().value as number);
    served.set(voterId, (m = new Map()));
  }
  m.delete(battleKey);
  m.set(battleKey, now + SERVED_TTL_MS);
  if (m.size > MAX_SERVED) m.delete(m.keys().next().value as string);
}

/** Battles served to the voter in the last `SERVED_TTL_MS` and not voted on since (null: none). */
export function servedBattleKeys(db: RawSql, voterId: number, now = Date.now()): ReadonlySet<string> | null {
  const m = caches.get(db)?.served.get(voterId);
  if (!m) return null;
  for (const [k, until] of m) if (until <= now) m.delete(k);
  return m.size > 0 ? new Set(m.keys()) : null;
}

/**
 * Drops one voter's cached set (every database): after a sign-in merged another voter's votes into it, its next
 * battle must skip those too.
 */
export function forgetVoter(voterId: number): void {
  for (const c of allCaches) {
    c.entries.delete(voterId);
    c.served.delete(voterId);
  }
}
