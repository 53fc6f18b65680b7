/**
 * Starting and stopping a judge worker inside another process (`concord worker`, which `npm start` runs as a child unless CONCORD_WORKER=0;
 * `concord judge run --wait` runs one for its run). Returns a handle whose `stop()` is graceful.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { JudgeWorker, type WorkerOptions } from "./worker/worker";

export interface WorkerHandle {
  worker: JudgeWorker;
  /** Resolves when the worker loop has ended. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export function startWorker(db: PrismaClient, opts: WorkerOptions = {}): WorkerHandle {
  const worker = new JudgeWorker(db, opts);
  const done = worker.run().catch((err: unknown) => {
    (opts.log ?? console.error)(`judge worker ${worker.owner} stopped on an error: ${err instanceof Error ? err.stack : String(err)}`);
  });
  return {
    worker,
    done,
    stop: async () => {
      worker.stop();
      await done;
    },
  };
}

/** Capacity (lanes; see WorkerOptions.capacity) from CONCORD_WORKER_CONCURRENCY (default 96). */
export function workerCapacityFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CONCORD_WORKER_CONCURRENCY ?? "96");
  return Number.isInteger(n) && n > 0 ? n : 96;
}
