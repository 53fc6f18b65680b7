import { describe, expect, it } from "vitest";
import { pageMatrices } from "./service";
import type { MatricesResult } from "./compute";

/** 5 systems s0…s4 in rating order; cell (i, j) = 10·i + j so a wrong cut shows. */
function matrices(n: number): MatricesResult {
  const grid = (f: (i: number, j: number) => number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));
  return {
    systems: Array.from({ length: n }, (_, i) => `s${i}`),
    names: Array.from({ length: n }, (_, i) => `S${i}`),
    battles: grid((i, j) => 10 * i + j),
    winRateNoTies: grid((i, j) => (10 * i + j) / 100),
    winRateTiesHalf: grid((i, j) => (10 * i + j) / 200),
    predicted: grid((i, j) => (10 * i + j) / 300),
    averageWinRate: Array.from({ length: n }, (_, i) => 1 - i / 10),
  };
}

describe("pageMatrices", () => {
  it.each([
    { n: 5, limit: 3, shown: 3, of: 5 },
    { n: 5, limit: 5, shown: 5, of: undefined },
    { n: 2, limit: 30, shown: 2, of: undefined },
  ])("$n systems, limit $limit → the top $shown", ({ n, limit, shown, of }) => {
    const full = matrices(n);
    const m = pageMatrices(full, limit);
    expect(m.systems).toEqual(full.systems.slice(0, shown));
    expect(m.of).toBe(of);
    for (const k of ["battles", "winRateNoTies", "winRateTiesHalf", "predicted"] as const) {
      expect(m[k]).toHaveLength(shown);
      m[k].forEach((row, i) => expect(row).toEqual(full[k][i].slice(0, shown)));
    }
    // each system keeps its average against ALL others, not just the shown ones
    expect(m.averageWinRate).toEqual(full.averageWinRate.slice(0, shown));
  });
});
