import { describe, expect, it } from "vitest";
import { EndpointLimiter, Semaphore, TokenBucket, type Clock } from "./limits";
import { backoffDelay, LlmError, parseRetryAfter } from "./retry";

/** Manual clock: sleeps resolve only when `advance` moves time past them. */
class FakeClock implements Clock {
  t = 0;
  private timers: Array<{ due: number; resolve: () => void }> = [];
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ due: this.t + ms, resolve }));
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.due - b.due);
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.t = next.due;
      next.resolve();
    }
    this.t = target;
    await flush();
  }
}
const flush = () => new Promise<void>((r) => setImmediate(r));

describe("Semaphore", () => {
  it("limits holders and hands off FIFO", async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    const p3 = s.acquire().then((r) => (order.push(3), r));
    const p4 = s.acquire().then((r) => (order.push(4), r));
    await flush();
    expect([s.active, s.waiting, order]).toEqual([2, 2, []]);
    r1();
    r1(); // double release is a no-op
    await flush();
    expect(order).toEqual([3]);
    r2();
    await flush();
    expect(order).toEqual([3, 4]);
    (await p3)();
    (await p4)();
    expect(s.active).toBe(0);
    expect(() => new Semaphore(-1)).toThrow();
    expect(() => new Semaphore(1.5)).toThrow();
  });

  it("size 0 holds everyone until it grows; growing wakes waiters in order", async () => {
    const s = new Semaphore(0);
    const order: number[] = [];
    const ps = [1, 2, 3].map((i) => s.acquire().then((r) => (order.push(i), r)));
    await flush();
    expect([s.active, s.waiting, order]).toEqual([0, 3, []]);
    s.resize(2);
    await flush();
    expect([s.active, s.waiting, order]).toEqual([2, 1, [1, 2]]);
    (await ps[0])();
    await flush();
    expect(order).toEqual([1, 2, 3]);
  });

  it("shrinking below the holders puts it in debt: releases pay it off before anyone else gets a slot", async () => {
    const s = new Semaphore(3);
    const held = [await s.acquire(), await s.acquire(), await s.acquire()];
    let got = false;
    const p = s.acquire().then((r) => ((got = true), r));
    s.resize(1);
    expect([s.max, s.active]).toEqual([1, 3]);
    held[0]();
    await flush();
    expect([s.active, got]).toEqual([2, false]);
    held[1]();
    await flush();
    expect([s.active, got]).toEqual([1, false]);
    held[2]();
    await flush();
    expect([s.active, got]).toEqual([1, true]);
    (await p)();
    expect(s.active).toBe(0);
    expect(() => s.resize(-2)).toThrow();
  });
});

describe("EndpointLimiter.setShare", () => {
  it("splits the concurrency and scales the per-minute budgets by the same fraction", async () => {
    const clock = new FakeClock();
    const l = new EndpointLimiter({ concurrency: 8, requestsPerMinute: 60 }, clock);
    l.setShare(2);
    expect(l.size).toBe(2);
    // A quarter of 60/min: the bucket now holds 15 and refills at one per 4 s.
    const permits = [];
    for (let i = 0; i < 2; i++) permits.push(await l.acquire(0));
    for (const p of permits) p.release();
    let taken = 2;
    for (let i = 0; i < 13; i++) {
      (await l.acquire(0)).release();
      taken++;
    }
    expect(taken).toBe(15);
    let more = false;
    const next = l.acquire(0).then((p) => ((more = true), p));
    await clock.advance(3_900);
    expect(more).toBe(false);
    await clock.advance(200);
    expect(more).toBe(true);
    (await next).release();
    l.setShare(99);
    expect(l.size).toBe(8);
    expect(new EndpointLimiter({ requestsPerMinute: 5 }).size).toBe(Infinity);
  });
});

