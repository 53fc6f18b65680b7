import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "@/lib/random";
import {
  calibrateCascade,
  calibrateThreshold,
  cascadeDecide,
  evaluateCascade,
  runCascade,
  selfConsistency,
  type CalibrationItem,
  type CascadeItem,
} from "./cascade";
import type { Side } from "./grammar";
import { binomialCdf, clopperPearsonUpper, logGamma } from "./stats";

describe("stats", () => {
  it("logGamma and binomialCdf match known values", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(binomialCdf(5, 10, 0.5)).toBeCloseTo(0.623046875, 10);
    expect(binomialCdf(0, 10, 0.1)).toBeCloseTo(0.3486784401, 10);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    // Large n does not underflow: P(Bin(10000, 0.1) ≤ 1000) ≈ 0.5 + small continuity term.
    expect(binomialCdf(1000, 10000, 0.1)).toBeGreaterThan(0.5);
    expect(binomialCdf(1000, 10000, 0.1)).toBeLessThan(0.52);
  });

  it("Clopper–Pearson upper bound: closed form for k = 0 and monotone in k", () => {
    expect(clopperPearsonUpper(0, 10, 0.05)).toBeCloseTo(1 - Math.pow(0.05, 0.1), 8);
    expect(clopperPearsonUpper(3, 10, 0.05)).toBeGreaterThan(clopperPearsonUpper(2, 10, 0.05));
    expect(clopperPearsonUpper(5, 5, 0.05)).toBe(1);
    expect(clopperPearsonUpper(0, 0, 0.05)).toBe(1);
  });
});

describe("selfConsistency", () => {
  it("is the share of the leading verdict", () => {
    expect(selfConsistency(["A", "A"])).toMatchObject({ verdict: "A", confidence: 1 });
    expect(selfConsistency(["A", "B", "A", null])).toMatchObject({ verdict: "A", confidence: 2 / 3 });
    expect(selfConsistency(["A", "B"])).toMatchObject({ verdict: "tie", confidence: 0.5 });
    expect(selfConsistency([null])).toBeNull();
  });
});

describe("calibrateThreshold (fixed-sequence testing)", () => {
  const items = (n: number, conf: number, disagree: number): CalibrationItem[] =>
    Array.from({ length: n }, (_, i) => ({ confidence: conf, verdict: "A", human: i < disagree ? "B" : "A" }));

  it("stops at the first failing threshold even if a looser one would pass", () => {
    const data = [...items(5, 1, 0), ...items(1000, 0.5, 0)];
    const cal = calibrateThreshold(data, { alpha: 0.1, delta: 0.05, grid: [1, 0.5] });
    // n = 5 with no error: P(Bin(5, .1) ≤ 0) = 0.59 > δ → fail at λ = 1, so λ = 0.5 is never tested.
    expect(cal.threshold).toBeNull();
    expect(cal.steps).toHaveLength(1);
    expect(cal.steps[0]).toMatchObject({ threshold: 1, n: 5, disagreements: 0, passed: false });
  });

  it("accepts down to the loosest passing threshold", () => {
    const data = [...items(200, 1, 4), ...items(200, 0.75, 20), ...items(200, 0.5, 100)];
    const cal = calibrateThreshold(data, { alpha: 0.1, delta: 0.05, grid: [1, 0.75, 0.5] });
    expect(cal.threshold).toBe(0.75);
    expect(cal.steps.map((s) => s.passed)).toEqual([true, true, false]);
    expect(cal.steps[1]).toMatchObject({ n: 400, disagreements: 24 });
    expect(cal.steps[1].upperBound).toBeLessThanOrEqual(0.1);
    expect(cal.steps[2].upperBound).toBeGreaterThan(0.1);
  });

  it("validates its options", () => {
    expect(() => calibrateThreshold([], { alpha: 0, delta: 0.1 })).toThrow();
    expect(() => calibrateThreshold([], { alpha: 0.1, delta: 0.1, grid: [0.5, 1] })).toThrow(/decreasing/);
  });
});

/** Simulated cheap judge: confidence levels with known agreement with humans. */
const LEVELS = [
  { conf: 1, p: 0.5, agree: 0.96 },
  { conf: 5 / 6, p: 0.2, agree: 0.88 },
  { conf: 2 / 3, p: 0.15, agree: 0.72 },
  { conf: 1 / 2, p: 0.15, agree: 0.55 },
];
const GRID = [1, 0.8, 0.6, 0.5];

/** True P(disagree | conf ≥ λ) of the simulated population. */
function trueRisk(lambda: number): number {
  const kept = LEVELS.filter((l) => l.conf >= lambda - 1e-9);
  const mass = kept.reduce((a, l) => a + l.p, 0);
  return kept.reduce((a, l) => a + l.p * (1 - l.agree), 0) / mass;
}

