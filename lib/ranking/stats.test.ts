import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import {
  agreementWithConfidence,
  altTest,
  benjaminiYekutieli,
  cohensKappaFromTable,
  compareRankings,
  fitDecisiveness,
  humanHumanAgreement,
  incompleteBeta,
  judgeBias,
  judgeHumanAgreement,
  kendallTauB,
  lengthControlledWinRate,
  mergeOrders,
  normalQuantile,
  pearson,
  positionConsistency,
  separability,
  spearman,
  studentTCdf,
  styleControl,
  styleFeatures,
  topKOverlap,
  type AltItem,
  type LengthBattle,
  type StyleBattle,
  type Vote,
} from "./index";

describe("special functions", () => {
  it.each([0.1, 0.3, 0.5, 0.77, 0.95])("I_x(1,1) = x and I_x(2,2) = 3x² − 2x³ at x = %f", (x) => {
    expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
    expect(incompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 12);
    expect(incompleteBeta(x, 1, 3)).toBeCloseTo(1 - (1 - x) ** 3, 12);
  });
  it.each([0.3, 1, 2.5, 10, 80])("I_½(a, a) = ½ for a = %f", (a) => expect(incompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12));
  it.each([
    { t: 1, nu: 1, p: 0.75 }, // Cauchy: ½ + atan(t)/π
    { t: -2, nu: 1, p: 0.5 + Math.atan(-2) / Math.PI },
    { t: 2, nu: 2, p: 0.5 + 2 / (2 * Math.sqrt(2 + 4)) }, // ν = 2 closed form ½ + t/(2√(2+t²))
    { t: 2.228138852, nu: 10, p: 0.975 }, // table value t_{0.975,10}
    { t: 0, nu: 7, p: 0.5 },
  ])("Student t CDF($t; $nu) = $p", ({ t, nu, p }) => expect(studentTCdf(t, nu)).toBeCloseTo(p, 8));
  it("normal quantile", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
  });
});

/** Brute-force τ-b written from the definition with explicit tie counting per pair. */
function tauBrute(x: number[], y: number[]): number {
  let c = 0;
  let d = 0;
  let onlyX = 0;
  let onlyY = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = 0; j < i; j++) {
      const a = x[i] - x[j];
      const b = y[i] - y[j];
      if (a === 0 && b === 0) continue;
      if (a === 0) onlyX++;
      else if (b === 0) onlyY++;
      else if (a * b > 0) c++;
      else d++;
    }
  return (c - d) / Math.sqrt((c + d + onlyX) * (c + d + onlyY));
}

describe("rank correlations", () => {
  it("Kendall τ-b: scipy reference value and brute force with ties", () => {
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
    const rng = createRng(4);
    for (let r = 0; r < 20; r++) {
      const x = Array.from({ length: 15 }, () => rng.int(5));
      const y = Array.from({ length: 15 }, () => rng.int(4));
      expect(kendallTauB(x, y)).toBeCloseTo(tauBrute(x, y), 12);
    }
  });
  it("Spearman and Pearson by hand", () => {
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    expect(pearson([1, 2, 3], [1, 2, 4])).toBeCloseTo(3 / Math.sqrt(2 * (42 / 9)), 12);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
  });
  it("top-k overlap and paired-bootstrap CIs", () => {
    expect(topKOverlap([5, 4, 3, 2], [5, 3, 4, 1], 2)).toBe(0.5);
    const a = { systems: ["p", "q", "r"], ratings: [3, 2, 1], samples: Float64Array.from([3, 2, 1, 1, 2, 3]) };
    const b = { systems: ["r", "q", "p"], ratings: [1, 2, 3], samples: Float64Array.from([1, 2, 3, 1, 2, 3]) };
    const cmp = compareRankings(a, b);
    expect(cmp.kendallTauB.value).toBeCloseTo(1, 12);
    expect(cmp.rounds).toBe(2);
    expect(cmp.kendallTauB.ciLow).toBeCloseTo(-1 + 0.025 * 2, 12); // type-7 quantile of {1, −1}
  });
});

