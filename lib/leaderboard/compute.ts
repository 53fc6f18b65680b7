/**
 * Turns a loaded slice into the typed leaderboard: the engine's BT fit with bootstrap or sandwich intervals (or
 * online Elo), ranks by the upper-bound rule, tallies, pairwise matrices, and optional style control.
 */
import {
  averageWinRate,
  leaderboard as engineLeaderboard,
  onlineElo,
  pairMatrices,
  predictedWinMatrix,
  ranksFromIntervals,
  styleControl,
  styleFeatures,
  type StyleBattle,
  type StyleFeatures,
} from "@/lib/ranking";
import type { LeaderboardOptions } from "@/lib/validation/leaderboard";
import type { LoadedSlice, SliceGame, SourceInfo } from "./load";

export interface LeaderboardEntry {
  /** System slug. */
  system: string;
  name: string;
  organization: string;
  isDemo: boolean;
  rating: number;
  ciLow: number;
  ciHigh: number;
  /** Upper-bound rule: 1 + #systems whose lower bound exceeds this one's upper bound. */
  rank: number;
  battles: number;
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ½ ties) / battles. */
  winRate: number;
  /** The plain BT rating when the row's rating is style-controlled or Elo. */
  btRating: number;
}

export interface CiInfo {
  method: "bootstrap" | "sandwich" | "none";
  level: number;
  rounds: number;
  seed: number;
  /** e.g. "95% CI (bootstrap, 1000 rounds)". */
  label: string;
}

export interface StyleResult {
  coefficients: { feature: string; value: number; ciLow: number; ciHigh: number }[];
  /** Games with both answers' text (the rest are left out of the style fit). */
  battles: number;
  skipped: number;
  ci: CiInfo;
}

export interface MatricesResult {
  /** Slugs, ordered by rating (best first). */
  systems: string[];
  names: string[];
  battles: number[][];
  winRateNoTies: number[][];
  winRateTiesHalf: number[][];
  predicted: number[][];
  averageWinRate: number[];
  /** Set when the matrices were cut to the top systems for a page (`pageMatrices`): how many systems there are. */
  of?: number;
}

export interface LeaderboardResult {
  source: Pick<SourceInfo, "kind" | "key" | "label" | "isDemo">;
  rating: "bt" | "elo";
  /** Axis / column label with units. */
  ratingLabel: string;
  ci: CiInfo;
  rows: LeaderboardEntry[];
  style: StyleResult | null;
  matrices: MatricesResult;
  meta: {
    /** Games ranked (crowd: votes; judges: combined games). */
    battles: number;
    votes: number;
    systems: number;
    components: string[][];
    warnings: string[];
    /** How the counts were read: rollup | direct | judge. */
    path: string;
    combine: string | null;
    demo: boolean;
    seconds: number;
  };
}

export function ciLabel(method: CiInfo["method"], level: number, rounds: number): string {
  if (method === "none") return "no CI";
  const pct = `${+(level * 100).toFixed(2)}%`;
  return method === "bootstrap" ? `${pct} CI (bootstrap, ${rounds} rounds)` : `${pct} CI (sandwich)`;
}

export interface StyleInput {
  games: (SliceGame & { responseAId?: number | null; responseBId?: number | null })[];
  features: Map<number, StyleFeatures>;
}

export interface ComputeInput {
  loaded: LoadedSlice;
  options: LeaderboardOptions;
  /** Time-ordered games: needed for Elo and style control. */
  games?: StyleInput["games"];
  /** Style features per response id (style control). */
  features?: Map<number, StyleFeatures>;
}

