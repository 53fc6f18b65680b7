/** Small interval helpers lib/ranking does not have (thin adapters over its special functions). */
import { normalQuantile } from "@/lib/ranking";
import type { ProportionCi } from "./types";

/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927): (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),
 * z the normal quantile at (1+level)/2. Adapter: lib/ranking has no binomial interval.
 */
export function wilson(k: number, n: number, level = 0.95): ProportionCi {
  if (n === 0) return { share: null, ciLow: null, ciHigh: null, k, n };
  const z = normalQuantile((1 + level) / 2);
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { share: p, ciLow: Math.max(0, (c - h) / d), ciHigh: Math.min(1, (c + h) / d), k, n };
}

