import type { Rng } from "../random";

const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

/** ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π]: the Stirling-series tail (table for k ≤ 9). Hörmann 1993. */
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/**
 * One Binomial(n, p) draw. For n·min(p,1−p) < 10: inversion by sequential search (Devroye 1986, §X.4, "BINV").
 * Otherwise BTRS, transformed rejection with squeeze (W. Hörmann 1993, "The generation of binomial random variates",
 * J. Stat. Comput. Simul. 46), written as in TensorFlow's `random_binomial_op.cc`: the exact acceptance test compares
 * log v with log f(k)/f(m) expressed through Stirling tails, so a rejection costs three logs. Expected O(1) time.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const q = 1 - p;
  if (n * p < 10) {
    // inversion: P(0) = q^n, P(k+1) = P(k) · (n−k)/(k+1) · p/q
    const s = p / q;
    let prob = Math.exp(n * Math.log1p(-p));
    let u = rng.next();
    let k = 0;
    while (u > prob) {
      u -= prob;
      prob *= ((n - k) / (k + 1)) * s;
      k++;
      if (k >= n) return n;
    }
    return k;
  }
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  let alpha = 0;
  let r = 0;
  let m = -1;
  let mTerm = 0;
  for (;;) {
    const u = rng.next() - 0.5;
    let v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (m < 0) {
      // constants of the exact test, computed only when the squeeze fails
      alpha = (2.83 + 5.1 / b) * spq;
      r = p / q;
      m = Math.floor((n + 1) * p);
      mTerm = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
    }
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      mTerm +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/**
 * Multinomial(total, counts/Σcounts) draw into `out` by sequential conditional binomials:
 * X_k ~ Binomial(N − Σ_{l<k} X_l, c_k / Σ_{l≥k} c_l). Source: the standard conditional decomposition (Devroye 1986,
 * §XI.1.5), the same as numpy's `multinomial`. This is the bootstrap "resample N battles from the count distribution".
 */
export function multinomial(rng: Rng, total: number, counts: ArrayLike<number>, out: Float64Array): void {
  let rest = 0;
  for (let k = 0; k < counts.length; k++) rest += counts[k];
  let left = total;
  for (let k = 0; k < counts.length; k++) {
    const ck = counts[k];
    if (left <= 0 || ck <= 0) {
      out[k] = 0;
    } else if (ck >= rest) {
      out[k] = left;
      left = 0;
    } else {
      const x = binomial(rng, left, ck / rest);
      out[k] = x;
      left -= x;
    }
    rest -= ck;
  }
}