describe("instance-level agreement (MT-Bench definitions)", () => {
  // prompt 1: humans A-win, A-win, tie; judge saw both orders: A-win (x,y) and B... (y,x) 'a' = y wins
  const human: Vote[] = [
    { prompt: 1, a: "x", b: "y", outcome: "a" },
    { prompt: 1, a: "y", b: "x", outcome: "b" },
    { prompt: 1, a: "x", b: "y", outcome: "tie" },
    { prompt: 2, a: "x", b: "y", outcome: "b" },
  ];
  const judge: Vote[] = [
    { prompt: 1, a: "x", b: "y", outcome: "a" },
    { prompt: 1, a: "y", b: "x", outcome: "a" },
    { prompt: 2, a: "y", b: "x", outcome: "bothbad" },
  ];
  it("judge–human by hand", () => {
    // prompt 1: 3 humans × 2 judge votes = 6 comparisons: (x,x) (x,y) (x,x) (x,y) (tie,x) (tie,y) → 2 equal
    // prompt 2: human y vs judge tie → 1 comparison, not equal. With ties 2/7; without ties: 4 comparisons, 2 equal.
    const r = judgeHumanAgreement(human, judge);
    expect(r.comparisons).toBe(7);
    expect(r.withTies).toBeCloseTo(2 / 7, 12);
    expect(r.comparisonsWithoutTies).toBe(4);
    expect(r.withoutTies).toBeCloseTo(0.5, 12);
  });
  it("human–human by hand", () => {
    // prompt 1 pairs: (x,x) equal, (x,tie), (x,tie) → 1/3 with ties; without ties 1/1
    const r = humanHumanAgreement(human);
    expect(r.comparisons).toBe(3);
    expect(r.withTies).toBeCloseTo(1 / 3, 12);
    expect(r.withoutTies).toBe(1);
  });
  it("position consistency and merge (inconsistent → tie)", () => {
    const pc = positionConsistency(judge);
    expect(pc).toEqual({ pairs: 1, consistency: 0, inconsistent: 1 });
    const merged = mergeOrders(judge);
    expect(merged.find((v) => v.prompt === 1)!.outcome).toBe("tie");
    expect(merged.find((v) => v.prompt === 2)!.outcome).toBe("tie");
  });
  it.each([
    { table: [[20, 5], [10, 15]], kappa: 0.4 },
    { table: [[45, 15], [25, 15]], kappa: (0.6 - 0.54) / 0.46 },
    { table: [[10, 0], [0, 10]], kappa: 1 },
    { table: [[5, 5], [5, 5]], kappa: 0 },
  ])("Cohen's κ of $table", ({ table, kappa }) => expect(cohensKappaFromTable(table)).toBeCloseTo(kappa, 12));
});

describe("JuStRank decisiveness and bias", () => {
  it.each([0.5, 1, 2.5, 6])("recovers α = %f from noisy Beta-mapped win rates", (alpha) => {
    const rng = createRng(Math.round(alpha * 10));
    const pts = Array.from({ length: 60 }, (_, k) => {
      const h = 0.02 + (0.96 * k) / 59;
      return { human: h, judge: Math.min(1, Math.max(0, incompleteBeta(h, alpha, alpha) + 0.01 * rng.normal())) };
    });
    const fit = fitDecisiveness(pts);
    expect(Math.abs(Math.log(fit.alpha / alpha))).toBeLessThan(0.1);
  });
  it("bias = mean residual per system", () => {
    const b = judgeBias(
      [
        { system: "s", opponent: "t", human: 0.5, judge: 0.7 },
        { system: "s", opponent: "u", human: 0.5, judge: 0.5 },
      ],
      3,
    );
    expect(b[0].bias).toBeCloseTo(0.1, 12);
  });
});

