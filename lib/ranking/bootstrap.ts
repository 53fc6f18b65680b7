import { createRng } from "../random";
import { choleskyFactor, factorSolve, type CholeskyFactor } from "./linalg";
import { components, mleExists } from "./graph";
import { pairTable, type PairTable } from "./counts";
import {
  btHessian,
  centreByComponent,
  fitPairTable,
  newtonBT,
  pairStats,
  thetaToRatings,
  type BTFit,
  type BTOptions,
  type PairStats,
} from "./bt";
import { multinomial } from "./sampling";
import { MultinomialSampler } from "./poisson";
import { percentileInterval } from "./quantile";
import type { OutcomeCounts } from "./types";

export interface BootstrapOptions {
  /** Bootstrap rounds (default 1000). */
  rounds?: number;
  /** RNG seed (default 0): the same seed gives the same intervals. */
  seed?: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  level?: number;
  /** Options of the BT fit (anchor, ridge, scale). */
  bt?: BTOptions;
  /**
   * Convergence tolerance of each bootstrap refit: remaining error, max norm in θ units (default 1e-6 ≈ 4e-5 rating
   * points at scale 400/ln 10), estimated from the linear convergence rate (see `refitFromPoint`).
   */
  tol?: number;
}

export interface BootstrapResult {
  method: "bootstrap";
  level: number;
  rounds: number;
  seed: number;
  systems: string[];
  /** Point estimate (fit on the observed counts). */
  fit: BTFit;
  ciLow: number[];
  ciHigh: number[];
  /** Bootstrap ratings, row-major rounds × systems. */
  samples: Float64Array;
  /** Rounds that needed a full Newton refit instead of the fixed-Hessian iteration. */
  fullRefits: number;
}

/**
 * Gradient of the BT log-likelihood only: g_i = Σ_j (W_ij − n_ij σ(θ_i − θ_j)). With e_i = exp(θ_i − max θ),
 * σ(θ_i − θ_j) = e_i / (e_i + e_j), so a call costs n exps and one division per pair instead of one exp per pair.
 * `e` is optional scratch of length n.
 */
export function btGradient(s: PairStats, theta: Float64Array, g: Float64Array, e: Float64Array = new Float64Array(s.n)): void {
  g.fill(0);
  const { pi, pj, win, tot } = s;
  let top = -Infinity;
  for (let i = 0; i < s.n; i++) if (theta[i] > top) top = theta[i];
  for (let i = 0; i < s.n; i++) e[i] = Math.exp(theta[i] - top);
  for (let k = 0; k < pi.length; k++) {
    const n = tot[k];
    if (n === 0) continue;
    const i = pi[k];
    const j = pj[k];
    const ei = e[i];
    const d = ei + e[j];
    // both strengths underflowing (|θ_i − θ_j| irrelevant, θ far below the max) falls back to the exp form
    const r = win[k] - (d > 0 ? (n * ei) / d : n / (1 + Math.exp(theta[j] - theta[i])));
    g[i] += r;
    g[j] -= r;
  }
}

/**
 * Fits θ on resampled pair statistics starting from θ̂ (warm start), by the chord method: Newton steps with the
 * Cholesky factor of the Hessian at the point estimate, θ ← θ + H(θ̂)⁻¹ ∇ℓ_b(θ). The resample's Hessian differs by
 * O(1/√n), so this converges linearly with a small rate ρ (≈ 0.02 at 1M battles). Stopping rule for a linearly
 * convergent iteration: with steps δ_k (max norm) and ρ = δ_k/δ_{k−1} < 1 as the rate estimate, the remaining error
 * is ≈ δ_k ρ/(1−ρ) (geometric tail; e.g. Ortega & Rheinboldt 1970, §12.1), and the loop stops once that is < `tol`
 * (or a step is below tol/1000). Falls back to full damped Newton (with its own component and existence checks) after
 * 40 steps or on divergence. `e` is optional scratch of length n. Returns true when the fallback was used.
 */
export function refitFromPoint(
  s: PairStats,
  thetaHat: Float64Array,
  factor: CholeskyFactor,
  ridge: number,
  members: number[][],
  tol: number,
  theta: Float64Array,
  g: Float64Array,
  e: Float64Array = new Float64Array(s.n),
): boolean {
  const n = s.n;
  theta.set(thetaHat);
  let prevStep = NaN; // no rate estimate before the second step
  for (let it = 0; it < 40; it++) {
    btGradient(s, theta, g, e);
    if (ridge > 0) for (let i = 0; i < n; i++) g[i] -= ridge * theta[i];
    factorSolve(factor, g);
    let maxStep = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      theta[i] += g[i];
      const a = Math.abs(g[i]);
      if (a > maxStep) maxStep = a;
      else if (!(a <= maxStep)) finite = false; // NaN: fall back
    }
    if (ridge === 0) centreByComponent(theta, members);
    if (!finite || !(maxStep < 1e3)) break;
    const rho = maxStep / prevStep;
    if (maxStep < tol * 1e-3 || (rho < 1 && (maxStep * rho) / (1 - rho) < tol)) return false;
    prevStep = maxStep;
  }
  const { members: m2 } = components(n, s.pi, s.pj, s.tot);
  const ok = mleExists(m2, n, s.pi, s.pj, s.win, s.tot).every(Boolean);
  const r = ridge > 0 ? ridge : ok ? 0 : 0.01;
  theta.set(thetaHat);
  newtonBT(s, theta, r, m2, tol, 200);
  // express on the point estimate's gauge (centred per original component)
  centreByComponent(theta, members);
  return true;
}

