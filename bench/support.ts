/** Helpers shared by the benches (not a bench itself: `npm run bench` runs only `*.bench.ts`). */
import { monitorEventLoopDelay } from "node:perf_hooks";

/** The q-quantile (0..1) of `xs`, nearest rank. */
export const pctl = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Runs `cold` once while `warm` calls arrive every 20 ms: their latencies from arrival, and the event loop's worst delay. */
export async function whileCold(cold: () => Promise<unknown>, warm: () => Promise<unknown>): Promise<{ coldMs: number; warm: number[]; loopMaxMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  let doneAt = Infinity;
  const c = cold().finally(() => (doneAt = performance.now()));
  // Open-loop arrivals every 20 ms, each timed from when it was due: a blocked event loop delays the arrival too.
  const lat: number[] = [];
  const calls: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    const due = t0 + i * 20;
    const wait = due - performance.now();
    if (wait > 0 && doneAt === Infinity) await new Promise((r) => setTimeout(r, wait));
    if (due > doneAt) break;
    calls.push(warm().then(() => void lat.push(performance.now() - due)));
  }
  await Promise.all(calls);
  await c;
  const coldMs = performance.now() - t0;
  h.disable();
  return { coldMs, warm: lat.length ? lat : [NaN], loopMaxMs: h.max / 1e6 };
}
