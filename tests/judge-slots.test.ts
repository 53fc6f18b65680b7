/**
 * Cross-process judge slots (lib/judges/worker/slots.ts): a judge's concurrency is a cap across all worker
 * processes. Each `JudgeSlots` below stands for one process (its own owner id) on the same database; ticks are
 * driven by hand (tickMs is an hour) so every step is deterministic, except the lease-expiry case.
 * Invariant checked throughout: requests in flight summed over processes ≤ concurrency, and each process has no
 * more in flight than the slot rows it holds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { createJudge } from "@/lib/judges/configs/service";
import { judgeCreateSchema } from "@/lib/validation/judges";
import { JudgeSlots, fairShares, type SlotTiming } from "@/lib/judges/worker/slots";
import type { Permit } from "@/lib/llm/limits";
import { prismaRawSql, type RawSql } from "@/lib/db/raw";
import { createRng } from "@/lib/random";

let t: TestDb;
let sql: RawSql;
beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  sql = t.raw ?? prismaRawSql(t.db);
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
async function judge(concurrency: number): Promise<number> {
  n++;
  const j = await createJudge(judgeCreateSchema.parse({ slug: `slots${n}`, baseUrl: "http://127.0.0.1:9/v1", model: "m", concurrency }));
  return j.id;
}
const hand: Partial<SlotTiming> = { tickMs: 3_600_000, leaseMs: 60_000, idleMs: 3_600_000 };
const quiet = () => undefined;
function proc(judgeId: number, owner: string, concurrency: number, timing: Partial<SlotTiming> = hand, db: RawSql = sql): JudgeSlots {
  return new JudgeSlots(db, judgeId, owner, { concurrency }, { tickMs: 2_000, leaseMs: 10_000, idleMs: 30_000, ...timing }, quiet);
}
async function rows(judgeId: number): Promise<Map<string, number>> {
  const r = await sql.query<{ owner: string; n: string | number }>(`SELECT "owner", count(*) AS n FROM "JudgeSlot" WHERE "judgeId" = $1 GROUP BY "owner"`, [judgeId]);
  return new Map(r.map((x) => [x.owner, Number(x.n)]));
}
const user = {};
const flush = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `n` lanes on a process's limiter: each waits for a slot, holds it until `finish`, and (by default) asks again. */
class Lanes {
  granted: Permit[] = [];
  waiting = 0;
  constructor(
    readonly p: JudgeSlots,
    n: number,
  ) {
    for (let i = 0; i < n; i++) this.ask();
  }
  ask(): void {
    this.waiting++;
    void this.p.limiter.acquire(0).then((permit) => {
      this.waiting--;
      this.granted.push(permit);
    });
  }
  /** Ends every request, in flight or waiting, and asks for no more. */
  async drain(): Promise<void> {
    for (;;) {
      await flush();
      if (this.granted.length === 0 && this.waiting === 0) return;
      this.finish(undefined, false);
    }
  }
  /** Ends `k` (default all) requests in flight; `again`: those lanes ask for the next slot at once. */
  finish(k = this.granted.length, again = true): void {
    for (const permit of this.granted.splice(0, k)) {
      permit.release();
      if (again) this.ask();
    }
    this.p.settle();
  }
}
async function until(check: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(20);
  }
}

