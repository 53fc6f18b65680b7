import { studentTCdf } from "./special";

/** One instance annotated by several humans (annotator id → label) and by the judge. */
export interface AltItem {
  id: string | number;
  humans: Record<string, string | number>;
  judge: string | number;
}

export interface AltAnnotatorResult {
  annotator: string;
  instances: number;
  /** ρ^f_j: share of instances where the judge aligns with the others at least as well as annotator j. */
  judgeWinRate: number;
  /** ρ^h_j: share where annotator j aligns at least as well as the judge. */
  humanWinRate: number;
  t: number;
  pValue: number;
  rejected: boolean;
}

export interface AltTestResult {
  epsilon: number;
  alpha: number;
  annotators: AltAnnotatorResult[];
  /** ω: share of annotators whose H₀ is rejected after Benjamini–Yekutieli correction. */
  winningRate: number;
  /** ρ: mean over annotators of ρ^f_j. */
  advantageProbability: number;
  /** ω ≥ 0.5: the judge may replace the annotators. */
  passed: boolean;
}

/**
 * Benjamini–Yekutieli step-up (Benjamini & Yekutieli 2001): with p-values sorted ascending and c(m) = Σ_{k≤m} 1/k,
 * reject H_(1..K), K = max{k : p_(k) ≤ k·q/(m·c(m))}. Valid under arbitrary dependence. Returns rejection flags.
 */
export function benjaminiYekutieli(pValues: number[], q: number): boolean[] {
  const m = pValues.length;
  let cm = 0;
  for (let k = 1; k <= m; k++) cm += 1 / k;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  let K = 0;
  order.forEach((o, k) => {
    if (o.p <= ((k + 1) * q) / (m * cm)) K = k + 1;
  });
  const out = new Array<boolean>(m).fill(false);
  for (let k = 0; k < K; k++) out[order[k].i] = true;
  return out;
}

/**
 * The Alternative Annotator Test (Calderon, Reichart & Dror 2025, "The Alternative Annotator Test for LLM-as-a-Judge"):
 * for each annotator j, on the instances j annotated together with at least one other human, the judge's alignment
 * S_f = mean_{h≠j} sim(judge, h) and j's alignment S_j = mean_{h≠j} sim(j, h); W^f = 1[S_f ≥ S_j], W^h = 1[S_j ≥ S_f].
 * One-sided paired t-test of H₀: ρ^f_j ≤ ρ^h_j − ε on d = W^h − W^f: t = (d̄ − ε)/(s_d/√n), p = T_{n−1}(t).
 * p-values corrected by Benjamini–Yekutieli at `alpha` (default 0.05); ε default 0.2 (the paper's value for expert
 * annotators; 0.1 for crowd workers). `similarity` defaults to exact label match (accuracy).
 */
export function altTest(
  items: AltItem[],
  opts: { epsilon?: number; alpha?: number; similarity?: (x: string | number, y: string | number) => number } = {},
): AltTestResult {
  const eps = opts.epsilon ?? 0.2;
  const alpha = opts.alpha ?? 0.05;
  const sim = opts.similarity ?? ((x, y) => (x === y ? 1 : 0));
  const annotators = [...new Set(items.flatMap((it) => Object.keys(it.humans)))].sort();
  const results: AltAnnotatorResult[] = [];
  for (const j of annotators) {
    const d: number[] = [];
    let wf = 0;
    let wh = 0;
    for (const it of items) {
      if (!(j in it.humans)) continue;
      const others = Object.keys(it.humans).filter((h) => h !== j);
      if (!others.length) continue;
      const sf = others.reduce((s, h) => s + sim(it.judge, it.humans[h]), 0) / others.length;
      const sj = others.reduce((s, h) => s + sim(it.humans[j], it.humans[h]), 0) / others.length;
      const Wf = sf >= sj ? 1 : 0;
      const Wh = sj >= sf ? 1 : 0;
      wf += Wf;
      wh += Wh;
      d.push(Wh - Wf);
    }
    const n = d.length;
    if (n < 2) continue;
    const mean = d.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    results.push(annotatorTest(j, n, wf, wh, mean, sd, eps));
  }
  return finishAltTest(results, eps, alpha);
}

