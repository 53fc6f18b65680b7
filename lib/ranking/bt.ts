import { cholesky, choleskySolve } from "./linalg";
import { components, mleExists } from "./graph";
import { pairTable, type PairTable } from "./counts";
import { DEFAULT_SCALE, type OutcomeCounts, type RatingScale } from "./types";

/** Options of the Bradley–Terry fit. */
export interface BTOptions {
  /** Pin this system's rating (its component is shifted; other components keep mean `scale.init`). */
  anchor?: { system: string; rating: number };
  /** Ridge λ: maximise ℓ(θ) − λ/2·Σθ² (θ in natural-log units). Default 0 (plain MLE). */
  ridge?: number;
  /** Ridge applied automatically when the MLE does not exist (all-wins / all-losses groups) and `ridge` is 0. */
  degenerateRidge?: number;
  /** Stop when max |Newton step| < tol (θ units; 1e-10 ≈ 4e-9 rating points). */
  tol?: number;
  maxIter?: number;
  scale?: RatingScale;
  /** Warm start θ (natural-log strengths). */
  start?: Float64Array;
}

/** A Bradley–Terry fit. `ratings[i]` belongs to `systems[i]`. */
export interface BTFit {
  systems: string[];
  ratings: number[];
  /** Natural-log strengths, centred to mean 0 within each component (before the anchor shift). */
  theta: Float64Array;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Connected components of the comparison graph (system names). */
  components: string[][];
  /** Systems whose rating is not identified by the MLE (member of a component that is not strongly connected). */
  notIdentified: string[];
  allWins: string[];
  allLosses: string[];
  isolated: string[];
  /** Ridge actually used. */
  ridge: number;
  scale: RatingScale;
  anchor?: { system: string; rating: number };
  warnings: string[];
}

/** Sufficient statistics per unordered pair: win = W_ij (i's wins + ½ ties), tot = n_ij. */
export interface PairStats {
  n: number;
  pi: Int32Array;
  pj: Int32Array;
  win: Float64Array;
  tot: Float64Array;
}

/** Pair statistics from a pair table, or from resampled category counts `cat` (3 per pair, raw battles). */
export function pairStats(t: PairTable, cat?: Float64Array, out?: PairStats): PairStats {
  const m = t.pi.length;
  const s = out ?? { n: t.n, pi: t.pi, pj: t.pj, win: new Float64Array(m), tot: new Float64Array(m) };
  for (let k = 0; k < m; k++) {
    let w0 = t.weight[3 * k];
    let w1 = t.weight[3 * k + 1];
    let w2 = t.weight[3 * k + 2];
    if (cat) {
      // resampled raw counts, each battle carrying its cell's mean weight
      w0 = t.count[3 * k] > 0 ? (cat[3 * k] * w0) / t.count[3 * k] : 0;
      w1 = t.count[3 * k + 1] > 0 ? (cat[3 * k + 1] * w1) / t.count[3 * k + 1] : 0;
      w2 = t.count[3 * k + 2] > 0 ? (cat[3 * k + 2] * w2) / t.count[3 * k + 2] : 0;
    }
    s.win[k] = w0 + 0.5 * w2;
    s.tot[k] = w0 + w1 + w2;
  }
  return s;
}

const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/**
 * BT log-likelihood ℓ(θ) = Σ_{i<j} [W_ij log σ(θ_i−θ_j) + (n_ij−W_ij) log σ(θ_j−θ_i)], ties as half a win each
 * side (Chatbot Arena convention). Writes the gradient g_i = Σ_j (W_ij − n_ij σ(θ_i−θ_j)) into `g` if given.
 */
export function btLogLik(s: PairStats, theta: Float64Array, g?: Float64Array): number {
  let ll = 0;
  if (g) g.fill(0);
  for (let k = 0; k < s.pi.length; k++) {
    const n = s.tot[k];
    if (n === 0) continue;
    const i = s.pi[k];
    const j = s.pj[k];
    const d = theta[i] - theta[j];
    const w = s.win[k];
    ll += w * logSigmoid(d) + (n - w) * logSigmoid(-d);
    if (g) {
      const r = w - n / (1 + Math.exp(-d));
      g[i] += r;
      g[j] -= r;
    }
  }
  return ll;
}

