import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { bootstrap, btLogLik, countsFromRows, reduceToCounts, type Battle, type Outcome } from "./index";
import { btGradient, chunkSeed, refitFromPoint, ROUNDS_PER_CHUNK } from "./bootstrap";
import { btHessian, centreByComponent, fitPairTable, newtonBT, pairStats } from "./bt";
import { components } from "./graph";
import { choleskyFactor } from "./linalg";
import { pairTable } from "./counts";
import { logFactorial, MultinomialSampler } from "./poisson";
import { logGamma } from "./special";

/** χ² bound used throughout: df + 5√(2 df), as in bootstrap.test.ts. */
const chiBound = (df: number): number => df + 5 * Math.sqrt(2 * df);

describe("MultinomialSampler (Poissonised, exact)", () => {
  it("every draw sums to N, zero cells stay 0; means, variances and a covariance match the multinomial", () => {
    // small means (inversion), large means (PTRS), a zero cell
    const c = [3, 0, 7, 40, 150, 800];
    const N = c.reduce((s, x) => s + x, 0);
    const sm = new MultinomialSampler(c);
    const rng = createRng(11);
    const R = 20000;
    const out = new Float64Array(c.length);
    const m1 = new Float64Array(c.length);
    const m2 = new Float64Array(c.length);
    let cross = 0;
    for (let r = 0; r < R; r++) {
      sm.draw(rng, out);
      expect(out.reduce((s, x) => s + x, 0)).toBe(N);
      expect(out[1]).toBe(0);
      for (let k = 0; k < c.length; k++) {
        m1[k] += out[k];
        m2[k] += out[k] * out[k];
      }
      cross += out[4] * out[5];
    }
    for (let k = 0; k < c.length; k++) {
      if (c[k] === 0) continue;
      const p = c[k] / N;
      const mean = m1[k] / R;
      const v = m2[k] / R - mean * mean;
      expect(Math.abs(mean - N * p)).toBeLessThan(5 * Math.sqrt((N * p * (1 - p)) / R));
      expect(Math.abs(v / (N * p * (1 - p)) - 1)).toBeLessThan(0.06);
    }
    // Cov(X_4, X_5) = −N p_4 p_5 (independent Poissons without the fix-up would give 0)
    const cov = cross / R - (m1[4] / R) * (m1[5] / R);
    const target = (-N * c[4] * c[5]) / N / N;
    expect(Math.abs(cov / target - 1)).toBeLessThan(0.1);
  });

  it("joint frequencies of Multinomial(6; 1/6, 2/6, 3/6) match the pmf over all 28 outcomes (χ²)", () => {
    const c = [1, 2, 3];
    const sm = new MultinomialSampler(c);
    const rng = createRng(5);
    const R = 200000;
    const freq = new Map<string, number>();
    const out = new Float64Array(3);
    for (let r = 0; r < R; r++) {
      sm.draw(rng, out);
      const key = `${out[0]},${out[1]}`;
      freq.set(key, (freq.get(key) ?? 0) + 1);
    }
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    let chi = 0;
    let df = -1;
    let mass = 0;
    for (let x = 0; x <= 6; x++) {
      for (let y = 0; x + y <= 6; y++) {
        const z = 6 - x - y;
        const p = (fact(6) / (fact(x) * fact(y) * fact(z))) * (1 / 6) ** x * (2 / 6) ** y * (3 / 6) ** z;
        mass += (freq.get(`${x},${y}`) ?? 0) / R;
        if (R * p < 5) continue;
        chi += ((freq.get(`${x},${y}`) ?? 0) - R * p) ** 2 / (R * p);
        df++;
      }
    }
    expect(mass).toBeCloseTo(1, 12);
    expect(df).toBeGreaterThan(15);
    expect(chi).toBeLessThan(chiBound(df));
  });

  it("a large cell's marginal is Binomial(N, p): χ² against the pmf (PTRS plus fix-up)", () => {
    const c = [60, 940];
    const N = 1000;
    const sm = new MultinomialSampler(c);
    const rng = createRng(9);
    const R = 100000;
    const freq = new Map<number, number>();
    const out = new Float64Array(2);
    for (let r = 0; r < R; r++) {
      sm.draw(rng, out);
      freq.set(out[0], (freq.get(out[0]) ?? 0) + 1);
    }
    const p = 0.06;
    let chi = 0;
    let df = -1;
    for (let k = 0; k <= 200; k++) {
      const pk = Math.exp(logFactorial(N) - logFactorial(k) - logFactorial(N - k) + k * Math.log(p) + (N - k) * Math.log(1 - p));
      if (R * pk < 5) continue;
      chi += ((freq.get(k) ?? 0) - R * pk) ** 2 / (R * pk);
      df++;
    }
    expect(df).toBeGreaterThan(20);
    expect(chi).toBeLessThan(chiBound(df));
  });

  it("rejects fractional or negative counts, and draws all zeros for an empty vector", () => {
    expect(() => new MultinomialSampler([1, 2.5])).toThrow(RangeError);
    expect(() => new MultinomialSampler([-1, 2])).toThrow(RangeError);
    const out = new Float64Array(2).fill(7);
    new MultinomialSampler([0, 0]).draw(createRng(1), out);
    expect(Array.from(out)).toEqual([0, 0]);
  });

  it("logFactorial matches logGamma(k+1) on both sides of the table edge", () => {
    for (const k of [0, 1, 2, 10, 170, 1023, 1024, 5000, 1e6]) {
      expect(Math.abs(logFactorial(k) - logGamma(k + 1))).toBeLessThan(1e-12 * Math.max(1, logGamma(k + 1)));
    }
  });
});

