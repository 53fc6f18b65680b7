/**
 * `npm run bench -- judging`: 10,000 judgments (5,000 battles × 2 orders) through the durable worker against the
 * local mock LLM with 100 ms latency, judge concurrency 64.
 *
 * Ideal wall time = 10,000 × 0.1 s / 64 = 15.6 s (pure LLM latency at full concurrency); the target is ≤ 1.05 ×
 * ideal. Reports the wall time (the run's startedAt → finishedAt), the ratio, the per-judgment overhead
 * ((wall − ideal) × concurrency / N: how much each judgment slot spent outside the LLM call), the workers' CPU
 * time per judgment, and the claim/write round trips (batched: one statement each per batch).
 *
 * Layouts, each on a fresh database (BENCH_WORKERS, default "1,1p,2p"):
 * - 1: one worker inside this process (as `concord judge run --wait`);
 * - 1p: one `concord worker` process (as `npm start` runs it), 80 lanes;
 * - Np: N `npm run worker` processes.
 * Each worker has 1.25 × 64 = 80 lanes and the judge's limiter holds requests in flight at 64 in total: the
 * processes split the judge's slots (lib/judges/worker/slots.ts) and the mock's "max in flight" line checks the
 * cap. The extra lanes have their next prompt ready when a slot frees. The run is created queued, the workers
 * start and idle, and the clock starts when the run is started.
 * Database: TEST_DATABASE_URL (a fresh schema) or PGlite (in memory for 1 worker; a temporary folder hosted by
 * this process over its socket for N workers, as `npm start` hosts it). The mock LLM runs in its own process
 * (as a real endpoint would), so its CPU is not counted as the workers'.
 * Knobs: BENCH_JUDGMENTS (10000), BENCH_CONCURRENCY (64), BENCH_LATENCY_MS (100), BENCH_WORKERS ("1,2").
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { seedJudgeData } from "../tests/judge-support";
import { createTestDb, useTestDb as pointGetDbAt, type TestDb } from "../tests/support/db";
import { createJudge } from "../lib/judges/configs/service";
import { createRun, getRun, runAction } from "../lib/judges/runs/service";
import { judgeCreateSchema, runCreateSchema } from "../lib/validation/judges";
import { JudgeWorker } from "../lib/judges/worker/worker";
import { openDatabase } from "../lib/db";
import { withPgRunner } from "../lib/db/runner";
import { applyMigrations } from "../lib/db/migrate";

const root = path.resolve(__dirname, "..");

/** Worker lanes for a judge concurrency: 1.25 × (WorkerOptions.capacity); the limiter keeps `concurrency` in flight. */
const lanesFor = (concurrency: number) => Math.ceil(concurrency * 1.25);

interface Layout {
  wall: number;
  cpuMs: number;
  claims: string;
}