/**
 * Negative Hessian of ℓ (a weighted graph Laplacian, H = Σ n_ij p_ij (1−p_ij) (e_i−e_j)(e_i−e_j)ᵀ) plus λI, plus —
 * when λ = 0 — the gauge term Σ_c 1_c 1_cᵀ/|c| per component c, which makes it positive definite without changing the
 * Newton step on the centred subspace (L + 11ᵀ/|c| has the same inverse as L there).
 */
export function btHessian(s: PairStats, theta: Float64Array, ridge: number, members: number[][] | null): Float64Array {
  const n = s.n;
  const h = new Float64Array(n * n);
  for (let k = 0; k < s.pi.length; k++) {
    const tot = s.tot[k];
    if (tot === 0) continue;
    const i = s.pi[k];
    const j = s.pj[k];
    const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
    const v = tot * p * (1 - p);
    h[i * n + i] += v;
    h[j * n + j] += v;
    h[i * n + j] -= v;
    h[j * n + i] -= v;
  }
  for (let i = 0; i < n; i++) h[i * n + i] += ridge;
  if (ridge === 0 && members) {
    for (const m of members) {
      const c = 1 / m.length;
      for (const a of m) for (const b of m) h[a * n + b] += c;
    }
  }
  return h;
}

/** Subtracts each component's mean from θ. */
export function centreByComponent(theta: Float64Array, members: number[][]): void {
  for (const m of members) {
    let mean = 0;
    for (const i of m) mean += theta[i];
    mean /= m.length;
    for (const i of m) theta[i] -= mean;
  }
}

/**
 * Damped Newton ascent on ℓ(θ) − λ/2‖θ‖² from `theta` (updated in place). Each step solves H δ = g by Cholesky,
 * halves the step until the objective does not decrease. Returns iterations and convergence.
 */
export function newtonBT(
  s: PairStats,
  theta: Float64Array,
  ridge: number,
  members: number[][],
  tol: number,
  maxIter: number,
): { iterations: number; converged: boolean; logLik: number } {
  const n = s.n;
  const g = new Float64Array(n);
  const trial = new Float64Array(n);
  const objective = (t: Float64Array, grad?: Float64Array): number => {
    let f = btLogLik(s, t, grad);
    if (ridge > 0) for (let i = 0; i < n; i++) {
      f -= 0.5 * ridge * t[i] * t[i];
      if (grad) grad[i] -= ridge * t[i];
    }
    return f;
  };
  let f = objective(theta, g);
  for (let it = 1; it <= maxIter; it++) {
    const h = btHessian(s, theta, ridge, members);
    if (!cholesky(h, n)) throw new Error("Bradley–Terry Hessian is not positive definite");
    const step = Float64Array.from(g);
    choleskySolve(h, n, step);
    let t = 1;
    let fNew = f;
    for (let half = 0; half < 30; half++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i] + t * step[i];
      fNew = objective(trial);
      if (fNew >= f - 1e-12 * Math.abs(f)) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(t * step[i]));
    theta.set(trial);
    if (ridge === 0) centreByComponent(theta, members);
    f = objective(theta, g);
    if (maxStep < tol) return { iterations: it, converged: true, logLik: btLogLik(s, theta) };
  }
  return { iterations: maxIter, converged: false, logLik: btLogLik(s, theta) };
}

/**
 * Maps θ to ratings: R_i = init + scale·θ_i/ln(base), so P(i beats j) = 1/(1 + base^((R_j − R_i)/scale)).
 * θ is centred per component, hence each component has mean rating `init`; with an anchor, the anchor's component is
 * shifted so the anchor gets its rating.
 */
export function thetaToRatings(
  theta: Float64Array,
  comp: Int32Array,
  scale: RatingScale,
  anchorIndex: number,
  anchorRating: number,
  out?: Float64Array,
): Float64Array {
  const r = out ?? new Float64Array(theta.length);
  const f = scale.scale / Math.log(scale.base);
  for (let i = 0; i < theta.length; i++) r[i] = scale.init + f * theta[i];
  if (anchorIndex >= 0) {
    const shift = anchorRating - r[anchorIndex];
    const c = comp[anchorIndex];
    for (let i = 0; i < theta.length; i++) if (comp[i] === c) r[i] += shift;
  }
  return r;
}