function simulate(seed: number, n: number, battles: number): Battle[] {
  const rng = createRng(seed);
  const strength = Array.from({ length: n }, () => rng.normal() * 0.7);
  const out: Battle[] = [];
  for (let k = 0; k < battles; k++) {
    const i = rng.int(n);
    let j = rng.int(n - 1);
    if (j >= i) j++;
    const u = rng.next();
    const outcome: Outcome = u < 0.15 ? "tie" : u < 0.2 ? "bothbad" : rng.next() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? "a" : "b";
    out.push({ a: `m${i}`, b: `m${j}`, outcome });
  }
  return out;
}

describe("bootstrap refit and streams", () => {
  const counts = reduceToCounts(simulate(4, 12, 30000));

  it("the default (rate-based) refit tolerance is within 1e-3 rating points of fully converged refits", () => {
    const fast = bootstrap(counts, { rounds: 200, seed: 3 });
    const exact = bootstrap(counts, { rounds: 200, seed: 3, tol: 1e-13 });
    let worst = 0;
    for (let k = 0; k < fast.samples.length; k++) worst = Math.max(worst, Math.abs(fast.samples[k] - exact.samples[k]));
    expect(worst).toBeLessThan(1e-3);
    expect(fast.fullRefits).toBe(0);
    // the samples do vary (the comparison is not vacuous)
    expect(Math.max(...fast.ciHigh.map((h, i) => h - fast.ciLow[i]))).toBeGreaterThan(5);
  });

  it("chord refits from the point estimate agree with fully converged Newton fits of the same resamples to 1e-3 points", () => {
    const table = pairTable(counts);
    const fit = fitPairTable(table, counts.systems);
    const base = pairStats(table);
    const { members } = components(base.n, base.pi, base.pj, base.tot);
    const factor = choleskyFactor(btHessian(base, fit.theta, 0, members), base.n)!;
    const sm = new MultinomialSampler(table.count);
    const rng = createRng(17);
    const drawn = new Float64Array(table.count.length);
    const points = 400 / Math.log(10);
    let worst = 0;
    let firstStep = 0;
    for (let r = 0; r < 30; r++) {
      sm.draw(rng, drawn);
      const s = pairStats(table);
      for (let k = 0; k < s.pi.length; k++) {
        s.win[k] = drawn[3 * k] + 0.5 * drawn[3 * k + 2];
        s.tot[k] = drawn[3 * k] + drawn[3 * k + 1] + drawn[3 * k + 2];
      }
      const chord = new Float64Array(s.n);
      expect(refitFromPoint(s, fit.theta, factor, 0, members, 1e-6, chord, new Float64Array(s.n))).toBe(false);
      const full = new Float64Array(s.n);
      expect(newtonBT(s, full, 0, members, 1e-13, 100).converged).toBe(true);
      centreByComponent(full, members);
      for (let i = 0; i < s.n; i++) {
        worst = Math.max(worst, points * Math.abs(chord[i] - full[i]));
        firstStep = Math.max(firstStep, points * Math.abs(fit.theta[i] - full[i]));
      }
    }
    expect(worst).toBeLessThan(1e-3);
    // the resamples move the ratings by whole points, so stopping early would show
    expect(firstStep).toBeGreaterThan(1);
  });

  it("rounds come in fixed chunks of seeded streams: a longer run extends a shorter one", () => {
    const short = bootstrap(counts, { rounds: ROUNDS_PER_CHUNK + 7, seed: 8 });
    const long = bootstrap(counts, { rounds: 3 * ROUNDS_PER_CHUNK, seed: 8 });
    expect(Array.from(long.samples.subarray(0, short.samples.length))).toEqual(Array.from(short.samples));
    const seeds = new Set<number>();
    for (const s of [0, 1, 8]) for (let c = 0; c < 100; c++) seeds.add(chunkSeed(s, c));
    expect(seeds.size).toBe(300);
  });

  it("fractional rollup counts use the sequential-binomial path and still give finite intervals", () => {
    const c = countsFromRows([
      { a: "x", b: "y", outcome: "a", count: 30.5 },
      { a: "x", b: "y", outcome: "b", count: 20 },
      { a: "y", b: "z", outcome: "a", count: 25 },
      { a: "y", b: "z", outcome: "tie", count: 10 },
      { a: "z", b: "y", outcome: "a", count: 12 },
    ]);
    const b = bootstrap(c, { rounds: 100, seed: 1 });
    for (let i = 0; i < 3; i++) {
      expect(Number.isFinite(b.ciLow[i]) && Number.isFinite(b.ciHigh[i])).toBe(true);
      expect(b.ciLow[i]).toBeLessThan(b.ciHigh[i]);
    }
  });

  it("btGradient (per-system exps) equals the gradient of btLogLik", () => {
    const s = pairStats(pairTable(counts));
    const rng = createRng(2);
    const theta = Float64Array.from({ length: s.n }, () => rng.normal());
    const g1 = new Float64Array(s.n);
    const g2 = new Float64Array(s.n);
    btLogLik(s, theta, g1);
    btGradient(s, theta, g2);
    for (let i = 0; i < s.n; i++) expect(g2[i]).toBeCloseTo(g1[i], 8);
  });

  it("reduceToCounts rejects prototype keys as outcomes", () => {
    const bad = { a: "x", b: "y", outcome: "toString" } as unknown as Battle;
    expect(() => reduceToCounts([bad])).toThrow(/unknown outcome/);
  });
});
