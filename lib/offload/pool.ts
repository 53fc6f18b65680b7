/**
 * Runs the pure ranking computations (tasks.ts) on a worker thread, so a cold recompute of a leaderboard never blocks
 * the event loop that answers other requests (cached slices, health checks, the live poll).
 *
 * One lazily started worker, FIFO: computations queue behind each other (the machines have two cores; Postgres needs
 * the other). The worker is `unref`'d while idle, so it never keeps a CLI command or a test process alive.
 *
 * Where the worker file is: `next build` bundles server code, so this module cannot locate a sibling file through
 * `__dirname` or `import.meta.url` there, and Turbopack bundles a `new Worker(path)` it can resolve (here: with tsx
 * and esbuild's native binary, which fails the build) unless told to ignore it. The worker entry is plain JavaScript loaded from the source tree,
 * `<root>/lib/offload/entry.mjs`, root = $CONCORD_ROOT or the working directory (`next start`, `npm start`, vitest
 * and the CLI all run from the project root); it loads the TypeScript tasks through tsx (a runtime dependency).
 *
 * CONCORD_COMPUTE=inline runs the tasks on the calling thread instead (the bench's "before" figure). When the entry
 * file is missing (a deployment without the sources) the pool logs that once and runs inline too.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { tasks as inlineTasks, type Tasks } from "./tasks";

type TaskName = keyof Tasks;
type Input<K extends TaskName> = Parameters<Tasks[K]>[0];
type Output<K extends TaskName> = ReturnType<Tasks[K]>;

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
  stack?: string;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface PoolState {
  worker: Worker | null;
  pending: Map<number, Pending>;
  nextId: number;
  warnedMissing: boolean;
}

const g = globalThis as unknown as { concordComputePool?: PoolState };
const state: PoolState = (g.concordComputePool ??= { worker: null, pending: new Map(), nextId: 1, warnedMissing: false });

/** The worker entry's path (see the module comment). */
export function workerEntryPath(): string {
  return path.join(process.env.CONCORD_ROOT ?? process.cwd(), "lib", "offload", "entry.mjs");
}

function workerEnabled(): boolean {
  if (process.env.CONCORD_COMPUTE === "inline") return false;
  if (existsSync(workerEntryPath())) return true;
  if (!state.warnedMissing) {
    state.warnedMissing = true;
    console.warn(`[concord] compute worker entry ${workerEntryPath()} not found (set CONCORD_ROOT); computing on the main thread`);
  }
  return false;
}

function failAll(err: Error): void {
  const all = [...state.pending.values()];
  state.pending.clear();
  for (const p of all) p.reject(err);
}

// A failed import rejects unhandled, which ends the worker with an "error" event (failAll).
const BOOTSTRAP = `import(require("node:worker_threads").workerData.entry);`;

function spawnWorker(): Worker {
  // Evaluated bootstrap code with the entry in workerData: Turbopack never sees a path to bundle (an ignore comment
  // did not stop it from bundling the entry together with tsx and esbuild's native binary).
  const w = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: pathToFileURL(workerEntryPath()).href } });
  w.on("message", (r: Reply) => {
    const p = state.pending.get(r.id);
    if (!p) return;
    state.pending.delete(r.id);
    if (state.pending.size === 0) w.unref();
    if (r.ok) p.resolve(r.value);
    else {
      const e = new Error(r.message ?? "compute task failed");
      if (r.stack) e.stack = r.stack;
      p.reject(e);
    }
  });
  w.on("error", (err: Error) => {
    if (state.worker === w) state.worker = null;
    failAll(err);
  });
  w.on("exit", (code) => {
    if (state.worker === w) state.worker = null;
    if (state.pending.size) failAll(new Error(`compute worker exited with code ${code}`));
  });
  w.unref();
  return w;
}

function worker(): Worker {
  return (state.worker ??= spawnWorker());
}

/** Starts the worker ahead of a computation (its start-up, loading the ranking code, overlaps the DB load). */
export function warmComputePool(): void {
  if (workerEnabled()) worker();
}

/** Runs a task on the worker (or inline, see the module comment) and resolves with its result. */
export function runCompute<K extends TaskName>(task: K, input: Input<K>): Promise<Output<K>> {
  if (!workerEnabled()) {
    const fn = inlineTasks[task] as (i: Input<K>) => Output<K>;
    return new Promise((resolve) => resolve(fn(input)));
  }
  const w = worker();
  const id = state.nextId++;
  return new Promise<Output<K>>((resolve, reject) => {
    state.pending.set(id, { resolve: (v) => resolve(v as Output<K>), reject });
    try {
      w.postMessage({ id, task, input });
    } catch (err) {
      // e.g. a DataCloneError: the input is not structured-clonable
      state.pending.delete(id);
      throw err;
    }
    w.ref();
  });
}

/** Stops the worker (tests); the next task starts a new one. */
export async function stopComputePool(): Promise<void> {
  const w = state.worker;
  state.worker = null;
  if (w) await w.terminate();
}
