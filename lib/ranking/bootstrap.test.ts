import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { binomial, bootstrap, multinomial, reduceToCounts, sandwich, type Battle } from "./index";

describe("binomial and multinomial samplers", () => {
  it.each([
    { n: 20, p: 0.1 }, // inversion
    { n: 1_000_000, p: 4e-6 }, // inversion, huge n
    { n: 200, p: 0.3 }, // BTRS
    { n: 1_000_000, p: 6.7e-5 }, // BTRS, huge n
    { n: 50, p: 0.9 }, // symmetry branch
  ])("Binomial($n, $p): sample mean and variance match np and np(1−p)", ({ n, p }) => {
    const rng = createRng(7);
    const N = 40000;
    let s = 0;
    let s2 = 0;
    let bad = 0;
    for (let k = 0; k < N; k++) {
      const x = binomial(rng, n, p);
      if (!(x >= 0 && x <= n && Number.isInteger(x))) bad++;
      s += x;
      s2 += x * x;
    }
    expect(bad).toBe(0);
    const mean = s / N;
    const v = s2 / N - mean * mean;
    const mu = n * p;
    const sigma2 = n * p * (1 - p);
    expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / N));
    expect(Math.abs(v / sigma2 - 1)).toBeLessThan(0.05);
  });

  it("Binomial(30, 0.4) frequencies match the pmf (χ² sanity)", () => {
    const rng = createRng(3);
    const N = 100000;
    const freq = new Array<number>(31).fill(0);
    for (let k = 0; k < N; k++) freq[binomial(rng, 30, 0.4)]++;
    let chi = 0;
    let pk = Math.pow(0.6, 30);
    let df = 0;
    for (let k = 0; k <= 30; k++) {
      if (N * pk > 5) {
        chi += (freq[k] - N * pk) ** 2 / (N * pk);
        df++;
      }
      pk *= ((30 - k) / (k + 1)) * (0.4 / 0.6);
    }
    expect(chi).toBeLessThan(df + 5 * Math.sqrt(2 * df));
  });

  it("multinomial draws sum to N and have the right means", () => {
    const rng = createRng(1);
    const c = [5, 0, 100, 20, 875];
    const out = new Float64Array(5);
    const mean = new Float64Array(5);
    for (let r = 0; r < 2000; r++) {
      multinomial(rng, 1000, c, out);
      expect(out.reduce((s, x) => s + x, 0)).toBe(1000);
      expect(out[1]).toBe(0);
      for (let k = 0; k < 5; k++) mean[k] += out[k] / 2000;
    }
    for (let k = 0; k < 5; k++) expect(Math.abs(mean[k] - c[k])).toBeLessThan(5 * Math.sqrt((c[k] * (1 - c[k] / 1000)) / 2000) + 1e-9);
  });
});

function simulate(seed: number, truth: number[], battles: number, tieRate: number): Battle[] {
  const rng = createRng(seed);
  const n = truth.length;
  const out: Battle[] = [];
  for (let k = 0; k < battles; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const p = 1 / (1 + Math.exp(truth[j] - truth[i]));
    // a tie model consistent with "half a win": ties at a fixed rate, decisive outcomes BT
    out.push({ a: `s${i}`, b: `s${j}`, outcome: rng.next() < tieRate ? "tie" : rng.next() < p ? "a" : "b" });
  }
  return out;
}

