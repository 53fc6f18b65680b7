/**
 * Kill-and-resume with two worker PROCESSES (`tsx lib/cli/main.ts worker`) sharing a 500-task run: one is
 * SIGKILLed mid-run and a replacement started; the run ends with exactly 500 finished tasks, one vote per
 * (battle, order) and counters that match. Postgres (a fresh database next to TEST_DATABASE_URL's) or a PGlite
 * folder hosted here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { testDatabaseUrl } from "./support/db";
import { startMockLlm, type MockLlm } from "./support/mock-llm";
import { preferHigher, seedJudgeData } from "./judge-support";
import { acquirePglite, type PgliteHost } from "@/lib/db/pglite-host";
import { withPgRunner } from "@/lib/db/runner";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase, type DbHandle } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createJudge } from "@/lib/judges/configs/service";
import { createRun, getRun } from "@/lib/judges/runs/service";
import { judgeCreateSchema, runCreateSchema } from "@/lib/validation/judges";

const root = path.resolve(__dirname, "..");
let db: PrismaClient;
let childUrl: string;
let cleanup: () => Promise<void>;
let mock: MockLlm;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const pgUrl = testDatabaseUrl();
  if (pgUrl) {
    // A fresh DATABASE (not a schema): the worker processes open DATABASE_URL with the default schema, as in
    // production, and Prisma qualifies model queries with it.
    const name = `concord_test_kill_${randomBytes(4).toString("hex")}`;
    await withPgRunner(pgUrl, (r) => r.exec(`CREATE DATABASE "${name}"`));
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    childUrl = u.toString();
    await withPgRunner(childUrl, (r) => applyMigrations(r));
    const handle: DbHandle = await openDatabase({ kind: "postgres", url: childUrl }, { poolSize: 4 });
    db = handle.db;
    cleanup = async () => {
      await handle.close();
      await withPgRunner(pgUrl, (r) => r.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
  } else {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "concord-judge-kill-"));
    const dir = path.join(tmp, "pglite");
    const host: PgliteHost = await acquirePglite(dir);
    await withPgRunner(host.url, (r) => applyMigrations(r));
    const handle: DbHandle = await openDatabase({ kind: "postgres", url: host.url }, { poolSize: 4 });
    db = handle.db;
    childUrl = `pglite:${dir}`;
    cleanup = async () => {
      await handle.close();
      await host.close();
      rmSync(tmp, { recursive: true, force: true });
    };
  }
  (globalThis as unknown as { concordDb?: Promise<unknown> }).concordDb = Promise.resolve({ db, kind: "postgres", url: null, close: async () => undefined });
  mock = await startMockLlm({ latencyMs: 60, recordBodies: false, reply: (b) => preferHigher(b) });
}, 120_000);

afterAll(async () => {
  for (const c of children) if (!hasExited(c)) c.kill("SIGKILL");
  await mock?.close();
  await cleanup?.();
});

function worker(name: string): ChildProcess {
  // node itself (not the tsx wrapper), so SIGKILL really kills the worker
  const c = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "worker", "--concurrency", "8", "--lease-ms", "2000", "--poll-ms", "100"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: childUrl, CONCORD_WORKER_NAME: name },
    stdio: ["ignore", "ignore", "pipe"],
  });
  c.stderr?.on("data", (d: Buffer) => process.stderr.write(`[worker ${name}] ${d.toString()}`));
  children.push(c);
  return c;
}
/** A child killed by a signal has `exitCode === null` but `signalCode` set: both mean it has already exited. */
const hasExited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (hasExited(c) ? r(c.exitCode) : c.once("exit", (code) => r(code))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("kill and resume", () => {
  it("500 tasks, two worker processes, one SIGKILLed mid-run: no duplicate and no missing judgment", async () => {
    await seedJudgeData(db, { set: "kill", prompts: 25, systems: 5 }); // 25 × 10 pairs = 250 battles
    // Concurrency 6 against 8 lanes per process: the judge's cap holds across processes (lib/judges/worker/slots.ts).
    await createJudge(judgeCreateSchema.parse({ slug: "kill-judge", baseUrl: mock.url, model: "kill", concurrency: 6 }));
    const run = await createRun(runCreateSchema.parse({ judge: "kill-judge", selection: { set: "kill" } }));
    expect(run.totalTasks).toBe(500);
    const a = worker("a");
    worker("b");
    for (let i = 0; i < 600; i++) {
      await sleep(100);
      if ((await getRun(run.id)).doneTasks >= 120) break;
    }
    const mid = await getRun(run.id);
    expect(mid.doneTasks).toBeGreaterThanOrEqual(120);
    expect(mid.doneTasks).toBeLessThan(500);
    a.kill("SIGKILL");
    await exited(a);
    worker("c");
    let final = mid;
    for (let i = 0; i < 1200 && final.status !== "completed"; i++) {
      await sleep(100);
      final = await getRun(run.id);
    }
    for (const c of children) if (!hasExited(c)) c.kill("SIGTERM");
    const codes = await Promise.all(children.filter((c) => c !== a).map(exited));
    expect(codes).toEqual([0, 0]); // graceful stop on SIGTERM
    expect(final.status).toBe("completed");
    const tasks = await db.judgeTask.groupBy({ by: ["status"], where: { runId: run.id }, _count: { _all: true } });
    expect(tasks.map((x) => [x.status, x._count._all])).toEqual([["done", 500]]);
    const votes = await db.vote.findMany({ where: { judgeRunId: run.id }, select: { battleId: true, shownLeft: true } });
    expect(votes).toHaveLength(500);
    expect(new Set(votes.map((v) => `${v.battleId}:${v.shownLeft}`)).size).toBe(500);
    expect([final.doneTasks, final.failedTasks, final.unparseableTasks]).toEqual([500, 0, 0]);
    expect(mock.count()).toBeGreaterThanOrEqual(500);
    // Never more than the judge's concurrency in flight across the three processes, and more than one process's
    // share at times (the cap was shared, not hit by one process alone).
    expect(mock.inFlight().max).toBeLessThanOrEqual(6);
    expect(mock.inFlight().max).toBeGreaterThan(3);
  }, 180_000);
});