/** Rounds drawn from one RNG stream; chunk c of a bootstrap with seed s uses `createRng(chunkSeed(s, c))`. */
export const ROUNDS_PER_CHUNK = 50;

/**
 * Seed of chunk c: a murmur3-style mix of (seed, c), fed to `createRng` (which applies splitmix32). Fixing the
 * chunk → stream map makes the result a function of (seed, rounds) only, whatever order or thread runs the chunks.
 */
export function chunkSeed(seed: number, chunk: number): number {
  let h = Math.imul(Math.floor(seed) >>> 0, 0xcc9e2d51) ^ Math.imul(chunk + 1, 0x1b873593);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Pair statistics of a resample (`pairStats` with precomputed mean weights): category counts c′ carry their cell's
 * mean weight w/c, so W_ij = c′₀w̄₀ + ½c′₂w̄₂ and n_ij = Σ c′w̄.
 */
function resampledStats(t: PairTable, meanWeight: Float64Array, cat: Float64Array, s: PairStats): void {
  for (let k = 0; k < t.pi.length; k++) {
    const w0 = cat[3 * k] * meanWeight[3 * k];
    const w1 = cat[3 * k + 1] * meanWeight[3 * k + 1];
    const w2 = cat[3 * k + 2] * meanWeight[3 * k + 2];
    s.win[k] = w0 + 0.5 * w2;
    s.tot[k] = w0 + w1 + w2;
  }
}

/**
 * Multinomial bootstrap of the Bradley–Terry ratings (Chatbot Arena's bootstrap, FastChat `elo_analysis.py`
 * `get_bootstrap_result`, done on counts): each round draws N battles from the empirical (pair, outcome) distribution —
 * Multinomial(N, c/N), exactly, by `MultinomialSampler` (Poissonisation; sequential binomials for fractional counts),
 * over the pair table's 3 categories per unordered pair (merging cells BT cannot tell apart keeps the law exact) —
 * refits from the point estimate, and maps to ratings on the same scale
 * (mean 1000 or anchor). Intervals are percentile intervals at `level` (type-7 quantiles). Cost per round is O(#pairs)
 * for the draw plus a few O(#pairs + n²) chord steps, independent of the number of votes.
 */
export function bootstrap(counts: OutcomeCounts, opts: BootstrapOptions = {}): BootstrapResult {
  const table = pairTable(counts);
  return bootstrapTable(table, counts.systems, opts);
}

/** `bootstrap` on an already built pair table. */
export function bootstrapTable(table: PairTable, systems: string[], opts: BootstrapOptions = {}): BootstrapResult {
  const rounds = opts.rounds ?? 1000;
  const seed = opts.seed ?? 0;
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError("level must be in (0, 1)");
  const fit = fitPairTable(table, systems, opts.bt ?? {});
  const n = table.n;
  const base = pairStats(table);
  const { comp, members } = components(n, base.pi, base.pj, base.tot);
  const factor = choleskyFactor(btHessian(base, fit.theta, fit.ridge, members), n);
  if (!factor) throw new Error("Hessian at the point estimate is not positive definite");
  const anchorIndex = fit.anchor ? systems.indexOf(fit.anchor.system) : -1;
  const anchorRating = fit.anchor?.rating ?? 0;
  let total = 0;
  let integral = true;
  for (let k = 0; k < table.count.length; k++) {
    total += table.count[k];
    if (!Number.isInteger(table.count[k])) integral = false;
  }
  // exact Poissonised sampler for integer counts; sequential binomials otherwise (fractional rollup counts)
  const sampler = integral ? new MultinomialSampler(table.count) : null;
  const meanWeight = Float64Array.from(table.weight, (w, k) => (table.count[k] > 0 ? w / table.count[k] : 0));
  const drawn = new Float64Array(table.count.length);
  const s = pairStats(table);
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  const e = new Float64Array(n);
  const samples = new Float64Array(rounds * n);
  const row = new Float64Array(n);
  const tol = opts.tol ?? 1e-6;
  let fullRefits = 0;
  let rng = createRng(seed);
  for (let r = 0; r < rounds; r++) {
    if (r % ROUNDS_PER_CHUNK === 0) rng = createRng(chunkSeed(seed, r / ROUNDS_PER_CHUNK));
    if (sampler) sampler.draw(rng, drawn);
    else multinomial(rng, total, table.count, drawn);
    resampledStats(table, meanWeight, drawn, s);
    if (refitFromPoint(s, fit.theta, factor, fit.ridge, members, tol, theta, g, e)) fullRefits++;
    thetaToRatings(theta, comp, fit.scale, anchorIndex, anchorRating, row);
    samples.set(row, r * n);
  }
  const ciLow: number[] = [];
  const ciHigh: number[] = [];
  const col = new Float64Array(rounds);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rounds; r++) col[r] = samples[r * n + i];
    const [lo, hi] = rounds > 0 ? percentileInterval(col, level) : [NaN, NaN];
    ciLow.push(lo);
    ciHigh.push(hi);
  }
  return { method: "bootstrap", level, rounds, seed, systems, fit, ciLow, ciHigh, samples, fullRefits };
}