export default async function judgingBench(): Promise<void> {
  const n = Number(process.env.BENCH_JUDGMENTS ?? 10_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
  const latency = Number(process.env.BENCH_LATENCY_MS ?? 100);
  // "1": one worker in this process; "Np": N worker processes.
  const layouts = (process.env.BENCH_WORKERS ?? "1,1p,2p")
    .split(",")
    .map((t) => ({ workers: parseInt(t, 10), processes: t.trim().endsWith("p") }))
    .filter((l) => Number.isInteger(l.workers) && l.workers > 0 && (l.processes || l.workers === 1));
  const mock = await startMockProcess(latency);
  try {
    for (const { workers, processes } of layouts) {
      const db = processes ? await sharedDb() : await ownDb();
      pointGetDbAt(db.test);
      try {
        const seedStart = performance.now();
        const battles = Math.ceil(n / 2);
        await seedJudgeData(db.test.db, { set: "bench", prompts: Math.ceil(battles / 3), systems: 3 });
        await createJudge(judgeCreateSchema.parse({ slug: "bench-judge", baseUrl: mock.url, model: "bench", concurrency, params: { maxTokens: 64 } }));
        const run = await createRun(runCreateSchema.parse({ judge: "bench-judge", selection: { set: "bench", limit: battles }, start: false }));
        const before = await mock.stats();
        console.log(`\n${processes ? `${workers} worker process${workers === 1 ? "" : "es"}` : "1 worker in this process"} — database: ${db.test.kind}; seeded ${battles} battles and ${run.totalTasks} tasks in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
        // The judge's concurrency is split across processes by its slots (lib/judges/worker/slots.ts), so every
        // process can have the same slack of lanes.
        const lanes = lanesFor(concurrency);
        const r = processes ? await inProcesses(db.childUrl, run.id, workers, lanes) : await inProcess(db.test, run.id, concurrency);
        const stats = await mock.stats();
        const done = await getRun(run.id);
        const ideal = (done.totalTasks * latency) / 1000 / concurrency;
        const overheadMs = ((r.wall - ideal) * 1000 * concurrency) / done.totalTasks;
        console.log(`judgments: ${done.doneTasks} done, ${done.failedTasks} failed, ${done.unparseableTasks} unparseable of ${done.totalTasks}; mock requests ${stats.count - before.count}, max in flight ${stats.inFlight.max}`);
        console.log(`wall ${r.wall.toFixed(2)} s, ideal ${ideal.toFixed(2)} s, ratio ${(r.wall / ideal).toFixed(3)} (target ≤ 1.05)`);
        console.log(`per-judgment overhead ${overheadMs.toFixed(2)} ms (per slot), throughput ${(done.totalTasks / r.wall).toFixed(0)} judgments/s`);
        console.log(`worker CPU ${(r.cpuMs / done.totalTasks).toFixed(2)} ms per judgment (${(r.cpuMs / 1000).toFixed(1)} s over ${r.wall.toFixed(1)} s wall, ${workers} process${workers === 1 ? "" : "es"})`);
        console.log(r.claims);
      } finally {
        await db.close();
      }
    }
  } finally {
    await mock.close();
  }
}

async function inProcess(t: TestDb, runId: number, concurrency: number): Promise<Layout> {
  const worker = new JudgeWorker(t.db, { runId, untilRunFinished: true, capacity: lanesFor(concurrency), pollMs: 20, raw: t.raw });
  await runAction(runId, "start");
  const cpu0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await worker.run();
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const s = worker.stats;
  return {
    wall: await runSeconds(runId),
    cpuMs: (cpu.user + cpu.system) / 1000,
    claims: `event-loop delay p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms\nround trips: ${s.claimRoundTrips} claims (${(s.claimed / Math.max(1, s.claimRoundTrips)).toFixed(0)} tasks each), ${s.writeRoundTrips} result writes (${(s.written / Math.max(1, s.writeRoundTrips)).toFixed(0)} results each)`,
  };
}

async function inProcesses(url: string, runId: number, workers: number, concurrency: number): Promise<Layout> {
  const children: ChildProcess[] = [];
  try {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "worker", "--concurrency", String(concurrency), "--run", String(runId), "--poll-ms", "20"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, },
        stdio: ["ignore", "ignore", "pipe"],
      });
      children.push(child);
      ready.push(
        new Promise((resolve, reject) => {
          let err = "";
          child.stderr?.on("data", (d: Buffer) => {
            err += d.toString();
            if (err.includes(": started")) resolve();
          });
          child.once("exit", (c) => reject(new Error(`worker process exited (${c}): ${err}`)));
        }),
      );
    }
    await Promise.all(ready);
    const cpu0 = children.map(cpuMsOf);
    await runAction(runId, "start");
    for (;;) {
      const r = await getRun(runId);
      if (r.status !== "running") break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const cpuMs = children.reduce((a, c, i) => a + cpuMsOf(c) - cpu0[i], 0);
    return { wall: await runSeconds(runId), cpuMs, claims: `${workers} worker process${workers === 1 ? "" : "es"} × ${concurrency} lanes` };
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
          }),
      ),
    );
  }
}

/** A process's user + system CPU time in ms, from /proc (Linux). */
function cpuMsOf(c: ChildProcess): number {
  const stat = readFileSync(`/proc/${c.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** The run's own startedAt → finishedAt, in seconds. */
async function runSeconds(runId: number): Promise<number> {
  const r = await getRun(runId);
  if (!r.startedAt || !r.finishedAt) throw new Error(`run ${runId} did not finish (${r.status})`);
  return (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
}

async function ownDb(): Promise<{ test: TestDb; childUrl: string; close(): Promise<void> }> {
  const t = await createTestDb();
  return { test: t, childUrl: "", close: () => t.close() };
}

/** A database other processes can open: the test Postgres schema, or PGlite in a temporary folder hosted here. */
async function sharedDb(): Promise<{ test: TestDb; childUrl: string; close(): Promise<void> }> {
  const t0 = process.env.TEST_DATABASE_URL ? await createTestDb() : null;
  if (t0) return { test: t0, childUrl: t0.url!, close: () => t0.close() };
  const dir = mkdtempSync(path.join(os.tmpdir(), "concord-judging-bench-"));
  const h = await openDatabase({ kind: "pglite", dir });
  await withPgRunner(h.url!, (r) => applyMigrations(r));
  const test: TestDb = { db: h.db, kind: "pglite", sql: { query: () => Promise.reject(new Error("unused")), exec: () => Promise.reject(new Error("unused")) }, url: null, schema: null, close: () => h.close() };
  return {
    test,
    childUrl: `pglite:${dir}`,
    close: async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
