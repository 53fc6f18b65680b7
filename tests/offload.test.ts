/**
 * The compute pool (lib/offload): the worker thread returns what the same task returns inline, and the event loop
 * stays responsive while the worker runs a bootstrap.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runCompute, stopComputePool } from "@/lib/offload/pool";
import { computeLeaderboard, type ComputeInput } from "@/lib/leaderboard/compute";
import { countsFromRows, type CountRow } from "@/lib/ranking";
import { leaderboardOptionsSchema } from "@/lib/validation/leaderboard";

function input(systems: number, rounds: number): ComputeInput {
  const rows: CountRow[] = [];
  for (let i = 0; i < systems; i++)
    for (let j = i + 1; j < systems; j++)
      rows.push({ a: `s${i}`, b: `s${j}`, outcome: "a", count: 5 + j, weight: 5 + j }, { a: `s${i}`, b: `s${j}`, outcome: "b", count: 5 + i, weight: 5 + i }, { a: `s${i}`, b: `s${j}`, outcome: "tie", count: 2, weight: 2 });
  const counts = countsFromRows(rows);
  return {
    loaded: { source: { kind: "crowd", key: "crowd", label: "Crowd", isDemo: false }, counts, systems: new Map(), votes: counts.battles, path: "rollup" },
    options: leaderboardOptionsSchema.parse({ rounds }),
  };
}

afterAll(async () => {
  await stopComputePool();
});

describe("compute pool", () => {
  it("returns the inline result from the worker", async () => {
    const i = input(8, 50);
    const fromWorker = await runCompute("leaderboard", i);
    const inline = computeLeaderboard(i);
    expect({ ...fromWorker, meta: { ...fromWorker.meta, seconds: 0 } }).toEqual({ ...inline, meta: { ...inline.meta, seconds: 0 } });
  });

  it("keeps the event loop free while a bootstrap runs on the worker", async () => {
    await runCompute("leaderboard", input(4, 10)); // worker started
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    // Enough work that running it inline would stall the loop for far longer than the bound below, on a fast or a
    // slow machine: repeat the bootstrap until 400 ms of computing have passed.
    const started = performance.now();
    let runs = 0;
    while (performance.now() - started < 400 && runs < 50) {
      await runCompute("leaderboard", input(40, 400));
      runs++;
    }
    const took = performance.now() - started;
    clearInterval(timer);
    expect(took).toBeGreaterThan(400);
    expect(maxGap).toBeLessThan(150);
  });

  it("rejects with the task's error", async () => {
    const bad = input(4, 10);
    bad.options = { ...bad.options, rating: "elo" };
    await expect(runCompute("leaderboard", bad)).rejects.toThrow(/online Elo needs the time-ordered games/);
  });
});
