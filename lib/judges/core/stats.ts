/**
 * Exact binomial tail probabilities and the Clopper–Pearson bound used by the cascade calibration.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Binomial CDF P(X ≤ k) for X ~ Bin(n, p), computed exactly in log space:
 * P(X ≤ k) = Σ_{i=0..k} C(n, i) pⁱ (1−p)ⁿ⁻ⁱ, summed with log-sum-exp to avoid underflow for large n.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const base = logGamma(n + 1);
  const terms: number[] = [];
  for (let i = 0; i <= k; i++) terms.push(base - logGamma(i + 1) - logGamma(n - i + 1) + i * lp + (n - i) * lq);
  const m = Math.max(...terms);
  const s = terms.reduce((acc, t) => acc + Math.exp(t - m), 0);
  return Math.min(1, Math.exp(m + Math.log(s)));
}

/**
 * One-sided exact binomial test of H₀: p ≥ p₀ against H₁: p < p₀ after observing k successes in n trials.
 * p-value = P(X ≤ k | X ~ Bin(n, p₀)). With n = 0 the p-value is 1 (no evidence).
 */
export function binomialTestLowerPValue(k: number, n: number, p0: number): number {
  if (n === 0) return 1;
  return binomialCdf(k, n, p0);
}

/**
 * One-sided Clopper–Pearson upper confidence bound (Clopper & Pearson, 1934) at level δ for a binomial rate after
 * k events in n trials: the U with P(X ≤ k | Bin(n, U)) = δ (U = 1 when k = n or n = 0). Equivalently the
 * (1 − δ) quantile of Beta(k + 1, n − k). Solved by bisection (CDF is decreasing in p).
 */
export function clopperPearsonUpper(k: number, n: number, delta: number): number {
  if (n === 0 || k >= n) return 1;
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}
