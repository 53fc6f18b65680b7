/** Ratings with intervals for a set of systems. */
export interface IntervalSet {
  systems: string[];
  ciLow: number[];
  ciHigh: number[];
}

/**
 * Separability (Li et al. 2024, "From Crowdsourced Data to High-Quality Benchmarks: Arena-Hard and BenchBuilder",
 * §3; Arena-Hard-Auto `show_result.py`): share of system pairs whose confidence intervals do not overlap,
 * low_i > high_j or low_j > high_i.
 */
export function separability(ciLow: number[], ciHigh: number[]): number {
  let sep = 0;
  let pairs = 0;
  for (let i = 0; i < ciLow.length; i++)
    for (let j = i + 1; j < ciLow.length; j++) {
      pairs++;
      if (ciLow[i] > ciHigh[j] || ciLow[j] > ciHigh[i]) sep++;
    }
  return pairs ? sep / pairs : NaN;
}

/** +1 when i is confidently above j, −1 when below, 0 when the intervals overlap. */
function confidentOrder(lo: number[], hi: number[], i: number, j: number): number {
  if (lo[i] > hi[j]) return 1;
  if (lo[j] > hi[i]) return -1;
  return 0;
}

/**
 * Agreement with confidence (Li et al. 2024 §3, Arena-Hard): over pairs of common systems that the reference
 * separates (non-overlapping CIs), score +1 when the candidate separates them in the same order, −1 in the opposite
 * order, 0 when the candidate's CIs overlap; the mean score. NaN when the reference separates no pair.
 */
export function agreementWithConfidence(reference: IntervalSet, candidate: IntervalSet): { value: number; pairs: number } {
  const common = reference.systems.filter((s) => candidate.systems.includes(s));
  const ri = common.map((s) => reference.systems.indexOf(s));
  const ci = common.map((s) => candidate.systems.indexOf(s));
  let total = 0;
  let pairs = 0;
  for (let x = 0; x < common.length; x++)
    for (let y = x + 1; y < common.length; y++) {
      const r = confidentOrder(reference.ciLow, reference.ciHigh, ri[x], ri[y]);
      if (r === 0) continue;
      pairs++;
      total += r * confidentOrder(candidate.ciLow, candidate.ciHigh, ci[x], ci[y]);
    }
  return { value: pairs ? total / pairs : NaN, pairs };
}
