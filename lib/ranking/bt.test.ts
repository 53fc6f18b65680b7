import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import {
  averageWinRate,
  countsFromRows,
  fitBradleyTerry,
  leaderboard,
  onlineElo,
  pairMatrices,
  predictedWinMatrix,
  ranksFromIntervals,
  reduceToCounts,
  type Battle,
  type CountRow,
  type Outcome,
} from "./index";

const rows = (spec: [string, string, Outcome, number][]): CountRow[] => spec.map(([a, b, outcome, count]) => ({ a, b, outcome, count }));
const rating = (fit: { systems: string[]; ratings: number[] }, s: string): number => fit.ratings[fit.systems.indexOf(s)];

describe("Bradley–Terry closed forms", () => {
  it.each([
    { w: 3, l: 1, t: 0 },
    { w: 10, l: 7, t: 0 },
    { w: 5, l: 5, t: 4 },
    { w: 8, l: 2, t: 6 },
    { w: 1, l: 30, t: 1 },
  ])("two systems, $w wins $l losses $t ties: R_a − R_b = 400·log10((w+t/2)/(l+t/2))", ({ w, l, t }) => {
    // ties split across "tie" and "bothbad" and both shown orders, which BT must treat alike
    const c = countsFromRows(
      rows([
        ["a", "b", "a", w],
        ["b", "a", "a", l],
        ["a", "b", "tie", t / 2],
        ["b", "a", "bothbad", t / 2],
      ]).filter((r) => r.count > 0),
    );
    const fit = fitBradleyTerry(c);
    const expected = 400 * Math.log10((w + t / 2) / (l + t / 2));
    expect(rating(fit, "a") - rating(fit, "b")).toBeCloseTo(expected, 6);
    expect((rating(fit, "a") + rating(fit, "b")) / 2).toBeCloseTo(1000, 9);
    expect(fit.warnings).toEqual([]);
  });

  it("three systems with BT-consistent counts recover strengths 1 : 2 : 4 exactly", () => {
    // W_ij / W_ji = π_i / π_j on every pair makes the likelihood equations hold at θ = ln π.
    const fit = fitBradleyTerry(
      countsFromRows(
        rows([
          ["x", "y", "a", 10],
          ["x", "y", "b", 20],
          ["x", "z", "a", 10],
          ["x", "z", "b", 40],
          ["y", "z", "a", 10],
          ["y", "z", "b", 20],
        ]),
      ),
    );
    const u = 400 * Math.log10(2);
    expect(rating(fit, "y") - rating(fit, "x")).toBeCloseTo(u, 6);
    expect(rating(fit, "z") - rating(fit, "x")).toBeCloseTo(2 * u, 6);
    expect(rating(fit, "x")).toBeCloseTo(1000 - u, 6); // mean 1000
  });

  it("anchor pins a system and keeps differences", () => {
    const c = countsFromRows(rows([["a", "b", "a", 3], ["a", "b", "b", 1]]));
    const fit = fitBradleyTerry(c, { anchor: { system: "b", rating: 1500 } });
    expect(rating(fit, "b")).toBeCloseTo(1500, 9);
    expect(rating(fit, "a")).toBeCloseTo(1500 + 400 * Math.log10(3), 6);
  });
});

/** Zermelo / MM iteration (Hunter 2004): π_i ← W_i / Σ_j n_ij/(π_i+π_j), written independently of the engine. */
function zermelo(names: string[], battles: Battle[]): Map<string, number> {
  const w = new Map<string, number>();
  const n = new Map<string, number>();
  for (const b of battles) {
    const sa = b.outcome === "a" ? 1 : b.outcome === "b" ? 0 : 0.5;
    w.set(b.a, (w.get(b.a) ?? 0) + sa);
    w.set(b.b, (w.get(b.b) ?? 0) + 1 - sa);
    const k = [b.a, b.b].sort().join("|");
    n.set(k, (n.get(k) ?? 0) + 1);
  }
  let pi = new Map(names.map((s) => [s, 1]));
  for (let it = 0; it < 20000; it++) {
    const next = new Map<string, number>();
    for (const i of names) {
      let den = 0;
      for (const j of names) if (i !== j) den += (n.get([i, j].sort().join("|")) ?? 0) / (pi.get(i)! + pi.get(j)!);
      next.set(i, w.get(i)! / den);
    }
    const g = Math.exp(names.reduce((s, x) => s + Math.log(next.get(x)!), 0) / names.length);
    for (const x of names) next.set(x, next.get(x)! / g);
    pi = next;
  }
  return new Map(names.map((s) => [s, 1000 + 400 * Math.log10(pi.get(s)!)]));
}

describe("agreement with an independent Zermelo/MM implementation", () => {
  it.each([1, 2, 3])("random sparse data, seed %i, to 1e-6 points", (seed) => {
    const rng = createRng(seed);
    const names = ["s0", "s1", "s2", "s3", "s4", "s5"];
    const strength = names.map(() => rng.normal());
    const battles: Battle[] = [];
    for (let k = 0; k < 300; k++) {
      const i = rng.int(6);
      const j = (i + 1 + rng.int(2)) % 6; // sparse: only neighbours on a ring
      const p = 1 / (1 + Math.exp(strength[j] - strength[i]));
      const u = rng.next();
      battles.push({ a: names[i], b: names[j], outcome: u < 0.15 ? "tie" : u < 0.2 ? "bothbad" : rng.next() < p ? "a" : "b" });
    }
    const fit = fitBradleyTerry(reduceToCounts(battles));
    const ref = zermelo(names, battles);
    for (const s of names) expect(Math.abs(rating(fit, s) - ref.get(s)!)).toBeLessThan(1e-6);
  });
});

