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
  /** Convergence tolerance of each bootstrap refit, max |step| in θ units (default 1e-6 ≈ 4e-5 rating points). */
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

/** Gradient of the BT log-likelihood only (one exp per pair): g_i = Σ_j (W_ij − n_ij σ(θ_i − θ_j)). */
export function btGradient(s: PairStats, theta: Float64Array, g: Float64Array): void {
  g.fill(0);
  const { pi, pj, win, tot } = s;
  for (let k = 0; k < pi.length; k++) {
    const n = tot[k];
    if (n === 0) continue;
    const i = pi[k];
    const j = pj[k];
    const r = win[k] - n / (1 + Math.exp(theta[j] - theta[i]));
    g[i] += r;
    g[j] -= r;
  }
}

/**
 * Fits θ on resampled pair statistics starting from θ̂ (warm start), by the chord method: Newton steps with the
 * Cholesky factor of the Hessian at the point estimate, θ ← θ + H(θ̂)⁻¹ ∇ℓ_b(θ). The resample's Hessian differs by
 * O(1/√n), so this converges linearly and fast; falls back to full damped Newton (with its own component and
 * existence checks) after 40 steps. Returns true when the fallback was used.
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
): boolean {
  const n = s.n;
  theta.set(thetaHat);
  for (let it = 0; it < 40; it++) {
    btGradient(s, theta, g);
    if (ridge > 0) for (let i = 0; i < n; i++) g[i] -= ridge * theta[i];
    factorSolve(factor, g);
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      theta[i] += g[i];
      const a = Math.abs(g[i]);
      if (a > maxStep) maxStep = a;
    }
    if (ridge === 0) centreByComponent(theta, members);
    if (!(maxStep < 1e3)) break;
    if (maxStep < tol) return false;
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

/**
 * Multinomial bootstrap of the Bradley–Terry ratings (Chatbot Arena's bootstrap, FastChat `elo_analysis.py`
 * `get_bootstrap_result`, done on counts): each round draws N battles from the empirical (pair, outcome) distribution —
 * Multinomial(N, c/N) by sequential binomials — refits from the point estimate, and maps to ratings on the same scale
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
  for (let k = 0; k < table.count.length; k++) total += table.count[k];
  const rng = createRng(seed);
  const drawn = new Float64Array(table.count.length);
  const s = pairStats(table);
  const theta = new Float64Array(n);
  const g = new Float64Array(n);
  const samples = new Float64Array(rounds * n);
  const row = new Float64Array(n);
  let fullRefits = 0;
  for (let r = 0; r < rounds; r++) {
    multinomial(rng, total, table.count, drawn);
    pairStats(table, drawn, s);
    if (refitFromPoint(s, fit.theta, factor, fit.ridge, members, opts.tol ?? 1e-6, theta, g)) fullRefits++;
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
