/**
 * `npm run bench -- judging`: 10,000 judgments (5,000 battles × 2 orders) through the durable worker against the
 * local mock LLM with 100 ms latency, judge concurrency 64, one worker in this process.
 *
 * Ideal wall time = 10,000 × 0.1 s / 64 = 15.6 s (pure LLM latency at full concurrency); the target is ≤ 1.05 ×
 * ideal. Reports the wall time, the ratio, the per-judgment overhead ((wall − ideal) × concurrency / N: how much
 * each judgment slot spent outside the LLM call), and the claim/write round trips (claims and result writes are
 * batched: one statement each per batch). Database: TEST_DATABASE_URL (a fresh schema) or in-memory PGlite.
 * Knobs: BENCH_JUDGMENTS (10000), BENCH_CONCURRENCY (64), BENCH_LATENCY_MS (100).
 *
 * The mock LLM runs in its own process (as a real endpoint would): in this one it would take event-loop time
 * from the worker and count as "overhead". Also printed: the worker process's CPU time per judgment, which is
 * what bounds throughput on a busy machine (wall ≥ N × CPU per judgment).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { seedJudgeData } from "../tests/judge-support";
import { createTestDb, useTestDb as pointGetDbAt } from "../tests/support/db";
import { createJudge } from "../lib/judges/configs/service";
import { createRun, getRun } from "../lib/judges/runs/service";
import { judgeCreateSchema, runCreateSchema } from "../lib/validation/judges";
import { JudgeWorker } from "../lib/judges/worker/worker";

export default async function judgingBench(): Promise<void> {
  const n = Number(process.env.BENCH_JUDGMENTS ?? 10_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  const latency = Number(process.env.BENCH_LATENCY_MS ?? 100);
  const battles = Math.ceil(n / 2);
  const t = await createTestDb();
  pointGetDbAt(t);
  const mock = await startMockProcess(latency);
  try {
    const seedStart = performance.now();
    const systems = 3;
    await seedJudgeData(t.db, { set: "bench", prompts: Math.ceil(battles / 3), systems });
    await createJudge(judgeCreateSchema.parse({ slug: "bench-judge", baseUrl: mock.url, model: "bench", concurrency, params: { maxTokens: 64 } }));
    const run = await createRun(runCreateSchema.parse({ judge: "bench-judge", selection: { set: "bench", limit: battles } }));
    console.log(`database: ${t.kind}; seeded ${battles} battles and ${run.totalTasks} tasks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const worker = new JudgeWorker(t.db, { runId: run.id, untilRunFinished: true, capacity: concurrency, pollMs: 20 });
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await worker.run();
    const wall = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const stats = await mock.stats();
    const done = await getRun(run.id);
    const ideal = (done.totalTasks * latency) / 1000 / concurrency;
    const overheadMs = ((wall - ideal) * 1000 * concurrency) / done.totalTasks;
    console.log(`judgments: ${done.doneTasks} done, ${done.failedTasks} failed, ${done.unparseableTasks} unparseable of ${done.totalTasks}; mock requests ${stats.count}, max in flight ${stats.inFlight.max}`);
    console.log(`wall ${wall.toFixed(2)} s, ideal ${ideal.toFixed(2)} s, ratio ${(wall / ideal).toFixed(3)} (target ≤ 1.05)`);
    console.log(`per-judgment overhead ${overheadMs.toFixed(2)} ms (per slot), throughput ${(done.totalTasks / wall).toFixed(0)} judgments/s`);
    console.log(`worker CPU ${((cpu.user + cpu.system) / 1000 / done.totalTasks).toFixed(2)} ms per judgment (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over ${wall.toFixed(1)} s wall)`);
    console.log(`round trips: ${worker.stats.claimRoundTrips} claims (${(worker.stats.claimed / Math.max(1, worker.stats.claimRoundTrips)).toFixed(0)} tasks each), ${worker.stats.writeRoundTrips} result writes (${(worker.stats.written / Math.max(1, worker.stats.writeRoundTrips)).toFixed(0)} results each)`);
  } finally {
    await mock.close();
    await t.close();
  }
}

interface MockProcess {
  url: string;
  stats(): Promise<{ count: number; inFlight: { now: number; max: number } }>;
  close(): Promise<void>;
}

/** `tests/support/mock-llm.ts` in a child process, driven over IPC. */
async function startMockProcess(latencyMs: number): Promise<MockProcess> {
  const mod = JSON.stringify(path.resolve(__dirname, "../tests/support/mock-llm.ts"));
  const code = `
    const m = await import(${mod});
    const startMockLlm = m.startMockLlm ?? m.default.startMockLlm;
    const mock = await startMockLlm({ latencyMs: ${latencyMs}, recordBodies: false, reply: () => "Both are fine; A is a little clearer.\\n[[A]]" });
    process.send({ url: mock.url });
    process.on("message", async (msg) => {
      if (msg === "stats") process.send({ count: mock.count(), inFlight: mock.inFlight() });
      if (msg === "close") { await mock.close(); process.disconnect(); }
    });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T>() => new Promise<T>((resolve, reject) => {
    child.once("message", (m) => resolve(m as T));
    child.once("exit", (c) => reject(new Error(`mock LLM process exited (${c})`)));
  });
  const { url } = await next<{ url: string }>();
  return {
    url,
    stats: () => {
      const p = next<{ count: number; inFlight: { now: number; max: number } }>();
      child.send("stats");
      return p;
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.send("close");
      await exited;
    },
  };
}
