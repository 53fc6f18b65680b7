/**
 * In-process LRU cache with watermark validation, stale-while-revalidate and single-flight recomputes.
 *
 * `get(key, watermark, compute)`: a fresh entry (same watermark) is returned at once. A stale entry is returned at
 * once too (marked stale) while one recompute per key runs in the background; a request with no entry waits for the
 * one in-flight recompute of its key (never starts a second). Failures of background recomputes are logged and the
 * stale value keeps being served; a cold failure is thrown to its caller.
 */
export interface CacheHit<T> {
  value: T;
  watermark: string;
  stale: boolean;
  computedAt: Date;
}

interface Entry<T> {
  value: T;
  watermark: string;
  computedAt: Date;
}

export class WatermarkCache<T> {
  private entries = new Map<string, Entry<T>>();
  private inflight = new Map<string, { watermark: string; promise: Promise<Entry<T>> }>();
  constructor(private readonly capacity = 200) {}

  async get(key: string, watermark: string, compute: () => Promise<T>): Promise<CacheHit<T>> {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (entry.watermark === watermark) return { ...entry, stale: false };
      this.start(key, watermark, compute).catch((err: unknown) => console.error(`[concord] leaderboard recompute of ${key} failed:`, err));
      return { ...entry, stale: true };
    }
    const e = await this.start(key, watermark, compute);
    return { ...e, stale: e.watermark !== watermark };
  }

  private start(key: string, watermark: string, compute: () => Promise<T>): Promise<Entry<T>> {
    const running = this.inflight.get(key);
    if (running) return running.promise;
    const promise = (async () => {
      // yield first, so the request that triggered a background recompute is answered before the CPU work starts
      await new Promise((r) => setImmediate(r));
      const value = await compute();
      const e: Entry<T> = { value, watermark, computedAt: new Date() };
      this.entries.delete(key);
      this.entries.set(key, e);
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      return e;
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, { watermark, promise });
    return promise;
  }

  /** Waits for every running recompute (tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inflight.values()].map((f) => f.promise));
  }

  clear(): void {
    this.entries.clear();
  }
}
