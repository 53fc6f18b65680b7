import { tallies } from "./counts";
import { bootstrap } from "./bootstrap";
import { sandwich } from "./sandwich";
import { fitBradleyTerry, type BTOptions } from "./bt";
import type { CiMethod, OutcomeCounts } from "./types";

/**
 * Rank with confidence intervals, upper-bound rule: rank(m) = 1 + #{m′ : lower(m′) > upper(m)} — a system is
 * outranked only by systems that are statistically better (Chatbot Arena leaderboard, "rank (UB)"; FastChat
 * `monitor.py` / LMArena notebook). Without intervals (lower = upper = rating) it is the usual competition rank.
 */
export function ranksFromIntervals(lower: number[], upper: number[]): number[] {
  return upper.map((u) => 1 + lower.reduce((c, l) => c + (l > u ? 1 : 0), 0));
}

export interface LeaderboardRow {
  system: string;
  rating: number;
  ciLow: number;
  ciHigh: number;
  rank: number;
  battles: number;
  wins: number;
  losses: number;
  /** Ties including both-bad. */
  ties: number;
  /** (wins + ½ ties) / battles, raw counts. */
  winRate: number;
}

export interface LeaderboardMeta {
  method: CiMethod;
  level: number;
  rounds: number;
  seed: number;
  battles: number;
  components: string[][];
  warnings: string[];
}

export interface LeaderboardOptions {
  /** CI method (default "bootstrap"). */
  method?: CiMethod;
  rounds?: number;
  seed?: number;
  level?: number;
  bt?: BTOptions;
}

/**
 * The leaderboard: BT ratings (see `fitBradleyTerry`), intervals by bootstrap (`bootstrap`), sandwich (`sandwich`) or
 * none, ranks by the upper-bound rule (`ranksFromIntervals`), raw tallies; rows sorted by rating descending (ties by
 * name). Takes counts, so callers holding a database rollup pass them directly (`countsFromRows`).
 */
export function leaderboard(counts: OutcomeCounts, opts: LeaderboardOptions = {}): { rows: LeaderboardRow[]; meta: LeaderboardMeta } {
  const method = opts.method ?? "bootstrap";
  const level = opts.level ?? 0.95;
  const seed = opts.seed ?? 0;
  let rounds = 0;
  let fit;
  let lo: number[];
  let hi: number[];
  if (method === "bootstrap" && (opts.rounds ?? 1000) > 0) {
    rounds = opts.rounds ?? 1000;
    const b = bootstrap(counts, { rounds, seed, level, bt: opts.bt });
    fit = b.fit;
    lo = b.ciLow;
    hi = b.ciHigh;
  } else if (method === "sandwich") {
    const s = sandwich(counts, { level, bt: opts.bt });
    fit = s.fit;
    lo = s.ciLow;
    hi = s.ciHigh;
  } else {
    fit = fitBradleyTerry(counts, opts.bt);
    lo = fit.ratings.slice();
    hi = fit.ratings.slice();
  }
  const usedMethod: CiMethod = method === "bootstrap" && rounds === 0 ? "none" : method;
  const rank = ranksFromIntervals(lo, hi);
  const t = tallies(counts);
  const rows: LeaderboardRow[] = counts.systems.map((system, i) => ({
    system,
    rating: fit.ratings[i],
    ciLow: lo[i],
    ciHigh: hi[i],
    rank: rank[i],
    battles: t[i].battles,
    wins: t[i].wins,
    losses: t[i].losses,
    ties: t[i].ties,
    winRate: t[i].battles ? (t[i].wins + 0.5 * t[i].ties) / t[i].battles : NaN,
  }));
  rows.sort((x, y) => y.rating - x.rating || (x.system < y.system ? -1 : 1));
  return {
    rows,
    meta: { method: usedMethod, level, rounds, seed, battles: counts.battles, components: fit.components, warnings: fit.warnings },
  };
}
