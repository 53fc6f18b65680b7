/**
 * Per-key cache with single-flight and stale-while-revalidate, validated by a cheap watermark (max Vote.id …):
 * - fresh entry (same watermark): returned at once;
 * - stale entry (the watermark moved): returned at once, marked stale, and one background recompute starts;
 * - no entry: every concurrent caller awaits the same computation (single flight).
 * A failed computation is not cached: its error reaches the callers that awaited it, and the next call retries.
 * Lives on globalThis so Next's module reloading keeps it; bounded by `maxEntries` (least recently used out).
 */
interface Entry<T> {
  watermark: string;
  value?: T;
  pending?: { watermark: string; promise: Promise<T> };
  usedAt: number;
}

export interface Cached<T> {
  value: T;
  stale: boolean;
}

export class SwrCache<T> {
  private entries = new Map<string, Entry<T>>();
  constructor(private readonly maxEntries = 64) {}

  async get(key: string, watermark: string, compute: () => Promise<T>): Promise<Cached<T>> {
    let e = this.entries.get(key);
    if (!e) {
      e = { watermark, usedAt: Date.now() };
      this.entries.set(key, e);
      this.evict();
    }
    e.usedAt = Date.now();
    if (e.value !== undefined && e.watermark === watermark) return { value: e.value, stale: false };
    const run = this.start(key, e, watermark, compute);
    if (e.value !== undefined) {
      run.catch((err: unknown) => console.error(`[concord] background recompute of ${key} failed:`, err));
      return { value: e.value, stale: true };
    }
    return { value: await run, stale: false };
  }

  /** Drops every entry (tests). */
  clear(): void {
    this.entries.clear();
  }

  private start(key: string, e: Entry<T>, watermark: string, compute: () => Promise<T>): Promise<T> {
    if (e.pending && e.pending.watermark === watermark) return e.pending.promise;
    if (e.pending) return e.pending.promise; // an older recompute is running; it is re-checked on the next call
    const promise = compute().then(
      (value) => {
        e.value = value;
        e.watermark = watermark;
        e.pending = undefined;
        return value;
      },
      (err: unknown) => {
        e.pending = undefined;
        throw err;
      },
    );
    e.pending = { watermark, promise };
    return promise;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      let oldest: string | undefined;
      let t = Infinity;
      for (const [k, v] of this.entries) if (!v.pending && v.usedAt < t) [oldest, t] = [k, v.usedAt];
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

/** A named process-wide cache. */
export function sharedCache<T>(name: string, maxEntries?: number): SwrCache<T> {
  const g = globalThis as unknown as { concordJudgeCaches?: Map<string, SwrCache<unknown>> };
  g.concordJudgeCaches ??= new Map();
  let c = g.concordJudgeCaches.get(name);
  if (!c) {
    c = new SwrCache<unknown>(maxEntries);
    g.concordJudgeCaches.set(name, c);
  }
  return c as SwrCache<T>;
}
