/**
 * Which battle to serve next. Pure: no DB, no clock; randomness comes from the caller's `Rng`.
 *
 * Candidates are fixed-set battles (a prompt and two systems that both answered it). The sampler:
 * 1. gives each system an effective weight `w = outage ? 0 : max(0, weight) · max(0, boost)`;
 * 2. gives each pair {x, y} (x ≠ y, never a system with itself) the weight `w_x · w_y`, times the pair's
 *    confidence-interval width in "active" mode;
 * 3. keeps only the pairs with a candidate the voter has not voted on; when the voter has seen everything, all
 *    pairs are eligible again (so a prolific voter is never left without a battle);
 * 4. draws a pair ∝ its weight, then a candidate of that pair uniformly among the unseen ones.
 *
 * Active mode follows Chatbot Arena's active sampling (Chiang et al. 2024, "Chatbot Arena: An Open Platform for
 * Evaluating LLMs by Human Preference", §5): sample the pairs whose comparison is least certain more often. Here the
 * uncertainty is the width of the bootstrap CI of the rating difference (from the ranking engine through
 * `PairUncertainty`); pairs with no estimate get the widest known width, and widths are floored at 5 % of the widest
 * so no pair starves. Without a ranking the sampler is uniform (weights only).
 */
import type { Rng } from "@/lib/random";

export interface SystemWeight {
  id: number;
  weight: number;
  outage: boolean;
  boost: number;
}

export interface Candidate {
  /** The fixed battle key (`fixed:<prompt>:<a>:<b>:<turn>`). */
  key: string;
  promptId: number;
  /** Canonical: systemAId < systemBId. */
  systemAId: number;
  systemBId: number;
}

/** pair → width of the CI of the rating difference, or undefined when unknown. */
export interface PairUncertainty {
  ciWidth(systemAId: number, systemBId: number): number | undefined;
}

export type SamplingMode = "uniform" | "active";

export interface SampleInput<C extends Candidate> {
  /** Candidates grouped by canonical pair `a:b` (build once with `groupByPair`). */
  pairs: Map<string, C[]>;
  systems: Map<number, SystemWeight>;
  /** Battle keys the voter already voted on. */
  seen: ReadonlySet<string>;
  mode: SamplingMode;
  uncertainty?: PairUncertainty | null;
  rng: Rng;
}

export function effectiveWeight(s: SystemWeight | undefined): number {
  if (!s || s.outage) return 0;
  const w = Math.max(0, s.weight) * Math.max(0, s.boost);
  return Number.isFinite(w) ? w : 0;
}

export function groupByPair<C extends Candidate>(candidates: Iterable<C>): Map<string, C[]> {
  const pairs = new Map<string, C[]>();
  for (const c of candidates) {
    if (c.systemAId === c.systemBId) continue;
    const k = `${c.systemAId}:${c.systemBId}`;
    const list = pairs.get(k);
    if (list) list.push(c);
    else pairs.set(k, [c]);
  }
  return pairs;
}

/** Pair weights (before the unseen filter) for every pair with a positive weight. */
export function pairWeights<C extends Candidate>(
  pairs: Map<string, C[]>,
  systems: Map<number, SystemWeight>,
  mode: SamplingMode,
  uncertainty?: PairUncertainty | null,
): Map<string, number> {
  const out = new Map<string, number>();
  let widths: Map<string, number | undefined> | null = null;
  let widest = 0;
  if (mode === "active" && uncertainty) {
    widths = new Map();
    for (const [k, list] of pairs) {
      const w = uncertainty.ciWidth(list[0].systemAId, list[0].systemBId);
      const ok = w !== undefined && Number.isFinite(w) && w >= 0 ? w : undefined;
      widths.set(k, ok);
      if (ok !== undefined) widest = Math.max(widest, ok);
    }
  }
  for (const [k, list] of pairs) {
    const c = list[0];
    if (c.systemAId === c.systemBId) continue;
    let w = effectiveWeight(systems.get(c.systemAId)) * effectiveWeight(systems.get(c.systemBId));
    if (widths && widest > 0) w *= Math.max(widths.get(k) ?? widest, 0.05 * widest);
    if (w > 0) out.set(k, w);
  }
  return out;
}

/** Draws the next battle, or null when no pair has a positive weight. */
export function sampleBattle<C extends Candidate>(input: SampleInput<C>): C | null {
  const weights = pairWeights(input.pairs, input.systems, input.mode, input.uncertainty);
  const unseenPairs: [string, number][] = [];
  for (const [k, w] of weights) {
    const list = input.pairs.get(k)!;
    if (input.seen.size === 0 || list.some((c) => !input.seen.has(c.key))) unseenPairs.push([k, w]);
  }
  const eligible = unseenPairs.length > 0 ? unseenPairs : [...weights];
  const exhausted = unseenPairs.length === 0;
  if (eligible.length === 0) return null;
  const total = eligible.reduce((s, [, w]) => s + w, 0);
  let r = input.rng.next() * total;
  let chosen = eligible[eligible.length - 1][0];
  for (const [k, w] of eligible) {
    r -= w;
    if (r < 0) {
      chosen = k;
      break;
    }
  }
  const list = input.pairs.get(chosen)!;
  const pool = exhausted || input.seen.size === 0 ? list : list.filter((c) => !input.seen.has(c.key));
  return pool[input.rng.int(pool.length)];
}
