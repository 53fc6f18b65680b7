import { percentileInterval } from "./quantile";

/**
 * Kendall τ-b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2, n₁ = Σ t_x(t_x−1)/2 and n₂ = Σ t_y(t_y−1)/2 over
 * tie groups in x and y; pairs tied in either variable count as neither concordant nor discordant (Kendall 1945;
 * scipy.stats.kendalltau variant "b"). O(n²). NaN when a variable is constant.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  let tx = 0;
  let ty = 0;
  let n0 = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      n0++;
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tx++;
      if (dy === 0) ty++;
      s += dx * dy;
    }
  const den = Math.sqrt((n0 - tx) * (n0 - ty));
  return den > 0 ? s / den : NaN;
}

/** Pearson r = Σ(x−x̄)(y−ȳ)/√(Σ(x−x̄)² Σ(y−ȳ)²) (Pearson 1895). NaN when a variable is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Ranks 1..n with ties given their average rank ("fractional ranking", scipy.stats.rankdata "average"). */
export function averageRanks(x: ArrayLike<number>): number[] {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman ρ = Pearson r of the average ranks (Spearman 1904; handles ties as scipy.stats.spearmanr). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Top-k overlap |top_k(x) ∩ top_k(y)| / k (highest values; ties broken by index). */
export function topKOverlap(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  const top = (v: ArrayLike<number>): Set<number> =>
    new Set(Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[b] - v[a] || a - b).slice(0, k));
  const a = top(x);
  let c = 0;
  for (const i of top(y)) if (a.has(i)) c++;
  return c / Math.min(k, x.length);
}

/** Ratings of a set of systems, optionally with bootstrap samples (row-major rounds × systems). */
export interface RatingSet {
  systems: string[];
  ratings: ArrayLike<number>;
  samples?: Float64Array;
}

export interface CorrelationWithCi {
  value: number;
  ciLow: number;
  ciHigh: number;
}

export interface RankingComparison {
  systems: string[];
  kendallTauB: CorrelationWithCi;
  spearman: CorrelationWithCi;
  pearson: CorrelationWithCi;
  level: number;
  rounds: number;
}

/**
 * System-level agreement of two rankings on their common systems: Kendall τ-b, Spearman ρ, Pearson r of the rating
 * vectors, each with a percentile CI over paired bootstrap samples (sample r of A with sample r of B, r < min rounds),
 * as in JuStRank (Gera et al. 2025) and Arena-Hard-Auto's correlation reports. Without samples the CI is the point.
 */
export function compareRankings(a: RatingSet, b: RatingSet, opts: { level?: number } = {}): RankingComparison {
  const level = opts.level ?? 0.95;
  const common = a.systems.filter((s) => b.systems.includes(s));
  const ia = common.map((s) => a.systems.indexOf(s));
  const ib = common.map((s) => b.systems.indexOf(s));
  const xa = ia.map((i) => a.ratings[i]);
  const xb = ib.map((i) => b.ratings[i]);
  const ra = a.samples ? a.samples.length / a.systems.length : 0;
  const rb = b.samples ? b.samples.length / b.systems.length : 0;
  const rounds = Math.min(ra, rb);
  const stat = (f: (x: number[], y: number[]) => number): CorrelationWithCi => {
    const value = f(xa, xb);
    if (!rounds) return { value, ciLow: value, ciHigh: value };
    const vals: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const sa = ia.map((i) => a.samples![r * a.systems.length + i]);
      const sb = ib.map((i) => b.samples![r * b.systems.length + i]);
      const v = f(sa, sb);
      if (!Number.isNaN(v)) vals.push(v);
    }
    const [lo, hi] = percentileInterval(vals, level);
    return { value, ciLow: lo, ciHigh: hi };
  };
  return { systems: common, kendallTauB: stat(kendallTauB), spearman: stat(spearman), pearson: stat(pearson), level, rounds };
}
