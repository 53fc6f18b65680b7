/**
 * Fast exact multinomial draws for a fixed count vector, as the bootstrap needs them (the same Multinomial(N, c/N)
 * thousands of times). Poissonisation: independent X_k ~ Poisson(c_k) have, given S = ΣX_k = s, the law
 * Multinomial(s, c/N); so adding N − s iid categorical draws (S < N), or removing S − N uniformly chosen items (S > N),
 * gives Multinomial(N, c/N) exactly. Poisson means are fixed across draws, so every per-cell constant of the Poisson
 * sampler is precomputed once; a draw costs ≈ two uniforms per cell and O(√N) fix-up moves.
 */
import type { Rng } from "../random";

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_FACT_TABLE = 1024;
const logFactTable = new Float64Array(LOG_FACT_TABLE);
for (let k = 2; k < LOG_FACT_TABLE; k++) logFactTable[k] = logFactTable[k - 1] + Math.log(k);

/**
 * ln k! for integer k ≥ 0: table (cumulative Σ ln i) below 1024, else Stirling's series
 * (k+½) ln k − k + ½ ln 2π + 1/(12k) − 1/(360k³) + 1/(1260k⁵) (Abramowitz & Stegun 6.1.41), error < 1e-20 there.
 */
export function logFactorial(k: number): number {
  if (k < LOG_FACT_TABLE) return logFactTable[k];
  const r = 1 / k;
  const r2 = r * r;
  return (k + 0.5) * Math.log(k) - k + LN_SQRT_2PI + r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}