/**
 * Bradley–Terry maximum likelihood on the aggregated pair matrix: P(a beats b) = 1/(1 + 10^((R_b − R_a)/400)), ties and
 * both-bad = half a win each side, default mean rating 1000 (Chatbot Arena; FastChat `elo_analysis.py`
 * `compute_mle_elo`, which fits the same model by logistic regression). Solver: damped Newton with a Cholesky solve
 * on the n×n Hessian (converges in a handful of steps, also on sparse graphs). Disconnected components are fitted
 * separately and reported; when the MLE does not exist (a group with only wins or only losses against the rest,
 * Zermelo/Ford condition) the fit warns and uses `degenerateRidge` (default 0.01) unless a ridge is given.
 */
export function fitBradleyTerry(counts: OutcomeCounts, opts: BTOptions = {}): BTFit {
  return fitPairTable(pairTable(counts), counts.systems, opts);
}

/** `fitBradleyTerry` on a pair table with system names. */
export function fitPairTable(table: PairTable, systems: string[], opts: BTOptions = {}): BTFit {
  const n = table.n;
  const scale = opts.scale ?? DEFAULT_SCALE;
  const s = pairStats(table);
  const { comp, members } = components(n, s.pi, s.pj, s.tot);
  const exists = mleExists(members, n, s.pi, s.pj, s.win, s.tot);
  const warnings: string[] = [];
  const names = (idx: number[]): string[] => idx.map((i) => systems[i]);
  const wins = new Float64Array(n);
  const losses = new Float64Array(n);
  const games = new Float64Array(n);
  for (let k = 0; k < s.pi.length; k++) {
    wins[s.pi[k]] += s.win[k];
    losses[s.pi[k]] += s.tot[k] - s.win[k];
    wins[s.pj[k]] += s.tot[k] - s.win[k];
    losses[s.pj[k]] += s.win[k];
    games[s.pi[k]] += s.tot[k];
    games[s.pj[k]] += s.tot[k];
  }
  const isolated: number[] = [];
  const allWins: number[] = [];
  const allLosses: number[] = [];
  for (let i = 0; i < n; i++) {
    if (games[i] === 0) isolated.push(i);
    else if (losses[i] === 0) allWins.push(i);
    else if (wins[i] === 0) allLosses.push(i);
  }
  const notIdentified: number[] = [];
  members.forEach((m, c) => {
    if (!exists[c]) notIdentified.push(...m);
  });
  if (members.length > 1) {
    warnings.push(
      `comparison graph has ${members.length} disconnected components; ratings are comparable only within a component (each centred at ${scale.init})`,
    );
  }
  if (isolated.length) warnings.push(`systems without battles: ${names(isolated).join(", ")}`);
  if (allWins.length) warnings.push(`systems with only wins: ${names(allWins).join(", ")}`);
  if (allLosses.length) warnings.push(`systems with only losses: ${names(allLosses).join(", ")}`);
  let ridge = opts.ridge ?? 0;
  if (notIdentified.length && ridge === 0) {
    ridge = opts.degenerateRidge ?? 0.01;
    warnings.push(
      `maximum-likelihood ratings do not exist for ${names(notIdentified).join(", ")} (a group only wins or only loses against the rest); ridge ${ridge} applied, those ratings are not meaningful`,
    );
  }
  const theta = opts.start ? Float64Array.from(opts.start) : new Float64Array(n);
  const res = newtonBT(s, theta, ridge, members, opts.tol ?? 1e-10, opts.maxIter ?? 100);
  if (!res.converged) warnings.push(`Newton did not converge in ${res.iterations} iterations`);
  if (ridge > 0) centreByComponent(theta, members);
  let anchorIndex = -1;
  if (opts.anchor) {
    anchorIndex = systems.indexOf(opts.anchor.system);
    if (anchorIndex < 0) throw new Error(`anchor system "${opts.anchor.system}" has no battles`);
    if (members.length > 1) warnings.push(`anchor ${opts.anchor.system} shifts only its own component`);
  }
  const ratings = thetaToRatings(theta, comp, scale, anchorIndex, opts.anchor?.rating ?? 0);
  return {
    systems,
    ratings: Array.from(ratings),
    theta,
    logLik: res.logLik,
    iterations: res.iterations,
    converged: res.converged,
    components: members.map(names),
    notIdentified: names(notIdentified),
    allWins: names(allWins),
    allLosses: names(allLosses),
    isolated: names(isolated),
    ridge,
    scale,
    anchor: opts.anchor,
    warnings,
  };
}
