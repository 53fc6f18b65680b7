/**
 * In-process rate limiting per endpoint: a concurrency semaphore plus requests-per-minute and tokens-per-minute
 * token buckets. All waiting goes through a `Clock` so tests can use a fake one. `EndpointLimiter.setShare` keeps
 * one process's part of limits that several processes split (lib/judges/worker/slots.ts).
 *
 * Token bucket: capacity C, refill r = perMinute / 60 000 tokens per ms, continuous. `take(n)` waits until the
 * bucket holds n tokens (n is capped at C so an oversized request cannot wait forever), FIFO. Usage is charged
 * up front from an estimate; `adjust(delta)` settles the difference once the real usage is known (the bucket may
 * go negative, i.e. into debt that later requests wait out).
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Counting semaphore with FIFO hand-off. `resize(n)` changes the number of slots at any time: growing wakes
 * waiters at once; shrinking below the number held puts it in debt, which releases pay off before anyone else
 * gets a slot (so `active` falls to the new size without interrupting anything). Size 0 holds every caller.
 */
export class Semaphore {
  private size: number;
  private free: number;
  private readonly waiters: Array<() => void> = [];

  constructor(max: number) {
    if (!(Number.isInteger(max) && max >= 0)) throw new Error("Semaphore size must be a non-negative integer.");
    this.size = max;
    this.free = max;
  }

  get max(): number {
    return this.size;
  }

  get active(): number {
    return this.size - this.free;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  resize(max: number): void {
    if (!(Number.isInteger(max) && max >= 0)) throw new Error("Semaphore size must be a non-negative integer.");
    this.free += max - this.size;
    this.size = max;
    while (this.free > 0 && this.waiters.length > 0) {
      this.free--;
      this.waiters.shift()!();
    }
  }

  /** Resolves with a release function once a slot is held; calling release twice is a no-op. */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.free >= 0 ? this.waiters.shift() : undefined;
      if (next) next();
      else this.free++;
    };
  }
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private cap: number;
  private ratePerMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly fullCapacity: number,
    private readonly perMinute: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(fullCapacity > 0 && perMinute > 0)) throw new Error("Token bucket capacity and rate must be positive.");
    this.cap = fullCapacity;
    this.tokens = fullCapacity;
    this.ratePerMs = perMinute / 60_000;
    this.last = clock.now();
  }

  get capacity(): number {
    return this.cap;
  }

  /**
   * Keeps only `fraction` ∈ (0, 1] of the configured capacity and rate (this process's share of a limit that
   * several processes split); tokens above the new capacity are dropped.
   */
  setFraction(fraction: number): void {
    this.refill();
    const f = Math.min(1, Math.max(fraction, 1e-6));
    this.cap = this.fullCapacity * f;
    this.ratePerMs = (this.perMinute * f) / 60_000;
    this.tokens = Math.min(this.tokens, this.cap);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
    this.last = now;
  }

  /** Tokens currently available (negative while in debt). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Waits (FIFO) until `n` tokens (capped at capacity) are available, then removes them. */
  take(n: number): Promise<void> {
    const need = Math.min(Math.max(0, n), this.capacity);
    const run = async () => {
      for (;;) {
        this.refill();
        if (this.tokens >= need) {
          this.tokens -= need;
          return;
        }
        await this.clock.sleep(Math.ceil((need - this.tokens) / this.ratePerMs));
      }
    };
    const p = this.queue.then(run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Adds (negative: removes) tokens without waiting, e.g. to settle estimated against actual usage. */
  adjust(delta: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens - delta);
  }
}

export interface LimitConfig {
  /** Maximum requests in flight. */
  concurrency?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export interface Permit {
  /** Releases the concurrency slot and settles the token charge with the actual usage when known. */
  release(actualTokens?: number): void;
}

/** Concurrency + RPM + TPM for one endpoint. Limits left undefined are not enforced. */
export class EndpointLimiter {
  private readonly sem?: Semaphore;
  private readonly rpm?: TokenBucket;
  private readonly tpm?: TokenBucket;

  constructor(readonly config: LimitConfig, clock: Clock = systemClock) {
    if (config.concurrency !== undefined) this.sem = new Semaphore(config.concurrency);
    // Buckets hold one minute's worth, so a fresh limiter allows a burst of up to a minute's budget.
    if (config.requestsPerMinute !== undefined) this.rpm = new TokenBucket(config.requestsPerMinute, config.requestsPerMinute, clock);
    if (config.tokensPerMinute !== undefined) this.tpm = new TokenBucket(config.tokensPerMinute, config.tokensPerMinute, clock);
  }

  get active(): number {
    return this.sem?.active ?? 0;
  }

  /** Callers waiting for a concurrency slot. */
  get waiting(): number {
    return this.sem?.waiting ?? 0;
  }

  /** Requests this limiter lets into flight at once (its share of `config.concurrency`; unlimited: Infinity). */
  get size(): number {
    return this.sem?.max ?? Infinity;
  }

  /**
   * This process's share of the endpoint's limits: `slots` of `config.concurrency` request slots, and the same
   * fraction of the per-minute budgets. Shrinking never interrupts requests in flight (see `Semaphore.resize`).
   */
  setShare(slots: number): void {
    const total = this.config.concurrency;
    if (!this.sem || total === undefined) return;
    this.sem.resize(Math.max(0, Math.min(total, slots)));
    const f = slots / total;
    this.rpm?.setFraction(f);
    this.tpm?.setFraction(f);
  }

  /** Waits for a concurrency slot, then for one request and `estimatedTokens` tokens. */
  async acquire(estimatedTokens: number): Promise<Permit> {
    const release = this.sem ? await this.sem.acquire() : () => undefined;
    try {
      await this.rpm?.take(1);
      await this.tpm?.take(estimatedTokens);
    } catch (e) {
      release();
      throw e;
    }
    let done = false;
    return {
      release: (actualTokens?: number) => {
        if (done) return;
        done = true;
        if (actualTokens !== undefined && this.tpm) this.tpm.adjust(actualTokens - Math.min(estimatedTokens, this.tpm.capacity));
        release();
      },
    };
  }

  /** Runs `fn` under a permit; `fn` may return the actual token usage through `usedTokens`. */
  async run<T>(estimatedTokens: number, fn: () => Promise<T>, usedTokens?: (result: T) => number): Promise<T> {
    const permit = await this.acquire(estimatedTokens);
    try {
      const result = await fn();
      permit.release(usedTokens ? usedTokens(result) : undefined);
      return result;
    } catch (e) {
      permit.release();
      throw e;
    }
  }
}