/** mulberry32's output function (lib/random.ts) for a state value: a uniform in [0, 1). */
function mulberryOut(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A uniform in [0, 1) with 53 random bits (two 32-bit draws), for indices into large ranges without bias. */
function uniform53(rng: Rng): number {
  return (Math.floor(rng.next() * 2097152) + rng.next()) / 2097152;
}

/**
 * A sampler of Multinomial(N, c/N), N = Σc, for a fixed vector of non-negative integer counts c.
 *
 * - Poisson(μ), μ ≥ 10: PTRS, transformed rejection with squeeze (W. Hörmann 1993, "The transformed rejection method
 *   for generating Poisson random variables", Insurance: Math. & Econ. 12), written as numpy's
 *   `random_poisson_ptrs`; the exact test is log V + log(1/α) − log(a/u_s² + b) ≤ −μ + k ln μ − ln k!.
 * - Poisson(μ), μ < 10: inversion by sequential search from 0, P(0) = e^−μ, P(k) = P(k−1)·μ/k (Devroye 1986, §X.3).
 * - Additions: Walker's alias method, Vose's construction (M. D. Vose 1991, IEEE TSE 17(9)), one 53-bit uniform each.
 * - Removals: pick an item uniformly among the S drawn ones (category k with probability X_k/S) by descent in a
 *   Fenwick tree of the X_k (P. M. Fenwick 1994, Softw. Pract. Exp. 24(3)), O(log K) each.
 *
 * Expected work per draw: O(K + √N log K) for K cells.
 */
export class MultinomialSampler {
  readonly total: number;
  private readonly size: number;
  private readonly cells: Int32Array;
  private readonly mu: Float64Array;
  private readonly logMu: Float64Array;
  private readonly expNegMu: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly vr: Float64Array;
  private readonly logInvAlpha: Float64Array;
  private readonly aliasProb: Float64Array;
  private readonly alias: Int32Array;
  private readonly tree: Float64Array;

  /** Throws a RangeError unless every count is a finite non-negative integer. */
  constructor(counts: ArrayLike<number>) {
    this.size = counts.length;
    const nz: number[] = [];
    let total = 0;
    for (let k = 0; k < counts.length; k++) {
      const c = counts[k];
      if (!(c >= 0 && Number.isInteger(c))) throw new RangeError(`count ${c} is not a non-negative integer`);
      if (c > 0) nz.push(k);
      total += c;
    }
    this.total = total;
    const m = nz.length;
    this.cells = Int32Array.from(nz);
    this.mu = new Float64Array(m);
    this.logMu = new Float64Array(m);
    this.expNegMu = new Float64Array(m);
    this.a = new Float64Array(m);
    this.b = new Float64Array(m);
    this.vr = new Float64Array(m);
    this.logInvAlpha = new Float64Array(m);
    for (let q = 0; q < m; q++) {
      const mu = counts[nz[q]];
      this.mu[q] = mu;
      if (mu >= 10) {
        const b = 0.931 + 2.53 * Math.sqrt(mu);
        this.b[q] = b;
        this.a[q] = -0.059 + 0.02483 * b;
        this.vr[q] = 0.9277 - 3.6224 / (b - 2);
        this.logInvAlpha[q] = Math.log(1.1239 + 1.1328 / (b - 3.4));
        this.logMu[q] = Math.log(mu);
      } else this.expNegMu[q] = Math.exp(-mu);
    }
    // Vose's alias table over the non-zero cells, probabilities c/N
    this.aliasProb = new Float64Array(m);
    this.alias = new Int32Array(m);
    const scaled = Float64Array.from(this.mu, (c) => (c * m) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, q) => (p < 1 ? small : large).push(q));
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large[large.length - 1];
      this.aliasProb[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) small.push(large.pop()!);
    }
    for (const q of large) this.aliasProb[q] = 1;
    for (const q of small) this.aliasProb[q] = 1; // only by rounding
    this.tree = new Float64Array(m + 1);
  }

  /**
   * Draws Multinomial(N, c/N) into `out` (length of the count vector; cells with c = 0 get 0). Consumes one value of
   * `rng` (the seed of an inlined mulberry32 stream, as in `createRng`) plus `rng` draws for the fix-up.
   */
  draw(rng: Rng, out: Float64Array): void {
    out.fill(0, 0, this.size);
    const m = this.cells.length;
    if (m === 0) return;
    const x = this.tree; // x[q + 1] = X_q, later turned into the Fenwick tree
    const { mu: muA, logMu, expNegMu, a: aA, b: bA, vr: vrA, logInvAlpha } = this;
    let state = Math.floor(rng.next() * 4294967296) | 0;
    // mulberry32 inlined (lib/random.ts): a local state keeps the 2–3 uniforms per cell cheap
    let s = 0;
    for (let q = 0; q < m; q++) {
      const mu = muA[q];
      let k = 0;
      if (mu < 10) {
        let p = expNegMu[q];
        state = (state + 0x6d2b79f5) | 0;
        let u = mulberryOut(state);
        while (u > p) {
          u -= p;
          k++;
          p *= mu / k;
          if (p === 0) break; // u left above the rounded total mass: probability < 1e-15
        }
      } else {
        const a = aA[q];
        const b = bA[q];
        const vr = vrA[q];
        for (;;) {
          state = (state + 0x6d2b79f5) | 0;
          const u = mulberryOut(state) - 0.5;
          state = (state + 0x6d2b79f5) | 0;
          const v = mulberryOut(state);
          const us = 0.5 - Math.abs(u);
          k = Math.floor(((2 * a) / us + b) * u + mu + 0.43);
          if (us >= 0.07 && v <= vr) break;
          if (k < 0 || (us < 0.013 && v > us)) continue;
          if (Math.log(v / (a / (us * us) + b)) + logInvAlpha[q] <= -mu + k * logMu[q] - logFactorial(k)) break;
        }
      }
      x[q + 1] = k;
      s += k;
    }
    if (s < this.total) {
      for (let r = this.total - s; r > 0; r--) {
        const u = uniform53(rng) * m;
        const q = Math.floor(u);
        x[(u - q < this.aliasProb[q] ? q : this.alias[q]) + 1]++;
      }
    } else if (s > this.total) {
      const top = this.treeFromCounts(m);
      for (; s > this.total; s--) this.removeAt(Math.floor(uniform53(rng) * s), m, top);
      this.countsFromTree(m);
    }
    for (let q = 0; q < m; q++) out[this.cells[q]] = x[q + 1];
  }

  /** Turns x[1..m] (counts) into a Fenwick tree in place; returns the highest power of two ≤ m. */
  private treeFromCounts(m: number): number {
    const t = this.tree;
    for (let i = 1; i <= m; i++) {
      const j = i + (i & -i);
      if (j <= m) t[j] += t[i];
    }
    let top = 1;
    while (top * 2 <= m) top *= 2;
    return top;
  }

  /** Removes one item from the category holding item number r (0-based, in cell order): Fenwick descent. */
  private removeAt(r: number, m: number, top: number): void {
    const t = this.tree;
    let pos = 0;
    let rest = r;
    for (let step = top; step > 0; step >>= 1) {
      const nxt = pos + step;
      if (nxt <= m && t[nxt] <= rest) {
        pos = nxt;
        rest -= t[nxt];
      }
    }
    for (let i = pos + 1; i <= m; i += i & -i) t[i]--;
  }

  /** Inverse of `treeFromCounts`. */
  private countsFromTree(m: number): void {
    const t = this.tree;
    for (let i = m; i >= 1; i--) {
      const j = i + (i & -i);
      if (j <= m) t[j] -= t[i];
    }
  }
}