describe("TokenBucket (fake clock)", () => {
  it("allows a burst up to capacity, then refills at the per-minute rate", async () => {
    const clock = new FakeClock();
    const b = new TokenBucket(60, 60, clock); // 1 token per second
    for (let i = 0; i < 60; i++) await b.take(1);
    let got = false;
    void b.take(1).then(() => (got = true));
    await clock.advance(999);
    expect(got).toBe(false);
    await clock.advance(1);
    expect(got).toBe(true);
  });

  it("serves waiters in order and caps oversized requests at capacity", async () => {
    const clock = new FakeClock();
    const b = new TokenBucket(10, 600, clock); // 10 tokens per second
    await b.take(10);
    const done: string[] = [];
    void b.take(5).then(() => done.push("five"));
    void b.take(1).then(() => done.push("one"));
    void b.take(1000).then(() => done.push("huge"));
    await clock.advance(500);
    expect(done).toEqual(["five"]);
    await clock.advance(100);
    expect(done).toEqual(["five", "one"]);
    await clock.advance(1000);
    expect(done).toEqual(["five", "one", "huge"]);
  });

  it("adjust() settles estimates, possibly into debt", async () => {
    const clock = new FakeClock();
    const b = new TokenBucket(100, 6000, clock); // 100 per second
    await b.take(50);
    b.adjust(80); // real usage was 80 more than charged
    expect(b.available()).toBeCloseTo(-30);
    await clock.advance(300);
    expect(b.available()).toBeCloseTo(0);
    b.adjust(-1000);
    expect(b.available()).toBe(100);
  });
});

describe("EndpointLimiter (fake clock)", () => {
  it("enforces requests per minute", async () => {
    const clock = new FakeClock();
    const l = new EndpointLimiter({ requestsPerMinute: 2 }, clock);
    let started = 0;
    const go = () => l.run(0, async () => void started++);
    void go();
    void go();
    void go();
    await clock.advance(0);
    expect(started).toBe(2);
    await clock.advance(29_999);
    expect(started).toBe(2);
    await clock.advance(1);
    expect(started).toBe(3);
  });

  it("enforces tokens per minute with the estimate, then settles with actual usage", async () => {
    const clock = new FakeClock();
    const l = new EndpointLimiter({ tokensPerMinute: 1000, concurrency: 10 }, clock);
    const p = await l.acquire(400);
    p.release(900); // used 500 more than estimated → bucket at 1000 − 900 = 100
    let second = false;
    void l.acquire(400).then((q) => {
      second = true;
      q.release();
    });
    await clock.advance(0);
    expect(second).toBe(false);
    await clock.advance(18_000); // needs 300 more tokens at 1000/60 000 per ms
    expect(second).toBe(true);
  });

  it("releases the concurrency slot when the task throws", async () => {
    const l = new EndpointLimiter({ concurrency: 1 });
    await expect(l.run(0, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(l.active).toBe(0);
    expect(await l.run(0, async () => 42)).toBe(42);
  });

});

describe("retry policy", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  const server = new LlmError("server", "x");

  it("full jitter: U(0, min(cap, base·2^(n−1)))", () => {
    expect(backoffDelay(policy, 1, server, () => 0)).toBe(0);
    expect(backoffDelay(policy, 3, server, () => 0.999)).toBeCloseTo(399.6);
    expect(backoffDelay(policy, 10, server, () => 0.999)).toBeCloseTo(999); // capped
  });

  it("Retry-After raises the delay, capped at maxRetryAfterMs", () => {
    expect(backoffDelay(policy, 1, new LlmError("rate-limit", "x", { retryAfterMs: 3000 }), () => 0.5)).toBe(3000);
    expect(backoffDelay(policy, 1, new LlmError("rate-limit", "x", { retryAfterMs: 99_000 }), () => 0.5)).toBe(5000);
  });

  it("parses Retry-After seconds, HTTP dates and retry-after-ms", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }))).toBe(3000);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }), now)).toBe(10_000);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