/**
 * One annotator's one-sided paired t-test of the alt-test (see `altTest`): t = (d̄ − ε)/(s_d/√n), p = T_{n−1}(t);
 * with s_d = 0, t = ±∞ (p 0 or 1) by the sign of d̄ − ε, or 0 (p ½) when d̄ = ε.
 */
function annotatorTest(annotator: string, n: number, wf: number, wh: number, mean: number, sd: number, eps: number): AltAnnotatorResult {
  let t: number;
  let p: number;
  if (sd > 0) {
    t = (mean - eps) / (sd / Math.sqrt(n));
    p = studentTCdf(t, n - 1);
  } else {
    t = mean < eps ? -Infinity : mean > eps ? Infinity : 0;
    p = mean < eps ? 0 : mean > eps ? 1 : 0.5;
  }
  return { annotator, instances: n, judgeWinRate: wf / n, humanWinRate: wh / n, t, pValue: p, rejected: false };
}

/** Benjamini–Yekutieli over the annotators' p-values at `alpha`; ω = share rejected, ρ = mean ρ^f_j, passed = ω ≥ ½. */
function finishAltTest(results: AltAnnotatorResult[], eps: number, alpha: number): AltTestResult {
  const rej = benjaminiYekutieli(results.map((r) => r.pValue), alpha);
  results.forEach((r, i) => (r.rejected = rej[i]));
  const winningRate = results.length ? rej.filter(Boolean).length / results.length : NaN;
  const advantageProbability = results.length ? results.reduce((s, r) => s + r.judgeWinRate, 0) / results.length : NaN;
  return { epsilon: eps, alpha, annotators: results, winningRate, advantageProbability, passed: winningRate >= 0.5 };
}

/** One annotator's items reduced to the three possible outcomes of d = W^h − W^f (W^f and W^h are never both 0). */
export interface AltAnnotatorCounts {
  annotator: string;
  /** W^f = W^h = 1 (d = 0). */
  both: number;
  /** W^h = 1, W^f = 0 (d = +1). */
  humanOnly: number;
  /** W^f = 1, W^h = 0 (d = −1). */
  judgeOnly: number;
}

/**
 * The Alternative Annotator Test (Calderon, Reichart & Dror 2025; as `altTest`) from per-annotator counts instead of
 * items: with n = both + humanOnly + judgeOnly, ρ^f_j = (both + judgeOnly)/n, ρ^h_j = (both + humanOnly)/n,
 * d̄ = (humanOnly − judgeOnly)/n and s_d² = [humanOnly·(1 − d̄)² + judgeOnly·(1 + d̄)² + both·d̄²]/(n − 1) — the
 * same sums as `altTest` grouped by the value of d, so the statistics agree with it up to floating-point summation
 * order. Annotators with n < 2 are left out; the rest are reported in code-unit order of their ids, as `altTest`.
 */
export function altTestFromCounts(counts: AltAnnotatorCounts[], opts: { epsilon?: number; alpha?: number } = {}): AltTestResult {
  const eps = opts.epsilon ?? 0.2;
  const alpha = opts.alpha ?? 0.05;
  const sorted = [...counts].sort((x, y) => (x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0));
  const results: AltAnnotatorResult[] = [];
  for (const c of sorted) {
    const n = c.both + c.humanOnly + c.judgeOnly;
    if (n < 2) continue;
    const mean = (c.humanOnly - c.judgeOnly) / n;
    const ss = c.humanOnly * (1 - mean) ** 2 + c.judgeOnly * (1 + mean) ** 2 + c.both * mean ** 2;
    results.push(annotatorTest(c.annotator, n, c.both + c.judgeOnly, c.both + c.humanOnly, mean, Math.sqrt(ss / (n - 1)), eps));
  }
  return finishAltTest(results, eps, alpha);
}
