/**
 * The leaderboard service: a slice + options in, a typed leaderboard out, cached until new votes arrive in that slice.
 *
 * Cache key = sliceKey + optionsKey (lib/validation). Watermark = the `RankingWatermark` change counters of the
 * slice's source (`human` or `judge:<id>`, bumped by the Vote triggers), plus `voters` (flag / exclude changes) for the
 * crowd and `battles` (battle slice / counted changes): two or three primary-key lookups per request. A stale entry is
 * served while one background recompute per key runs (see cache.ts). On the request path the fit itself runs on the
 * compute worker (lib/offload), so a cold slice never holds up the event loop that serves the warm ones.
 */
import { getDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StyleFeatures } from "@/lib/ranking";
import { sliceKey, type Slice } from "@/lib/validation/slice";
import { optionsKey, type LeaderboardOptions } from "@/lib/validation/leaderboard";
import { WatermarkCache } from "./cache";
import { answerFeatures, computeLeaderboard, type ComputeInput, type LeaderboardResult, type MatricesResult } from "./compute";
import { runCompute, warmComputePool } from "@/lib/offload/pool";
import { loadSlice, loadSliceGames, resolveSource } from "./load";
import { listJudges, listPromptSets, promptFacets, responseTurns, watermarks, battleResponses } from "./queries";

export type { LeaderboardResult, LeaderboardEntry, CiInfo, MatricesResult, StyleResult } from "./compute";

export interface LeaderboardView {
  result: LeaderboardResult;
  slice: string;
  options: string;
  watermark: string;
  computedAt: string;
  /** True while a newer result is being computed in the background. */
  stale: boolean;
  /** Last vote of this source (any slice), ISO. */
  lastVoteAt: string | null;
  /** Votes of this source (any slice). */
  sourceVotes: number;
}

const g = globalThis as unknown as { concordLeaderboardCache?: WatermarkCache<LeaderboardResult>; concordStyleFeatures?: Map<number, StyleFeatures> };
const cache = (g.concordLeaderboardCache ??= new WatermarkCache<LeaderboardResult>(200));
const featureCache = (g.concordStyleFeatures ??= new Map<number, StyleFeatures>());

/** For tests: drop cached results. */
export function clearLeaderboardCache(): void {
  cache.clear();
}
export function settleLeaderboardCache(): Promise<void> {
  return cache.settle();
}

export interface Watermark {
  value: string;
  lastVoteAt: string | null;
  sourceVotes: number;
}

/** The slice's change stamp (cheap: PK lookups). */
export async function sliceWatermark(db: PrismaClient, slice: Slice): Promise<Watermark> {
  const source = await resolveSource(db, slice);
  const main = source.kind === "crowd" ? "human" : `judge:${source.judge!.id}`;
  const keys = source.kind === "crowd" ? [main, "voters", "battles"] : [main, "battles"];
  const rows = await watermarks(db, keys);
  const by = new Map(rows.map((r) => [r.key, r]));
  const m = by.get(main);
  return {
    value: keys.map((k) => `${k}=${by.get(k)?.version ?? 0}`).join(";"),
    lastVoteAt: m ? m.updatedAt.toISOString() : null,
    sourceVotes: m ? Number(m.votes) : 0,
  };
}

async function featuresFor(db: PrismaClient, ids: number[]): Promise<Map<number, StyleFeatures>> {
  const missing = [...new Set(ids)].filter((id) => !featureCache.has(id));
  for (let i = 0; i < missing.length; i += 5000) {
    for (const r of await responseTurns(db, missing.slice(i, i + 5000))) {
      const f = answerFeatures(r.turns);
      if (f) featureCache.set(r.id, f);
    }
  }
  const out = new Map<number, StyleFeatures>();
  for (const id of ids) {
    const f = featureCache.get(id);
    if (f) out.set(id, f);
  }
  return out;
}

/**
 * Loads and computes without the cache (the CLI, the bench and the cache's recompute). `offload`: run the statistics
 * on the compute worker (the request path) instead of the calling thread (a CLI command: no worker start-up).
 */
export async function computeSlice(db: PrismaClient, slice: Slice, options: LeaderboardOptions, opts: { offload?: boolean } = {}): Promise<LeaderboardResult> {
  if (opts.offload) warmComputePool();
  const compute = (input: ComputeInput) => (opts.offload ? runCompute("leaderboard", input) : Promise.resolve(computeLeaderboard(input)));
  const loaded = await loadSlice(db, slice, options.combine);
  const needGames = options.rating === "elo" || options.style;
  if (!needGames) return compute({ loaded, options });
  const { games } = await loadSliceGames(db, slice, options.combine);
  let features: Map<number, StyleFeatures> | undefined;
  if (options.style) {
    if (loaded.source.kind === "judge") {
      const refs = await battleResponses(db, [...new Set(games.map((x) => x.battleId))]);
      const byBattle = new Map(refs.map((r) => [r.id, r]));
      for (const game of games) {
        const r = byBattle.get(game.battleId);
        game.responseAId = r?.responseAId ?? null;
        game.responseBId = r?.responseBId ?? null;
      }
    }
    const ids = games.flatMap((x) => [x.responseAId, x.responseBId]).filter((id): id is number => typeof id === "number");
    features = await featuresFor(db, ids);
  }
  return compute({ loaded, options, games, features });
}

