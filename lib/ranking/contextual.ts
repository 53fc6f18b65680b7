import { choleskyFactor, factorSolve, type CholeskyFactor } from "./linalg";

/**
 * Grouped rows of a contextual Bradley–Terry model: row r is `count[r]` battles of systems a[r] vs b[r] with feature
 * vector x[r·F … r·F+F) and outcome y[r] ∈ {1, 0, ½} (a wins, b wins, tie), total weight w[r].
 */
export interface ContextRows {
  nSystems: number;
  nFeatures: number;
  a: Int32Array;
  b: Int32Array;
  x: Float64Array;
  y: Float64Array;
  count: Float64Array;
  w: Float64Array;
}

/** Parameter vector layout: θ[0..n) system strengths, θ[n..n+F) feature coefficients. */
export interface ContextFit {
  theta: Float64Array;
  iterations: number;
  converged: boolean;
  logLik: number;
}

const logSig = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/**
 * Log-likelihood of the contextual BT model, P(a beats b) = σ(θ_a − θ_b + γ·x) with soft labels y (ties ½), rows
 * weighted by `wts` (default rows.w): ℓ = Σ_r w_r [y_r log σ(η_r) + (1−y_r) log σ(−η_r)]. Writes ∇ℓ into g.
 */
export function contextLogLik(rows: ContextRows, theta: Float64Array, g: Float64Array | null, wts?: Float64Array): number {
  const n = rows.nSystems;
  const F = rows.nFeatures;
  const w = wts ?? rows.w;
  if (g) g.fill(0);
  let ll = 0;
  for (let r = 0; r < rows.a.length; r++) {
    const wr = w[r];
    if (wr === 0) continue;
    const a = rows.a[r];
    const b = rows.b[r];
    let eta = theta[a] - theta[b];
    for (let f = 0; f < F; f++) eta += theta[n + f] * rows.x[r * F + f];
    const y = rows.y[r];
    if (!g) {
      ll += wr * (y * logSig(eta) + (1 - y) * logSig(-eta));
      continue;
    }
    const res = wr * (y - 1 / (1 + Math.exp(-eta)));
    g[a] += res;
    g[b] -= res;
    for (let f = 0; f < F; f++) g[n + f] += res * rows.x[r * F + f];
  }
  return ll;
}

/** Negative Hessian of ℓ plus ridge·I, plus the gauge 11ᵀ/n on the system block (θ is centred over systems). */
export function contextHessian(rows: ContextRows, theta: Float64Array, ridge: number): Float64Array {
  const n = rows.nSystems;
  const F = rows.nFeatures;
  const p = n + F;
  const h = new Float64Array(p * p);
  const idx = new Int32Array(2 + F);
  const coef = new Float64Array(2 + F);
  for (let r = 0; r < rows.a.length; r++) {
    const wr = rows.w[r];
    if (wr === 0) continue;
    const a = rows.a[r];
    const b = rows.b[r];
    let eta = theta[a] - theta[b];
    for (let f = 0; f < F; f++) eta += theta[n + f] * rows.x[r * F + f];
    const s = 1 / (1 + Math.exp(-eta));
    const v = wr * s * (1 - s);
    idx[0] = a;
    coef[0] = 1;
    idx[1] = b;
    coef[1] = -1;
    for (let f = 0; f < F; f++) {
      idx[2 + f] = n + f;
      coef[2 + f] = rows.x[r * F + f];
    }
    for (let u = 0; u < 2 + F; u++) for (let t = 0; t < 2 + F; t++) h[idx[u] * p + idx[t]] += v * coef[u] * coef[t];
  }
  for (let i = 0; i < p; i++) h[i * p + i] += ridge;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * p + j] += 1 / n;
  return h;
}

function centre(theta: Float64Array, n: number): void {
  let m = 0;
  for (let i = 0; i < n; i++) m += theta[i];
  m /= n;
  for (let i = 0; i < n; i++) theta[i] -= m;
}

/**
 * Contextual Bradley–Terry fit (logistic regression with ±1 system indicators and feature columns, soft tie labels),
 * as in Chatbot Arena style control (FastChat `rating_systems.py` `fit_contextual_bt`; LMArena blog "Does style
 * matter?", 2024). Damped Newton with Cholesky on the (n+F)² Hessian; system strengths centred to mean 0. `ridge`
 * adds −ridge/2·‖θ‖² (default 0). Assumes a connected comparison graph.
 */
export function fitContextual(rows: ContextRows, opts: { ridge?: number; tol?: number; maxIter?: number; start?: Float64Array } = {}): ContextFit {
  const n = rows.nSystems;
  const p = n + rows.nFeatures;
  const ridge = opts.ridge ?? 0;
  const theta = opts.start ? Float64Array.from(opts.start) : new Float64Array(p);
  const g = new Float64Array(p);
  const obj = (t: Float64Array): number => {
    let f = contextLogLik(rows, t, null);
    for (let i = 0; i < p; i++) f -= 0.5 * ridge * t[i] * t[i];
    return f;
  };
  let f = obj(theta);
  const trial = new Float64Array(p);
  for (let it = 1; it <= (opts.maxIter ?? 100); it++) {
    contextLogLik(rows, theta, g);
    for (let i = 0; i < p; i++) g[i] -= ridge * theta[i];
    const fac = choleskyFactor(contextHessian(rows, theta, ridge), p);
    if (!fac) throw new Error("contextual BT Hessian is not positive definite (disconnected graph or constant feature?)");
    factorSolve(fac, g);
    let t = 1;
    let fNew = f;
    for (let k = 0; k < 30; k++) {
      for (let i = 0; i < p; i++) trial[i] = theta[i] + t * g[i];
      fNew = obj(trial);
      if (fNew >= f - 1e-12 * Math.abs(f)) break;
      t /= 2;
    }
    theta.set(trial);
    centre(theta, n);
    f = fNew;
    let maxStep = 0;
    for (let i = 0; i < p; i++) maxStep = Math.max(maxStep, Math.abs(t * g[i]));
    if (maxStep < (opts.tol ?? 1e-10)) return { theta, iterations: it, converged: true, logLik: contextLogLik(rows, theta, null) };
  }
  return { theta, iterations: opts.maxIter ?? 100, converged: false, logLik: contextLogLik(rows, theta, null) };
}

/**
 * Refit on resampled row weights `wts` from the point estimate with the point estimate's Hessian factor (chord
 * method, as in `refitFromPoint` for plain BT); falls back to a full Newton fit after 50 steps.
 */
export function refitContextual(
  rows: ContextRows,
  wts: Float64Array,
  start: Float64Array,
  factor: CholeskyFactor,
  ridge: number,
  tol: number,
): Float64Array {
  const n = rows.nSystems;
  const p = start.length;
  const theta = Float64Array.from(start);
  const g = new Float64Array(p);
  for (let it = 0; it < 50; it++) {
    contextLogLik(rows, theta, g, wts);
    for (let i = 0; i < p; i++) g[i] -= ridge * theta[i];
    factorSolve(factor, g);
    let maxStep = 0;
    for (let i = 0; i < p; i++) {
      theta[i] += g[i];
      maxStep = Math.max(maxStep, Math.abs(g[i]));
    }
    centre(theta, n);
    if (maxStep < tol) return theta;
    if (!(maxStep < 1e3)) break;
  }
  const resampled: ContextRows = { ...rows, w: wts };
  return fitContextual(resampled, { ridge: ridge > 0 ? ridge : 1e-6, start, tol }).theta;
}