describe("Arena-Hard separability and agreement with confidence", () => {
  it("by hand", () => {
    const ref = { systems: ["a", "b", "c"], ciLow: [10, 5, 0], ciHigh: [12, 8, 6] };
    expect(separability(ref.ciLow, ref.ciHigh)).toBeCloseTo(2 / 3, 12); // a–b (10 > 8) and a–c separated, b–c overlap
    const cand = { systems: ["c", "b", "a"], ciLow: [9, 0, 20], ciHigh: [10, 1, 21] };
    // reference separates a>b and a>c; candidate: a>b (+1), a>c (+1)
    expect(agreementWithConfidence(ref, cand)).toEqual({ value: 1, pairs: 2 });
    const flipped = { systems: ["a", "b", "c"], ciLow: [0, 5, 20], ciHigh: [1, 6, 21] };
    expect(agreementWithConfidence(ref, flipped)).toEqual({ value: -1, pairs: 2 });
  });
});

describe("alt-test", () => {
  it("Benjamini–Yekutieli by hand", () => {
    // m = 3, c(3) = 11/6; thresholds k·0.05/(3·11/6) = 0.00909, 0.01818, 0.02727
    expect(benjaminiYekutieli([0.015, 0.005, 0.5], 0.05)).toEqual([true, true, false]);
    expect(benjaminiYekutieli([0.02, 0.005, 0.5], 0.05)).toEqual([false, true, false]);
    expect(benjaminiYekutieli([0.02, 0.03, 0.5], 0.05)).toEqual([false, false, false]);
  });
  function items(seed: number, judgeAcc: number): AltItem[] {
    const rng = createRng(seed);
    return Array.from({ length: 150 }, (_, i) => {
      const truth = rng.int(3);
      const label = (acc: number): number => (rng.next() < acc ? truth : (truth + 1 + rng.int(2)) % 3);
      return { id: i, humans: { h1: label(0.7), h2: label(0.7), h3: label(0.7), h4: label(0.7) }, judge: label(judgeAcc) };
    });
  }
  it("a judge as good as the truth passes, a random judge fails", () => {
    const good = altTest(items(1, 1), { epsilon: 0.1 });
    const bad = altTest(items(1, 1 / 3), { epsilon: 0.1 });
    expect(good.passed).toBe(true);
    expect(good.winningRate).toBe(1);
    expect(good.advantageProbability).toBeGreaterThan(0.7);
    expect(bad.passed).toBe(false);
    expect(bad.winningRate).toBe(0);
    expect(bad.advantageProbability).toBeLessThan(good.advantageProbability);
  });
});