export function computeLeaderboard({ loaded, options, games, features }: ComputeInput): LeaderboardResult {
  const started = performance.now();
  const { counts } = loaded;
  const lb = engineLeaderboard(counts, { method: options.method, rounds: options.rounds, seed: options.seed, level: options.level });
  const warnings = [...lb.meta.warnings];
  const info = (slug: string) => loaded.systems.get(slug);
  let rows: LeaderboardEntry[] = lb.rows.map((r) => ({
    system: r.system,
    name: info(r.system)?.name ?? r.system,
    organization: info(r.system)?.organization ?? "",
    isDemo: info(r.system)?.isDemo ?? false,
    rating: r.rating,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    rank: r.rank,
    battles: r.battles,
    wins: r.wins,
    losses: r.losses,
    ties: r.ties,
    winRate: r.winRate,
    btRating: r.rating,
  }));
  let ci: CiInfo = { method: lb.meta.method, level: lb.meta.level, rounds: lb.meta.rounds, seed: lb.meta.seed, label: ciLabel(lb.meta.method, lb.meta.level, lb.meta.rounds) };
  let ratingLabel = "rating (BT, 400-pt scale)";
  let style: StyleResult | null = null;

  if (options.rating === "elo") {
    if (!games) throw new Error("online Elo needs the time-ordered games");
    const elo = onlineElo(games.map((g) => ({ a: g.a, b: g.b, outcome: g.outcome, weight: g.weight, tstamp: g.tstamp })), { k: 4 });
    const byName = new Map(elo.systems.map((s, i) => [s, elo.ratings[i]]));
    rows = rows.map((r) => {
      const e = byName.get(r.system) ?? NaN;
      return { ...r, rating: e, ciLow: e, ciHigh: e };
    });
    ci = { method: "none", level: options.level, rounds: 0, seed: options.seed, label: "no CI (online Elo)" };
    ratingLabel = "rating (online Elo, K=4, 400-pt scale)";
    if (options.style) warnings.push("style control applies to Bradley–Terry ratings; ignored for Elo");
  } else if (options.style) {
    if (!games || !features) throw new Error("style control needs the games and the answers' features");
    const styled: StyleBattle[] = [];
    let skipped = 0;
    for (const g of games) {
      const fa = g.responseAId != null ? features.get(g.responseAId) : undefined;
      const fb = g.responseBId != null ? features.get(g.responseBId) : undefined;
      if (!fa || !fb) {
        skipped++;
        continue;
      }
      styled.push({ a: g.a, b: g.b, outcome: g.outcome, weight: g.weight, styleA: fa, styleB: fb });
    }
    if (styled.length > 0) {
      const rounds = options.method === "bootstrap" ? options.rounds : 0;
      const sc = styleControl(styled, { rounds, seed: options.seed, level: options.level });
      const idx = new Map(sc.systems.map((s, i) => [s, i]));
      rows = rows.map((r) => {
        const i = idx.get(r.system);
        return i === undefined ? { ...r, rating: NaN, ciLow: NaN, ciHigh: NaN } : { ...r, rating: sc.ratings[i], ciLow: sc.ciLow[i], ciHigh: sc.ciHigh[i] };
      });
      const sci: CiInfo = { method: sc.method, level: sc.level, rounds: sc.rounds, seed: sc.seed, label: ciLabel(sc.method, sc.level, sc.rounds) };
      ci = sci;
      style = { coefficients: sc.coefficients, battles: styled.length, skipped, ci: sci };
      ratingLabel = "style-controlled rating (BT, 400-pt scale)";
      if (options.method === "sandwich") warnings.push("style control has bootstrap intervals only; shown without CI under sandwich");
    } else warnings.push("style control: no battles with both answers' text in this slice");
  }

  const finiteLast = (x: number) => (Number.isFinite(x) ? x : -Infinity);
  rows.sort((x, y) => finiteLast(y.rating) - finiteLast(x.rating) || (x.system < y.system ? -1 : 1));
  const ranks = ranksFromIntervals(rows.map((r) => r.ciLow), rows.map((r) => r.ciHigh));
  rows = rows.map((r, i) => ({ ...r, rank: ranks[i] }));

  const m = pairMatrices(counts);
  const order = rows.map((r) => counts.systems.indexOf(r.system));
  const pick = (mat: number[][]) => order.map((i) => order.map((j) => mat[i][j]));
  const predicted = predictedWinMatrix(rows.map((r) => r.rating));
  const matrices: MatricesResult = {
    systems: rows.map((r) => r.system),
    names: rows.map((r) => r.name),
    battles: pick(m.battles),
    winRateNoTies: pick(m.winRateNoTies),
    winRateTiesHalf: pick(m.winRateTiesHalf),
    predicted,
    averageWinRate: averageWinRate(predicted),
  };
  return {
    source: { kind: loaded.source.kind, key: loaded.source.key, label: loaded.source.label, isDemo: loaded.source.isDemo },
    rating: options.rating,
    ratingLabel,
    ci,
    rows,
    style,
    matrices,
    meta: {
      battles: counts.battles,
      votes: loaded.votes,
      systems: counts.systems.length,
      components: lb.meta.components,
      warnings,
      path: loaded.path,
      combine: loaded.combine ?? null,
      demo: loaded.source.isDemo || (rows.length > 0 && rows.some((r) => r.isDemo)),
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** Style features of an answer's turns (JSON array of strings): the engine's `styleFeatures` on the joined text. */
export function answerFeatures(turns: unknown): StyleFeatures | null {
  if (!Array.isArray(turns)) return null;
  const text = turns.filter((t): t is string => typeof t === "string").join("\n\n");
  return styleFeatures(text);
}
