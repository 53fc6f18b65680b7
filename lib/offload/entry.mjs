/**
 * worker_threads entry of the compute pool (lib/offload/pool.ts). Plain JavaScript so Node loads it from disk as is,
 * both under `next start` (whose server bundle never contains this file) and under vitest / tsx. It registers tsx's
 * CommonJS hook (tsx is a runtime dependency; it resolves the tsconfig `@/` paths) and loads the TypeScript task table.
 */
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/cjs/api";

register();
const { tasks } = createRequire(import.meta.url)("./tasks.ts");

parentPort.on("message", (msg) => {
  const { id, task, input } = msg;
  let reply;
  try {
    const fn = tasks[task];
    if (typeof fn !== "function") throw new Error(`unknown compute task "${task}"`);
    reply = { id, ok: true, value: fn(input) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { id, ok: false, message: e.message, stack: e.stack };
  }
  parentPort.postMessage(reply);
});