describe("fairShares (max-min fair, progressive filling)", () => {
  it.each([
    { total: 8, demands: [8, 8], shares: [4, 4] },
    { total: 64, demands: [64, 64, 64], shares: [22, 21, 21] },
    { total: 64, demands: [10, 64, 64], shares: [10, 27, 27] },
    { total: 64, demands: [0, 80], shares: [0, 64] },
    { total: 5, demands: [3, 3, 3], shares: [2, 2, 1] },
    { total: 2, demands: [5, 5, 5], shares: [1, 1, 0] },
    { total: 10, demands: [1, 2, 3], shares: [1, 2, 3] },
    { total: 6, demands: [], shares: [] },
  ])("$total slots for demands $demands → $shares", ({ total, demands, shares }) => {
    const out = fairShares(total, demands);
    expect(out).toEqual(shares);
    expect(out.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
    out.forEach((s, i) => expect(s).toBeLessThanOrEqual(demands[i]));
  });
});

describe("judge slots across processes", () => {
  it("one process takes the slots it asks for; nothing goes out before it holds them", async () => {
    const id = await judge(8);
    const a = proc(id, "A", 8);
    const lanes = new Lanes(a, 10);
    await flush();
    expect([a.limiter.size, lanes.granted.length]).toEqual([0, 0]);
    a.use(user);
    await a.tick();
    await flush();
    expect([a.limiter.size, lanes.granted.length]).toEqual([8, 8]);
    expect((await rows(id)).get("A")).toBe(8);
    lanes.finish(8, false);
    lanes.finish(2, false);
    await a.detach(user);
    expect(a.limiter.size).toBe(0);
    expect((await rows(id)).size).toBe(0);
  });

  it.each([
    { c: 8, procs: 2, shares: [4, 4] },
    { c: 64, procs: 3, shares: [22, 21, 21] },
    { c: 5, procs: 2, shares: [3, 2] },
    { c: 2, procs: 3, shares: [1, 1, 0] },
  ])("$procs busy processes split concurrency $c as $shares", async ({ c, procs, shares }) => {
    const id = await judge(c);
    const ps = Array.from({ length: procs }, (_, i) => proc(id, `P${i}`, c));
    const lanes = ps.map((p) => new Lanes(p, c + 4));
    for (const p of ps) {
      p.use(user);
      await p.tick();
    }
    // Requests finish and the lanes ask again; the first process gives back what the later ones take.
    for (let round = 0; round < 4; round++) {
      for (const [i, p] of ps.entries()) {
        await flush();
        lanes[i].finish();
        await p.tick();
      }
    }
    expect(ps.map((p) => p.limiter.size)).toEqual(shares);
    const r = await rows(id);
    expect([...r.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(c);
    for (const l of lanes) l.finish(undefined, false);
    for (const p of ps) await p.detach(user);
  });

  it("a process asking for little keeps little; the spare goes to the busy one", async () => {
    const id = await judge(10);
    const a = proc(id, "A", 10);
    const b = proc(id, "B", 10);
    const la = new Lanes(a, 2);
    const lb = new Lanes(b, 12);
    for (const p of [a, b, a, b]) {
      p.use(user);
      await p.tick();
      await flush();
      la.finish();
      lb.finish();
    }
    expect([a.limiter.size, b.limiter.size]).toEqual([2, 8]);
    la.finish(undefined, false);
    lb.finish(undefined, false);
    await a.detach(user);
    await b.detach(user);
  });

  it("a process over its share keeps the extra slot rows until its requests in flight have drained", async () => {
    const id = await judge(4);
    const a = proc(id, "A", 4);
    const la = new Lanes(a, 4);
    a.use(user);
    await a.tick();
    await flush();
    expect(la.granted).toHaveLength(4);
    const b = proc(id, "B", 4);
    const lb = new Lanes(b, 4);
    b.use(user);
    await b.tick();
    expect(b.limiter.size).toBe(0); // all four rows are A's
    await a.tick(); // A's share is now 2, but 4 requests are out: rows stay
    expect([a.limiter.size, a.limiter.active, (await rows(id)).get("A")]).toEqual([2, 4, 4]);
    la.finish(2, false); // two requests end: A's in flight is down to its share, it gives the rows back
    await until(async () => (await rows(id)).get("A") === 2);
    await b.tick();
    await flush();
    expect([b.limiter.size, lb.granted.length]).toEqual([2, 2]);
    la.finish(undefined, false);
    lb.finish(undefined, false);
    await a.detach(user);
    await b.detach(user);
  });

  it("a crashed process's slots come free when their lease expires", async () => {
    const id = await judge(3);
    const short = { ...hand, leaseMs: 300 };
    // A "crashes": from then on none of its statements reach the database (its ticks fail and are logged).
    let crashed = false;
    const aSql: RawSql = { query: (text, params) => (crashed ? Promise.reject(new Error("process gone")) : sql.query(text, params)) };
    const a = proc(id, "A", 3, short, aSql);
    const la = new Lanes(a, 3);
    a.use(user);
    await a.tick();
    expect(a.limiter.size).toBe(3);
    crashed = true;
    // B waits out A's lease and want.
    const b = proc(id, "B", 3, short);
    const lb = new Lanes(b, 3);
    b.use(user);
    await b.tick();
    expect(b.limiter.size).toBe(0);
    await sleep(400);
    await until(() => b.limiter.size === 3); // B, short of slots, re-ticks every 50 ms
    expect((await rows(id)).get("B")).toBe(3);
    la.finish(undefined, false);
    lb.finish(undefined, false);
    await b.detach(user);
  });

  it("a process whose work ran out gives its slots to the busy one at once, and leaves when idle", async () => {
    const id = await judge(6);
    const a = proc(id, "A", 6, { ...hand, idleMs: 100 });
    const b = proc(id, "B", 6, { ...hand, tickMs: 100 }); // B learns of A's new demand on its next tick
    const la = new Lanes(a, 8);
    const lb = new Lanes(b, 8);
    for (const p of [a, b, a, b]) {
      p.use(user);
      await p.tick();
      await flush();
      la.finish();
      lb.finish();
    }
    await until(() => a.limiter.size === 3 && b.limiter.size === 3); // A hands the rows over once drained; B re-ticks
    await la.drain(); // A's last requests end and nothing waits: it publishes demand 0 by itself
    await until(() => a.limiter.size === 0 && b.limiter.size === 6); // B re-ticks by itself while short
    await sleep(150);
    await a.tick(); // idle for longer than idleMs: leaves
    const wants = await sql.query<{ owner: string }>(`SELECT "owner" FROM "JudgeSlotWant" WHERE "judgeId" = $1`, [id]);
    expect(wants.map((w) => w.owner)).toEqual(["B"]);
    lb.finish(undefined, false);
    await b.detach(user);
    await a.detach(user);
  });

  let shrinksUnderLoad = 0;
  it.each([1, 2, 3, 4])("random joins, ticks, requests and releases never put more than the concurrency in flight (seed %i)", async (seed) => {
    const c = 7;
    const id = await judge(c);
    const rng = createRng(seed);
    const owners = ["A", "B", "C"];
    const ps = owners.map((o) => proc(id, o, c));
    const lanes = ps.map((p) => new Lanes(p, 0));
    let maxInFlight = 0;
    for (let step = 0; step < 300; step++) {
      const i = rng.int(ps.length);
      const p = ps[i];
      const op = rng.int(7);
      if (op === 0) {
        p.use(user);
        await p.tick();
      } else if (op === 1 || op === 4 || op === 5) {
        lanes[i].ask();
      } else if (op === 2 && lanes[i].granted.length > 0) {
        lanes[i].finish(1, rng.int(2) === 0);
      } else if (op === 3) {
        const before = p.limiter.size;
        await p.tick();
        if (p.limiter.size < before && p.limiter.active > p.limiter.size) shrinksUnderLoad++;
      } else if (op === 6 && p.limiter.active === 0 && lanes[i].waiting === 0) {
        await p.detach(user); // a worker stopping (after its requests finished); others re-balance on their ticks
      }
      await flush();
      // Requests in flight first, then the rows: only this loop ends requests, and a process claims rows before it
      // grants their requests, so in a correct run the rows read now cover the requests read just before.
      const active = ps.map((q) => q.limiter.active);
      const held = await rows(id);
      const inFlight = active.reduce((a, b) => a + b, 0);
      maxInFlight = Math.max(maxInFlight, inFlight);
      expect(inFlight).toBeLessThanOrEqual(c);
      active.forEach((n, k) => expect(n, `process ${owners[k]} at step ${step}`).toBeLessThanOrEqual(held.get(owners[k]) ?? 0));
    }
    expect(maxInFlight).toBeGreaterThan(3); // the simulation did load the judge
    for (const l of lanes) await l.drain();
    for (const p of ps) await p.detach(user);
  });

  it("the random runs shrank shares while requests were out (the case the invariant is about)", () => {
    expect(shrinksUnderLoad).toBeGreaterThan(0);
  });
});