describe("bootstrap", () => {
  it("is deterministic for a seed and labels its level", () => {
    const c = reduceToCounts(simulate(1, [0, 0.5, 1], 300, 0.1));
    const a = bootstrap(c, { rounds: 50, seed: 9, level: 0.8 });
    const b = bootstrap(c, { rounds: 50, seed: 9, level: 0.8 });
    const d = bootstrap(c, { rounds: 50, seed: 10, level: 0.8 });
    expect(a.ciLow).toEqual(b.ciLow);
    expect(a.ciLow).not.toEqual(d.ciLow);
    expect([a.method, a.level, a.rounds, a.seed]).toEqual(["bootstrap", 0.8, 50, 9]);
  });

  it("MLE recovers known strengths on a large simulated data set", () => {
    const truth = [-1, -0.3, 0, 0.4, 0.9];
    const c = reduceToCounts(simulate(2, truth, 60000, 0));
    const b = bootstrap(c, { rounds: 100, seed: 1 });
    const f = 400 / Math.log(10);
    const mean = truth.reduce((s, x) => s + x, 0) / truth.length;
    truth.forEach((t, i) => {
      const r = b.fit.ratings[c.systems.indexOf(`s${i}`)];
      expect(Math.abs(r - (1000 + f * (t - mean)))).toBeLessThan(4 * (b.ciHigh[i] - b.ciLow[i]) / 3.92 + 1);
    });
  });

  it("nominal 95% intervals cover the truth in 93–97% of 400 simulated data sets (bootstrap and sandwich)", () => {
    // identifiability: truth and estimates are both centred by their mean (the engine's default scale).
    // No ties here: a constant tie rate scored as half wins shrinks the estimand away from the simulated truth.
    const truth = [-0.6, -0.1, 0.2, 0.5];
    const f = 400 / Math.log(10);
    const mean = truth.reduce((s, x) => s + x, 0) / truth.length;
    const target = truth.map((t) => 1000 + f * (t - mean));
    let covB = 0;
    let covS = 0;
    let total = 0;
    for (let d = 0; d < 400; d++) {
      const c = reduceToCounts(simulate(1000 + d, truth, 800, 0));
      const b = bootstrap(c, { rounds: 300, seed: d });
      const s = sandwich(c);
      truth.forEach((_, i) => {
        const k = c.systems.indexOf(`s${i}`);
        total++;
        if (b.ciLow[k] <= target[i] && target[i] <= b.ciHigh[k]) covB++;
        if (s.ciLow[k] <= target[i] && target[i] <= s.ciHigh[k]) covS++;
      });
    }
    console.log(`coverage: bootstrap ${(covB / total).toFixed(3)}, sandwich ${(covS / total).toFixed(3)} over ${total} system-datasets`);
    expect(covB / total).toBeGreaterThanOrEqual(0.93);
    expect(covB / total).toBeLessThanOrEqual(0.97);
    expect(covS / total).toBeGreaterThanOrEqual(0.93);
    expect(covS / total).toBeLessThanOrEqual(0.97);
  });

  it("bootstrap and sandwich widths agree on a large sample, and anchored CIs collapse at the anchor", () => {
    const c = reduceToCounts(simulate(5, [0, 0.3, 0.8, 1.2], 20000, 0.2));
    const b = bootstrap(c, { rounds: 400, seed: 2 });
    const s = sandwich(c);
    for (let i = 0; i < 4; i++) {
      const wb = b.ciHigh[i] - b.ciLow[i];
      const ws = s.ciHigh[i] - s.ciLow[i];
      expect(Math.abs(wb / ws - 1)).toBeLessThan(0.15);
    }
    const anchored = sandwich(c, { bt: { anchor: { system: "s0", rating: 1200 } } });
    expect(anchored.ciLow[0]).toBeCloseTo(1200, 9);
    expect(anchored.ciHigh[0]).toBeCloseTo(1200, 9);
  });

  it("weights: doubling every weight leaves ratings and sandwich SEs unchanged", () => {
    const battles = simulate(8, [0, 0.5, 1], 2000, 0.1);
    const c1 = reduceToCounts(battles);
    const c2 = reduceToCounts(battles.map((b) => ({ ...b, weight: 2 })));
    const s1 = sandwich(c1);
    const s2 = sandwich(c2);
    for (let i = 0; i < 3; i++) {
      expect(s2.fit.ratings[i]).toBeCloseTo(s1.fit.ratings[i], 6);
      // a constant weight c scales H by c and J by c², so H⁻¹JH⁻¹ is unchanged: weights are not extra data
      expect(s2.se[i]).toBeCloseTo(s1.se[i], 6);
    }
  });
});