describe("degenerate comparison graphs are reported", () => {
  it("disconnected components", () => {
    const fit = fitBradleyTerry(countsFromRows(rows([["a", "b", "a", 2], ["a", "b", "b", 1], ["c", "d", "a", 1], ["c", "d", "b", 3]])));
    expect(fit.components).toEqual([["a", "b"], ["c", "d"]]);
    expect(fit.warnings.join(" ")).toMatch(/2 disconnected components/);
    expect((rating(fit, "a") + rating(fit, "b")) / 2).toBeCloseTo(1000, 6);
    expect(rating(fit, "a") - rating(fit, "b")).toBeCloseTo(400 * Math.log10(2), 6);
    expect(rating(fit, "d") - rating(fit, "c")).toBeCloseTo(400 * Math.log10(3), 6);
  });

  it("a system with only wins: warned, finite, ordered", () => {
    const fit = fitBradleyTerry(countsFromRows(rows([["a", "b", "a", 5], ["b", "c", "a", 2], ["b", "c", "b", 2]])));
    expect(fit.allWins).toEqual(["a"]);
    expect(fit.notIdentified).toEqual(["a", "b", "c"]);
    expect(fit.ridge).toBeGreaterThan(0);
    expect(fit.warnings.join(" ")).toMatch(/only wins: a/);
    expect(fit.ratings.every(Number.isFinite)).toBe(true);
    expect(rating(fit, "a")).toBeGreaterThan(rating(fit, "b"));
  });

  it("all losses and isolated systems", () => {
    const fit = fitBradleyTerry(countsFromRows(rows([["a", "b", "a", 1], ["a", "b", "b", 1], ["c", "a", "b", 4]]), ["z"]));
    expect(fit.allLosses).toEqual(["c"]);
    expect(fit.isolated).toEqual(["z"]);
  });
});

describe("counts, tallies, matrices, ranks, Elo", () => {
  const battles: Battle[] = [
    { a: "x", b: "y", outcome: "a" },
    { a: "x", b: "y", outcome: "a" },
    { a: "y", b: "x", outcome: "a" },
    { a: "y", b: "x", outcome: "tie" },
    { a: "x", b: "z", outcome: "bothbad" },
  ];
  it("reduceToCounts equals countsFromRows of the same rollup", () => {
    const c = reduceToCounts(battles);
    expect(c.battles).toBe(5);
    expect(c.cells.find((x) => x.outcome === "a" && c.systems[x.a] === "x")?.count).toBe(2);
    const r = countsFromRows(c.cells.map((x) => ({ a: c.systems[x.a], b: c.systems[x.b], outcome: x.outcome, count: x.count })));
    expect(r).toEqual(c);
  });
  it("matrices by hand", () => {
    const m = pairMatrices(reduceToCounts(battles));
    const [x, y, z] = [0, 1, 2];
    expect(m.battles[x][y]).toBe(4);
    expect(m.winRateNoTies[x][y]).toBeCloseTo(2 / 3, 12);
    expect(m.winRateTiesHalf[x][y]).toBeCloseTo(2.5 / 4, 12);
    expect(m.winRateTiesHalf[z][x]).toBe(0.5);
    expect(Number.isNaN(m.winRateNoTies[x][z])).toBe(true);
    const p = predictedWinMatrix([1000, 1400]);
    expect(p[1][0]).toBeCloseTo(10 / 11, 12);
    expect(averageWinRate([[NaN, 0.2, 0.4], [0.8, NaN, NaN], [0.6, NaN, NaN]])).toEqual([0.30000000000000004, 0.8, 0.6]);
  });
  it.each([
    { lo: [10, 5, 0], hi: [12, 11, 4], rank: [1, 1, 3] },
    { lo: [1, 1], hi: [1, 1], rank: [1, 1] },
    { lo: [3, 2, 1], hi: [3, 2, 1], rank: [1, 2, 3] },
  ])("upper-bound rank rule %#", ({ lo, hi, rank }) => expect(ranksFromIntervals(lo, hi)).toEqual(rank));
  it("online Elo by hand (K = 4) in timestamp order", () => {
    const e = onlineElo([
      { a: "p", b: "q", outcome: "b", tstamp: 2 },
      { a: "p", b: "q", outcome: "a", tstamp: 1 },
    ]);
    const r1 = 1002; // first (t=1): p wins at E=0.5
    const ea = 1 / (1 + Math.pow(10, (998 - r1) / 400));
    expect(e.ratings[0]).toBeCloseTo(r1 - 4 * ea, 12);
    expect(e.ratings[0] + e.ratings[1]).toBeCloseTo(2000, 12);
  });
  it("leaderboard rows carry tallies, method and level", () => {
    const lb = leaderboard(reduceToCounts(battles), { method: "sandwich", level: 0.9 });
    expect(lb.meta.method).toBe("sandwich");
    expect(lb.meta.level).toBe(0.9);
    const x = lb.rows.find((r) => r.system === "x")!;
    expect([x.battles, x.wins, x.losses, x.ties]).toEqual([5, 2, 1, 2]);
    expect(x.winRate).toBeCloseTo(3 / 5, 12);
    expect(lb.rows.map((r) => r.rating)).toEqual([...lb.rows.map((r) => r.rating)].sort((a, b) => b - a));
  });
});