/** The leaderboard of a slice (parsed with sliceSchema / leaderboardOptionsSchema), cached until its watermark changes. */
export async function getLeaderboard(slice: Slice, options: LeaderboardOptions): Promise<LeaderboardView> {
  const db = await getDb();
  const wm = await sliceWatermark(db, slice);
  const key = `${sliceKey(slice)}#${optionsKey({ ...options, include: new Set() })}`;
  const hit = await cache.get(key, wm.value, () => computeSlice(db, slice, options, { offload: true }));
  return {
    result: hit.value,
    slice: sliceKey(slice),
    options: optionsKey(options),
    watermark: hit.watermark,
    computedAt: hit.computedAt.toISOString(),
    stale: hit.stale,
    lastVoteAt: wm.lastVoteAt,
    sourceVotes: wm.sourceVotes,
  };
}

/** Just the watermark (the page polls this every few seconds). */
export async function getLeaderboardWatermark(slice: Slice): Promise<Watermark> {
  const db = await getDb();
  return sliceWatermark(db, slice);
}

export interface LeaderboardFilters {
  sources: { value: string; label: string; kind: string; isDemo: boolean }[];
  sets: { slug: string; name: string; isDemo: boolean }[];
  categories: string[];
  languages: string[];
}

/** Choices for the source switch and the filters. */
export async function getLeaderboardFilters(): Promise<LeaderboardFilters> {
  const db = await getDb();
  const [judges, sets, facets] = await Promise.all([listJudges(db), listPromptSets(db), promptFacets(db)]);
  return {
    sources: [
      { value: "crowd", label: "Crowd (human votes)", kind: "crowd", isDemo: false },
      ...judges.map((j) => ({ value: `judge:${j.slug}`, label: `${j.kind === "panel" ? "Panel" : "Judge"}: ${j.name}`, kind: j.kind, isDemo: j.isDemo })),
    ],
    sets,
    categories: [...new Set(facets.map((f) => f.category))].sort(),
    languages: [...new Set(facets.map((f) => f.language))].sort(),
  };
}

/** The `concord rank --format json` shape (snake_case), plus matrices when asked. */
export function toRankJson(view: LeaderboardView, includeMatrices: boolean): Record<string, unknown> {
  const r = view.result;
  const out: Record<string, unknown> = {
    systems: r.rows.map((x) => ({
      system: x.system,
      name: x.name,
      organization: x.organization,
      rating: x.rating,
      ci_low: x.ciLow,
      ci_high: x.ciHigh,
      rank: x.rank,
      battles: x.battles,
      wins: x.wins,
      losses: x.losses,
      ties: x.ties,
      win_rate: x.winRate,
      ...(r.style || r.rating === "elo" ? { bt_rating: x.btRating } : {}),
    })),
    meta: {
      source: r.source.key,
      slice: view.slice,
      battles: r.meta.battles,
      votes: r.meta.votes,
      systems: r.meta.systems,
      rating: r.rating,
      method: r.style ? `${r.ci.method}+style-control` : r.ci.method,
      ci: r.ci.level,
      ci_label: r.ci.label,
      rounds: r.ci.rounds,
      seed: r.ci.seed,
      rating_label: r.ratingLabel,
      combine: r.meta.combine,
      demo: r.meta.demo,
      path: r.meta.path,
      warnings: r.meta.warnings,
      computed_at: view.computedAt,
      last_vote_at: view.lastVoteAt,
      watermark: view.watermark,
      stale: view.stale,
      seconds: r.meta.seconds,
      ...(r.style ? { style_coefficients: Object.fromEntries(r.style.coefficients.map((c) => [c.feature, { value: c.value, ci_low: c.ciLow, ci_high: c.ciHigh }])) } : {}),
    },
  };
  if (includeMatrices) {
    const m = r.matrices;
    out.matrices = {
      systems: m.systems,
      battles: m.battles,
      win_rate_no_ties: m.winRateNoTies,
      win_rate_ties_half: m.winRateTiesHalf,
      predicted_win_rate: m.predicted,
      average_win_rate: m.averageWinRate,
    };
  }
  return out;
}

export interface LeaderboardPageData {
  view: LeaderboardView;
  filters: LeaderboardFilters;
}

/** Everything `/leaderboard` renders: the leaderboard of the URL's slice and options, and the filter choices. */
/** Systems in the page's heatmaps: beyond this, the top ones by rating (as Chatbot Arena's plots show the top models). */
export const PAGE_MATRIX_SYSTEMS = 30;

/**
 * The matrices cut to the first `limit` systems (they are in rating order), keeping each system's average predicted
 * win rate against all others. Without the cut, 100 systems put four 100 × 100 matrices (and a 10,000-cell
 * heatmap) into the page: 2.1 MB of HTML, 250–700 ms warm. The full matrices stay in `GET /api/leaderboard?…&include=matrices`.
 */
export function pageMatrices(m: MatricesResult, limit = PAGE_MATRIX_SYSTEMS): MatricesResult {
  if (m.systems.length <= limit) return m;
  const cut = (mat: number[][]) => mat.slice(0, limit).map((row) => row.slice(0, limit));
  return {
    systems: m.systems.slice(0, limit),
    names: m.names.slice(0, limit),
    battles: cut(m.battles),
    winRateNoTies: cut(m.winRateNoTies),
    winRateTiesHalf: cut(m.winRateTiesHalf),
    predicted: cut(m.predicted),
    averageWinRate: m.averageWinRate.slice(0, limit),
    of: m.systems.length,
  };
}

export async function getLeaderboardPage(slice: Slice, options: LeaderboardOptions): Promise<LeaderboardPageData> {
  const [view, filters] = await Promise.all([getLeaderboard(slice, options), getLeaderboardFilters()]);
  return { view: { ...view, result: { ...view.result, matrices: pageMatrices(view.result.matrices) } }, filters };
}
