/**
 * Combines the two orders of one battle (A/B as shown, then swapped) into canonical results.
 *
 * The swapped game's verdict is about the display where canonical B sits in position A, so it is mapped back
 * (A↔B) before anything else. Two rules, chosen per run (`combine` setting):
 *
 * - `mtbench` (Zheng et al. 2023, MT-Bench `llm_judge`): if both orders name the same winner (strength ignored)
 *   that is the result, otherwise the battle is a tie. Yields one game of weight 1. If either order is missing
 *   (unparseable after the retry), no game is produced: the battle is excluded rather than guessed.
 * - `arena-hard` (Li et al. 2024, Arena-Hard-Auto `show_result`): each order is an independent game; `A>>B`
 *   counts as 3 wins for A, `A>B` as 1 win, `A=B` as 1 tie (and symmetrically for B). An unparseable order simply
 *   contributes no game. The battle's overall winner is the sign of the net weight (A wins − B wins).
 *
 * Position consistency: both orders parsed and naming the same canonical side.
 */
import { swapSide, type Side, type Strength } from "./grammar";
import type { ParseResult } from "./parse";

export type CombineRule = "mtbench" | "arena-hard";

/** A verdict in the frame it was written (`shown` or `swapped` display), or null when unparseable. */
export interface OrderVerdict {
  verdict: Side;
  strength: Strength;
}

/** A weighted game for ranking (Bradley–Terry style counts), in canonical terms. */
export interface Game {
  winner: Side;
  weight: number;
}

export interface CombinedJudgment {
  rule: CombineRule;
  /** Canonical winner of the battle; null when no usable game. */
  winner: Side | null;
  /** Net canonical score: Σ weight over A wins − Σ weight over B wins (mtbench: +1, 0 or −1). */
  score: number;
  /** Games to feed to the ranking. */
  games: Game[];
  /** Both orders parsed and named the same canonical side; null when an order is missing. */
  consistent: boolean | null;
  /** Canonical verdict of each order (null = missing). */
  canonical: { shown: OrderVerdict | null; swapped: OrderVerdict | null };
}

/** Converts a parse result into an order verdict (null when unparseable). */
export function orderVerdict(p: ParseResult | OrderVerdict | null): OrderVerdict | null {
  if (p === null) return null;
  if ("kind" in p) return p.kind === "ok" ? { verdict: p.verdict, strength: p.strength } : null;
  return p;
}

/** Maps the swapped-order verdict back to canonical terms (A↔B; ties unchanged). */
export function unswap(v: OrderVerdict | null): OrderVerdict | null {
  return v === null ? null : { verdict: swapSide(v.verdict), strength: v.strength };
}

function arenaGame(v: OrderVerdict): Game {
  return { winner: v.verdict, weight: v.verdict === "tie" ? 1 : v.strength };
}

function signed(g: Game): number {
  return g.winner === "A" ? g.weight : g.winner === "B" ? -g.weight : 0;
}

/**
 * Combines one battle's two orders under `rule`. `shown` and `swapped` are the parse results as written by the
 * judge (the swapped one is un-swapped here); pass null for an order that was not run.
 */
export function combineOrders(
  rule: CombineRule,
  shown: ParseResult | OrderVerdict | null,
  swapped: ParseResult | OrderVerdict | null,
): CombinedJudgment {
  const s = orderVerdict(shown);
  const w = unswap(orderVerdict(swapped));
  const consistent = s !== null && w !== null ? s.verdict === w.verdict : null;
  const canonical = { shown: s, swapped: w };
  if (rule === "mtbench") {
    if (s === null || w === null) return { rule, winner: null, score: 0, games: [], consistent, canonical };
    const winner: Side = consistent ? s.verdict : "tie";
    const game: Game = { winner, weight: 1 };
    return { rule, winner, score: signed(game), games: [game], consistent, canonical };
  }
  const games = [s, w].filter((v): v is OrderVerdict => v !== null).map(arenaGame);
  if (games.length === 0) return { rule, winner: null, score: 0, games, consistent, canonical };
  const score = games.reduce((acc, g) => acc + signed(g), 0);
  const winner: Side = score > 0 ? "A" : score < 0 ? "B" : "tie";
  return { rule, winner, score, games, consistent, canonical };
}

export interface ConsistencySummary {
  /** Battles with both orders parsed. */
  judged: number;
  consistent: number;
  /** consistent / judged (NaN when judged = 0). */
  rate: number;
  /** Among inconsistent battles: how often each displayed position won both times (position bias). */
  favouredFirst: number;
  favouredSecond: number;
}

/**
 * Position-consistency summary over battles (Zheng et al. 2023, §3.3): the share of battles whose two orders
 * agree, and, among inconsistent ones, how many favoured the first-shown / second-shown position in both orders.
 */
export function summariseConsistency(judgments: CombinedJudgment[]): ConsistencySummary {
  let judged = 0;
  let consistent = 0;
  let favouredFirst = 0;
  let favouredSecond = 0;
  for (const j of judgments) {
    const { shown, swapped } = j.canonical;
    if (shown === null || swapped === null) continue;
    judged++;
    if (j.consistent) {
      consistent++;
      continue;
    }
    // In display terms the swapped game's "A" is canonical B: the first position won both times when the shown
    // order says A and the (canonical) swapped verdict says B.
    if (shown.verdict === "A" && swapped.verdict === "B") favouredFirst++;
    else if (shown.verdict === "B" && swapped.verdict === "A") favouredSecond++;
  }
  return { judged, consistent, rate: judged === 0 ? Number.NaN : consistent / judged, favouredFirst, favouredSecond };
}