function simulate(rng: Rng, n: number, strongAgree?: number): CascadeItem[] {
  const out: CascadeItem[] = [];
  for (let i = 0; i < n; i++) {
    const human: Side = rng.next() < 0.5 ? "A" : "B";
    const other: Side = human === "A" ? "B" : "A";
    let u = rng.next();
    let level = LEVELS[LEVELS.length - 1];
    for (const l of LEVELS) {
      if (u < l.p) {
        level = l;
        break;
      }
      u -= l.p;
    }
    const cheap = { verdict: rng.next() < level.agree ? human : other, confidence: level.conf, votes: { A: 0, B: 0, tie: 0 } };
    const stages = [cheap];
    if (strongAgree !== undefined) {
      const strong = rng.next() < 0.7;
      const agree = strong ? 0.95 : 0.6;
      stages.push({ verdict: rng.next() < agree ? human : other, confidence: strong ? 1 : 0.5, votes: { A: 0, B: 0, tie: 0 } });
    }
    out.push({ stages, human });
  }
  return out;
}

describe("cascade guarantee on simulated data", () => {
  it("risk(λ̂) ≤ α in at least ≈ 1 − δ of repeated calibrations", () => {
    // Risks by threshold: λ=1 → 0.04, λ=5/6 → 0.063, λ=2/3 → 0.101 (> α, a near-miss), λ=1/2 → 0.151.
    expect(trueRisk(2 / 3)).toBeGreaterThan(0.1);
    const alpha = 0.1;
    const delta = 0.1;
    const runs = 300;
    let violations = 0;
    const rng = createRng(20250401);
    for (let r = 0; r < runs; r++) {
      const data = simulate(rng, 2000).map((it) => ({ ...it.stages[0]!, human: it.human! }));
      const cal = calibrateThreshold(data, { alpha, delta, grid: GRID });
      if (cal.threshold !== null && trueRisk(cal.threshold) > alpha) violations++;
    }
    // A point-estimate rule (k/n ≤ α) would accept λ = 2/3 about half the time.
    expect(violations / runs).toBeLessThanOrEqual(delta + 0.03);
  });

  it("reports coverage and achieved agreement on held-out battles", () => {
    const rng = createRng(7);
    const cal = calibrateThreshold(
      simulate(rng, 3000).map((it) => ({ ...it.stages[0]!, human: it.human! })),
      { alpha: 0.1, delta: 0.05, grid: GRID },
    );
    expect(cal.threshold).not.toBeNull();
    const report = evaluateCascade(simulate(rng, 5000), [cal.threshold]);
    expect(report.agreement).toBeGreaterThanOrEqual(0.9);
    expect(report.coverage).toBeGreaterThan(0.45);
    expect(report.trusted + report.abstained).toBe(5000);
  });

  it("a two-stage cascade covers more than the cheap judge alone, still at the target agreement", () => {
    const rng = createRng(99);
    const cals = calibrateCascade(simulate(rng, 4000, 1), { alpha: 0.1, delta: 0.1, grid: GRID });
    expect(cals).toHaveLength(2);
    expect(cals[0].delta).toBeCloseTo(0.05);
    const thresholds = cals.map((c) => c.threshold);
    // The strong judge is trusted only when fully self-consistent (0.6 and 0.8 keep the same battles as 1).
    expect(thresholds[1]).toBeGreaterThan(0.5);
    const heldOut = simulate(rng, 5000, 1);
    const both = evaluateCascade(heldOut, thresholds);
    const cheapOnly = evaluateCascade(heldOut, [thresholds[0], null]);
    expect(both.coverage).toBeGreaterThan(cheapOnly.coverage + 0.1);
    expect(both.agreement).toBeGreaterThanOrEqual(0.9);
    expect(both.perStage[1].trusted).toBeGreaterThan(0);
  });
});

describe("cascade decisions", () => {
  const c = (verdict: Side, confidence: number) => ({ verdict, confidence, votes: { A: 0, B: 0, tie: 0 } });

  it("trusts the first stage at or above its threshold, else abstains", () => {
    expect(cascadeDecide([c("A", 0.5), c("B", 1)], [0.8, 0.9])).toEqual({ decision: "trust", stage: 1, verdict: "B", confidence: 1 });
    expect(cascadeDecide([c("A", 0.8), c("B", 1)], [0.8, 0.9])).toMatchObject({ stage: 0, verdict: "A" });
    expect(cascadeDecide([c("A", 1), null], [null, 0.9])).toEqual({ decision: "abstain" });
  });

  it("runCascade calls later judges only on escalation", async () => {
    const calls: string[] = [];
    const judge = (name: string, r: ReturnType<typeof c>) => async () => {
      calls.push(name);
      return r;
    };
    const d = await runCascade([
      { threshold: 1, judge: judge("cheap", c("A", 0.5)) },
      { threshold: null, judge: judge("uncalibrated", c("A", 1)) },
      { threshold: 0.8, judge: judge("strong", c("B", 0.9)) },
      { threshold: 0.5, judge: judge("never", c("A", 1)) },
    ]);
    expect(d).toMatchObject({ decision: "trust", stage: 2, verdict: "B", called: 2 });
    expect(calls).toEqual(["cheap", "strong"]);
  });
});
