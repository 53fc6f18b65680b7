/**
 * Quantile of a sorted sample by linear interpolation between order statistics, h = (n − 1)·q
 * (Hyndman & Fan 1996 type 7; numpy's default `np.percentile`, used by FastChat / Arena-Hard-Auto for bootstrap CIs).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentile interval [q_{(1−level)/2}, q_{(1+level)/2}] of an unsorted sample (type-7 quantiles). */
export function percentileInterval(sample: ArrayLike<number>, level: number): [number, number] {
  const s = Float64Array.from(sample).sort();
  return [quantileSorted(s, (1 - level) / 2), quantileSorted(s, (1 + level) / 2)];
}