describe("style features, style control and length control", () => {
  it("styleFeatures by hand, code fences stripped", () => {
    const md = "# Title\n\nSome **bold** and __also__ text.\n\n- one\n- two\n1. three\n\n```\n# not a header\n- not a list\n**x**\n```\n";
    const f = styleFeatures(md);
    expect(f.headers).toBe(1);
    expect(f.listItems).toBe(3);
    expect(f.bold).toBe(2);
    expect(f.tokens).toBe(md.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)!.length);
  });
  it("contextual BT recovers a simulated length effect and the style-free strengths", () => {
    const rng = createRng(11);
    const truth = [0, 0.4, 0.8];
    const gamma = 0.6;
    const battles: StyleBattle[] = [];
    for (let k = 0; k < 6000; k++) {
      const i = rng.int(3);
      const j = (i + 1 + rng.int(2)) % 3;
      const la = 50 + rng.int(500);
      const lb = 50 + rng.int(500);
      battles.push({ a: `s${i}`, b: `s${j}`, outcome: "a", styleA: { tokens: la, headers: 0, listItems: 0, bold: 0 }, styleB: { tokens: lb, headers: 0, listItems: 0, bold: 0 } });
    }
    // scale the single feature as the engine does (unit RMS, not centred), then draw outcomes from the true model
    const d = battles.map((b) => (b.styleA.tokens - b.styleB.tokens) / (b.styleA.tokens + b.styleB.tokens + 1));
    const m = 0;
    const sd = Math.sqrt(d.reduce((s, x) => s + x ** 2, 0) / d.length);
    battles.forEach((b, k) => {
      const eta = truth[+b.a.slice(1)] - truth[+b.b.slice(1)] + gamma * ((d[k] - m) / sd);
      b.outcome = rng.next() < 1 / (1 + Math.exp(-eta)) ? "a" : "b";
    });
    const r = styleControl(battles, { rounds: 100, seed: 1, features: ["tokens"] });
    const c = r.coefficients[0];
    expect(c.ciLow).toBeLessThan(gamma);
    expect(c.ciHigh).toBeGreaterThan(gamma);
    expect(Math.abs(c.value - gamma)).toBeLessThan(0.1);
    const f = 400 / Math.log(10);
    expect(Math.abs(r.ratings[2] - r.ratings[0] - f * 0.8)).toBeLessThan(30);
  });
  it("style control does not depend on the order a battle's two systems are listed in", () => {
    const rng = createRng(21);
    const battles: StyleBattle[] = [];
    for (let k = 0; k < 3000; k++) {
      // s0 writes long answers and is always listed first, which is what a canonical (sorted) order does
      const j = 1 + rng.int(2);
      const la = 300 + rng.int(300);
      const lb = 50 + rng.int(300);
      const eta = 0.3 * (j - 1) + 0.8 * ((la - lb) / (la + lb + 1));
      battles.push({
        a: "s0", b: `s${j}`, outcome: rng.next() < 1 / (1 + Math.exp(-eta)) ? "a" : "b",
        styleA: { tokens: la, headers: 0, listItems: 0, bold: 0 }, styleB: { tokens: lb, headers: 0, listItems: 0, bold: 0 },
      });
    }
    const flipped: StyleBattle[] = battles.map((b, k) =>
      k % 2 === 0 ? b : { a: b.b, b: b.a, outcome: b.outcome === "a" ? "b" : "a", styleA: b.styleB, styleB: b.styleA },
    );
    const r1 = styleControl(battles, { rounds: 0, features: ["tokens"] });
    const r2 = styleControl(flipped, { rounds: 0, features: ["tokens"] });
    expect(r2.coefficients[0].value).toBeCloseTo(r1.coefficients[0].value, 6);
    r1.ratings.forEach((x, i) => expect(r2.ratings[i]).toBeCloseTo(x, 4));
  });
  it("style control leaves out a feature that never differs, instead of failing", () => {
    const rng = createRng(4);
    const battles: StyleBattle[] = [];
    for (let k = 0; k < 400; k++) {
      const la = 50 + rng.int(300);
      const lb = 50 + rng.int(300);
      battles.push({
        a: "x", b: k % 3 === 0 ? "y" : "z", outcome: rng.next() < 0.5 ? "a" : "b",
        styleA: { tokens: la, headers: 0, listItems: 0, bold: 1 }, styleB: { tokens: lb, headers: 0, listItems: 0, bold: 1 },
      });
    }
    const r = styleControl(battles, { rounds: 20, seed: 1 });
    expect(r.dropped).toEqual(["headers", "listItems", "bold"]);
    expect(r.coefficients.map((c) => c.feature)).toEqual(["tokens", "headers", "listItems", "bold"]);
    expect(r.coefficients[1]).toEqual({ feature: "headers", value: 0, ciLow: 0, ciHigh: 0 });
    expect(r.ratings.every(Number.isFinite)).toBe(true);
  });
  it("length-controlled win rate removes a pure length preference", () => {
    const rng = createRng(5);
    const battles: LengthBattle[] = [];
    for (let k = 0; k < 4000; k++) {
      // "long" is as good as the baseline but writes longer answers; the judge prefers longer ones
      const lenA = 100 + rng.int(200);
      const lenB = lenA + 150 + rng.int(100);
      const eta = 2 * Math.tanh((lenB - lenA) / 200);
      battles.push({ a: "base", b: "long", lenA, lenB, outcome: rng.next() < 1 / (1 + Math.exp(-eta)) ? "b" : "a" });
    }
    const [row] = lengthControlledWinRate(battles, "base");
    expect(row.winRate).toBeGreaterThan(0.8);
    expect(row.lengthCoef).toBeGreaterThan(0);
    expect(row.lcWinRate).toBeLessThan(row.winRate);
  });
});
