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
import { JudgeSlots, type SlotTiming } from "@/lib/judges/worker/slots";
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
function proc(judgeId: number, owner: string, concurrency: number, timing: Partial<SlotTiming> = hand): JudgeSlots {
  return new JudgeSlots(sql, judgeId, owner, { concurrency }, { tickMs: 2_000, leaseMs: 10_000, idleMs: 30_000, ...timing }, quiet);
}
async function rows(judgeId: number): Promise<Map<string, number>> {
  const r = await sql.query<{ owner: string; n: string | number }>(`SELECT "owner", count(*) AS n FROM "JudgeSlot" WHERE "judgeId" = $1 GROUP BY "owner"`, [judgeId]);
  return new Map(r.map((x) => [x.owner, Number(x.n)]));
}
const user = {};
const flush = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("judge slots across processes", () => {
  it("one process takes every slot; nothing goes out before it holds them", async () => {
    const id = await judge(8);
    const a = proc(id, "A", 8);
    expect(a.limiter.size).toBe(0);
    a.use(user);
    await a.tick();
    expect(a.limiter.size).toBe(8);
    expect((await rows(id)).get("A")).toBe(8);
    await a.detach(user);
    expect(a.limiter.size).toBe(0);
    expect((await rows(id)).size).toBe(0);
  });

  it.each([
    { c: 8, procs: 2, shares: [4, 4] },
    { c: 64, procs: 3, shares: [22, 22, 20] },
    { c: 5, procs: 2, shares: [3, 2] },
    { c: 2, procs: 3, shares: [1, 1, 0] },
  ])("$procs processes split concurrency $c as $shares", async ({ c, procs, shares }) => {
    const id = await judge(c);
    const ps = Array.from({ length: procs }, (_, i) => proc(id, `P${i}`, c));
    for (const p of ps) {
      p.use(user);
      await p.tick();
    }
    // Two more rounds: the earlier processes see the later wants and give slots back; the later ones take them.
    for (let round = 0; round < 2; round++) for (const p of ps) await p.tick();
    expect(ps.map((p) => p.limiter.size)).toEqual(shares);
    const r = await rows(id);
    expect([...r.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(c);
    for (const p of ps) await p.detach(user);
  });

  it("a process over its share keeps the extra slot rows until its requests in flight have drained", async () => {
    const id = await judge(4);
    const a = proc(id, "A", 4);
    a.use(user);
    await a.tick();
    const permits = await Promise.all([0, 1, 2, 3].map(() => a.limiter.acquire(0)));
    const b = proc(id, "B", 4);
    b.use(user);
    await b.tick();
    expect(b.limiter.size).toBe(0); // all four rows are A's
    await a.tick(); // A's share is now 2, but 4 requests are out: rows stay
    expect([a.limiter.size, a.limiter.active, (await rows(id)).get("A")]).toEqual([2, 4, 4]);
    permits[0].release();
    permits[1].release();
    await a.tick(); // drained to 2: the two extra rows go
    expect((await rows(id)).get("A")).toBe(2);
    await b.tick();
    expect(b.limiter.size).toBe(2);
    permits[2].release();
    permits[3].release();
    await a.detach(user);
    await b.detach(user);
  });

  it("a crashed process's slots come free when their lease expires", async () => {
    const id = await judge(3);
    const short = { ...hand, leaseMs: 300 };
    const a = proc(id, "A", 3, short);
    a.use(user);
    await a.tick();
    expect(a.limiter.size).toBe(3);
    // A "crashes": it never ticks again. B waits out A's lease and want.
    const b = proc(id, "B", 3, short);
    b.use(user);
    await b.tick();
    expect(b.limiter.size).toBe(0);
    await sleep(400);
    await b.tick();
    expect(b.limiter.size).toBe(3);
    expect((await rows(id)).get("B")).toBe(3);
    await b.detach(user);
  });

  it("an idle process leaves so the busy one gets the whole judge", async () => {
    const id = await judge(6);
    const a = proc(id, "A", 6, { ...hand, idleMs: 50 });
    const b = proc(id, "B", 6);
    for (const p of [a, b, a, b]) {
      p.use(user);
      await p.tick();
    }
    expect([a.limiter.size, b.limiter.size]).toEqual([3, 3]);
    await sleep(80);
    await a.tick(); // idle for longer than idleMs: leaves
    expect(a.limiter.size).toBe(0);
    await b.tick();
    expect(b.limiter.size).toBe(6);
    await b.detach(user);
    await a.detach(user);
  });

  it.each([1, 2, 3, 4])("random joins, ticks, requests and releases never put more than the concurrency in flight (seed %i)", async (seed) => {
    const c = 7;
    const id = await judge(c);
    const rng = createRng(seed);
    let shrinksUnderLoad = 0;
    const ps = ["A", "B", "C"].map((o) => proc(id, o, c));
    const out: Array<Array<{ release(): void }>> = ps.map(() => []);
    const waiting: Array<Array<Promise<{ release(): void }>>> = ps.map(() => []);
    let maxInFlight = 0;
    for (let step = 0; step < 300; step++) {
      const i = rng.int(ps.length);
      const p = ps[i];
      const op = rng.int(7);
      if (op === 0) {
        p.use(user);
        await p.tick();
      } else if (op === 1 || op === 4 || op === 5) {
        waiting[i].push(p.limiter.acquire(0));
      } else if (op === 2 && out[i].length > 0) {
        out[i].splice(rng.int(out[i].length), 1)[0].release();
      } else if (op === 3) {
        const before = p.limiter.size;
        await p.tick();
        if (p.limiter.size < before && p.limiter.active > p.limiter.size) shrinksUnderLoad++;
      } else if (op === 6 && p.limiter.active === 0 && waiting[i].length === 0) {
        await p.detach(user); // a worker stopping (after its requests finished); others re-balance on their ticks
      }
      await flush();
      // Collect permits that were granted.
      for (let k = 0; k < ps.length; k++) {
        const still: Array<Promise<{ release(): void }>> = [];
        for (const w of waiting[k]) {
          const got = await Promise.race([w, Promise.resolve(null)]);
          if (got) out[k].push(got);
          else still.push(w);
        }
        waiting[k] = still;
      }
      const held = await rows(id);
      const inFlight = ps.reduce((a, q) => a + q.limiter.active, 0);
      maxInFlight = Math.max(maxInFlight, inFlight);
      expect(inFlight).toBeLessThanOrEqual(c);
      ps.forEach((q, k) => expect(q.limiter.active, `process ${k} at step ${step}`).toBeLessThanOrEqual(held.get(["A", "B", "C"][k]) ?? 0));
    }
    expect(maxInFlight).toBeGreaterThan(3); // the simulation did load the judge
    expect(shrinksUnderLoad).toBeGreaterThan(0); // … and shrank a share while requests were out
    for (let k = 0; k < ps.length; k++) for (const o of out[k]) o.release();
    for (const p of ps) await p.detach(user);
  });
});
