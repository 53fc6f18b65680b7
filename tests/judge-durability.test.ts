/**
 * The worker under failure: 429 with Retry-After (durable back-off via notBefore), 5xx until max attempts,
 * timeouts, truncated and garbage bodies, a worker that dies holding leases, and lease heartbeats on long calls.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { startMockLlm, type MockChatBody, type MockLlm, type MockReply } from "./support/mock-llm";
import { drainRun, preferHigher, seedJudgeData, type JudgeSeed } from "./judge-support";
import { createJudge } from "@/lib/judges/configs/service";
import { createRun, getRun } from "@/lib/judges/runs/service";
import { judgeCreateSchema, runCreateSchema } from "@/lib/validation/judges";
import { claimTasks } from "@/lib/judges/worker/queries";
import { JudgeWorker } from "@/lib/judges/worker/worker";

let t: TestDb;
let seed: JudgeSeed;
let mock: MockLlm;
let script: (body: MockChatBody) => MockReply = preferHigher;

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  seed = await seedJudgeData(t.db, { prompts: 3, systems: 3 });
  mock = await startMockLlm({ reply: (b) => script(b) });
});
afterAll(async () => {
  await mock?.close();
  await t?.close();
});

let n = 0;
async function start(limit: number, params: Record<string, unknown> = {}) {
  const j = await createJudge(judgeCreateSchema.parse({ slug: `d${++n}`, baseUrl: mock.url, model: `dm${n}`, concurrency: 8, params: { baseDelayMs: 10, maxDelayMs: 50, ...params } }));
  return createRun(runCreateSchema.parse({ judge: j.slug, selection: { set: seed.setSlug, limit } }));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls `check` until it returns a value (generous deadline: the machine may be loaded). */
async function until<T>(check: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(10);
  }
}
const tasksOf = (runId: number) => t.db.judgeTask.findMany({ where: { runId }, orderBy: { id: "asc" } });

describe("retries and back-off", () => {
  it("429 with Retry-After: the task is released with notBefore (durable), then retried and done", async () => {
    let calls = 0;
    script = (b) => (++calls <= 2 ? { status: 429, retryAfter: 1, text: "slow down" } : preferHigher(b));
    const run = await start(1);
    const before = mock.requests.length;
    const w = new JudgeWorker(t.db, { raw: t.raw, runId: run.id, untilRunFinished: true, pollMs: 20 });
    const done = w.run();
    // Poll the database (not the clock) until both tasks have been released with a back-off time.
    const pending = await until(async () => {
      const p = (await tasksOf(run.id)).filter((x) => x.status === "pending" && x.notBefore !== null);
      return p.length === 2 ? p : null;
    });
    expect(pending.every((x) => x.leaseOwner === null && x.attempts === 1 && x.lastError?.includes("429"))).toBe(true);
    // notBefore honours Retry-After (1 s), not the 10–50 ms back-off: measured against the write's own clock.
    expect(pending[0].notBefore!.getTime() - pending[0].updatedAt.getTime()).toBeGreaterThan(500);
    await done;
    const tasks = await tasksOf(run.id);
    expect(tasks.map((x) => [x.status, x.attempts])).toEqual([["done", 2], ["done", 2]]);
    expect(w.stats.retried).toBe(2);
    // Lower bound only (load can only make it later): no retry was sent before the Retry-After second elapsed.
    const reqs = mock.requests.slice(before);
    const firstAt = Math.min(...reqs.slice(0, 2).map((r) => r.at));
    expect(reqs).toHaveLength(4);
    expect(Math.min(...reqs.slice(2).map((r) => r.at)) - firstAt).toBeGreaterThanOrEqual(950);
  }, 60_000);

  it("500 every time: failed after maxAttempts with its error, counted, never dropped", async () => {
    script = () => ({ status: 500, text: "boom" });
    const run = await start(2, { maxAttempts: 3 });
    await drainRun(t.db, run.id);
    const r = await getRun(run.id);
    expect([r.status, r.failedTasks, r.doneTasks]).toEqual(["completed", 4, 0]);
    const tasks = await tasksOf(run.id);
    expect(tasks.every((x) => x.status === "failed" && x.attempts === 3 && /HTTP 500/.test(x.lastError ?? ""))).toBe(true);
    expect(await t.db.vote.count({ where: { judgeRunId: run.id } })).toBe(0);
  });

  it("timeouts, truncated bodies and garbage bodies are retried", async () => {
    let calls = 0;
    const faults: MockReply[] = [{ delayMs: 6_000, text: "[[A]]" }, { truncateBody: true, text: "[[A]]" }, { raw: "<html>gateway</html>", rawContentType: "text/html" }, { raw: "{not json" }];
    script = (b) => (calls < faults.length ? faults[calls++] : preferHigher(b));
    const run = await start(2, { timeoutMs: 3_000, maxAttempts: 6 }); // the timeout fault waits 6 s > 3 s
    await drainRun(t.db, run.id);
    const r = await getRun(run.id);
    expect([r.doneTasks, r.failedTasks]).toEqual([4, 0]);
    const errors = (await tasksOf(run.id)).map((x) => x.attempts);
    expect(errors.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4 + faults.length);
  });
});

describe("leases", () => {
  it("a worker that dies holding leases: its tasks are re-claimed after expiry, judged once each", async () => {
    script = preferHigher;
    const run = await start(3);
    const dead = await claimTasks(t.db, "dead-worker", 100, 400, run.id);
    expect(dead).toHaveLength(6);
    const before = mock.count();
    const w = new JudgeWorker(t.db, { raw: t.raw, runId: run.id, untilRunFinished: true, pollMs: 50 });
    const startedAt = Date.now();
    await w.run();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    const tasks = await tasksOf(run.id);
    expect(tasks.every((x) => x.status === "done" && x.attempts === 2 && x.leaseOwner === null)).toBe(true);
    expect(mock.count() - before).toBe(6);
    expect(await t.db.vote.count({ where: { judgeRunId: run.id } })).toBe(6);
  });

  it("the heartbeat extends leases during long calls, so a second worker never takes them", async () => {
    // Calls last 2 leases; the heartbeat (every lease/3) must keep them. Margin: a heartbeat may be ~2 s late.
    script = (b) => ({ delayMs: 6_000, text: preferHigher(b) });
    const run = await start(2, { timeoutMs: 20_000 });
    const before = mock.count();
    const a = new JudgeWorker(t.db, { raw: t.raw, runId: run.id, untilRunFinished: true, pollMs: 50, leaseMs: 3_000 });
    const pa = a.run();
    // b starts once a holds all four leases (database state, not a fixed sleep).
    await until(async () => ((await tasksOf(run.id)).filter((x) => x.status === "leased").length === 4 ? true : null));
    const b = new JudgeWorker(t.db, { raw: t.raw, runId: run.id, untilRunFinished: true, pollMs: 50, leaseMs: 3_000 });
    await Promise.all([pa, b.run()]);
    expect(mock.count() - before).toBe(4);
    expect(b.stats.claimed).toBe(0);
    expect((await getRun(run.id)).doneTasks).toBe(4);
  }, 60_000);
});
