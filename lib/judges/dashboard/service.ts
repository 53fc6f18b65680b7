/**
 * The judge dashboard service: "can this judge rank systems the way people do?" on one slice.
 *
 * `getJudgeLeaderboard(slice)` ranks every judge and panel by Kendall τ between its Bradley–Terry ranking and the
 * crowd's; `getJudgeDetail(slug, slice, …)` adds the per-judge charts. Both are cached per slice with single-flight
 * and stale-while-revalidate against a watermark (max Vote.id, judges' updatedAt): warm requests cost one tiny query.
 * The statistics of a cold snapshot (bootstraps of the crowd and of every judge) run on the compute worker
 * (lib/offload), so they never hold up other requests; the detail's per-key figures are aggregated in SQL
 * (queries-detail.ts), never loaded per vote.
 */
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { sliceKey, type Slice } from "@/lib/validation/slice";
import { loadSlice } from "@/lib/leaderboard/load";
import { countsFromRows, type CountRow, type OutcomeCounts } from "@/lib/ranking";
import { sharedCache } from "./cache";
import type { LeaderboardCore } from "./compute";
import { runCompute, warmComputePool } from "@/lib/offload/pool";
import {
  arenaHardView,
  battlePanel,
  confusion,
  decisivenessAndBias,
  disagreements,
  positionShare,
  scatterSystems,
  verbosity,
} from "./detail";
import * as q from "./queries";
import * as qd from "./queries-detail";
import { ALT_MIN_HUMANS, BOOTSTRAP_ROUNDS, DEFAULT_EPSILON, MIN_COMMON_SYSTEMS, MIN_SHARED_BATTLES, type JudgeDetail, type JudgeLeaderboard } from "./types";

/** Rows in the disagreement list. */
const DISAGREEMENTS = 15;

interface Snapshot {
  core: LeaderboardCore;
  /** Per-key class profiles (the confusion matrices come from these). */
  profiles: q.KeyProfileRow[];
  options: q.SliceOptionsRow;
  judges: q.JudgeInfoRow[];
  systems: q.SystemInfoRow[];
  watermark: string;
  computedAt: string;
  computeMs: number;
}

interface JudgeData {
  disagreements: qd.DisagreementKeyRow[];
  judgeLength: q.LengthOutcomeRow[];
  judgePosition: q.PositionRow[];
  alt: qd.AltAnnotatorCountRow[];
  /**
   * The page body per (snapshot, ε), built once: the decisiveness fit and the alt-test's t-tests over every annotator
   * are not free, and a warm request should cost the watermark query only. Valid while the same crowd-length rows.
   */
  bodies: Map<string, { crowdLength: q.LengthOutcomeRow[]; body: Omit<JudgeDetail, "battle"> }>;
}

const snapshots = sharedCache<Snapshot>("judges:leaderboard");
const judgeData = sharedCache<JudgeData>("judges:detail", 128);
/** The crowd's length-difference counts: per slice, shared by every judge's page. */
const crowdLengths = sharedCache<q.LengthOutcomeRow[]>("judges:crowd-length", 64);

/** The dashboard ignores the slice's source: every judge is compared with the crowd on the same battles. */
const keyOf = (slice: Slice): string => sliceKey({ ...slice, source: "crowd" });

const ENGINE = { A: "a", B: "b", tie: "tie", bothbad: "bothbad" } as const;

/** Per judge id: its games as ranking-engine counts (systems by slug) and its combine rule(s), as `loadSlice` labels them. */
function judgeCountsFromRows(rows: q.JudgeGameRow[], systems: q.SystemInfoRow[]): Map<number, { counts: OutcomeCounts; combine: string }> {
  const slug = new Map(systems.map((s) => [s.id, s.slug]));
  const name = (id: number) => {
    const s = slug.get(id);
    if (!s) throw new Error(`vote on unknown system id ${id}`);
    return s;
  };
  const by = new Map<number, { rows: CountRow[]; rules: Set<string> }>();
  for (const r of rows) {
    let e = by.get(r.judgeId);
    if (!e) by.set(r.judgeId, (e = { rows: [], rules: new Set() }));
    e.rules.add(r.rule);
    if (r.outcome !== null) e.rows.push({ a: name(r.systemAId), b: name(r.systemBId), outcome: ENGINE[r.outcome], count: r.n, weight: r.w });
  }
  return new Map([...by].map(([id, e]) => [id, { counts: countsFromRows(e.rows), combine: [...e.rules].sort().join("+") || "mtbench" }]));
}

async function computeSnapshot(slice: Slice, watermark: string): Promise<Snapshot> {
  const db = await getDb();
  const started = Date.now();
  warmComputePool();
  // The fits start as soon as their counts are in (the crowd's from the rollup, the judges' from one grouped query),
  // on the compute worker, while the key-profile pass is still running.
  const systemsP = q.listSystemInfo(db);
  const crowdP = loadSlice(db, { ...slice, source: "crowd" });
  const gamesP = q.judgeGameCounts(db, slice);
  const namesP = systemsP.then((systems) => new Map(systems.map((s) => [s.slug, s])));
  const crowdFitP = Promise.all([crowdP, namesP]).then(([crowd, names]) => runCompute("judgeRate", { counts: crowd.counts, names, rounds: BOOTSTRAP_ROUNDS }));
  const judgeCountsP = Promise.all([gamesP, systemsP]).then(([rows, systems]) => judgeCountsFromRows(rows, systems));
  const judgeFitsP = Promise.all([judgeCountsP, namesP]).then(async ([jc, names]) => {
    const fits = await Promise.all([...jc].map(async ([id, e]) => [id, await runCompute("judgeRate", { counts: e.counts, names, rounds: BOOTSTRAP_ROUNDS })] as const));
    return new Map(fits);
  });
  const [{ profiles, longer: longerRows, crowdPosition }, crowd, judges, systems, options, judgeCounts, crowdFit, judgeFits] = await Promise.all([
    q.snapshotCounts(db, slice),
    crowdP,
    q.listJudgeInfo(db),
    systemsP,
    q.sliceOptions(db),
    judgeCountsP,
    crowdFitP,
    judgeFitsP,
  ]);
  // Rankings exactly as /leaderboard computes them (same games, same combine rule), all judges from one query.
  const core = await runCompute("judgeLeaderboard", {
    profiles,
    crowdCounts: crowd.counts,
    judgeCounts,
    longerRows,
    crowdPosition: positionShare(crowdPosition),
    judges,
    systems,
    crowdFit,
    judgeFits,
  });
  return { core, profiles, options, judges, systems, watermark, computedAt: new Date().toISOString(), computeMs: Date.now() - started };
}

async function snapshot(slice: Slice): Promise<{ snap: Snapshot; stale: boolean; watermark: string }> {
  const db = await getDb();
  const watermark = await q.voteWatermark(db);
  const r = await snapshots.get(keyOf(slice), watermark, () => computeSnapshot(slice, watermark));
  return { snap: r.value, stale: r.stale, watermark };
}

export async function getJudgeLeaderboard(slice: Slice): Promise<JudgeLeaderboard> {
  const { snap, stale } = await snapshot(slice);
  const { core } = snap;
  return {
    slice: keyOf(slice),
    watermark: snap.watermark,
    computedAt: snap.computedAt,
    computeMs: snap.computeMs,
    stale,
    crowd: { systems: core.crowd.systems, votes: core.crowd.votes, keys: core.crowd.keys },
    humanHuman: core.humanHuman,
    crowdBias: core.crowdBias,
    judges: core.judges,
    silentJudges: core.silentJudges,
    thresholds: { minSharedBattles: MIN_SHARED_BATTLES, minCommonSystems: MIN_COMMON_SYSTEMS },
    options: snap.options,
    demo: snap.judges.some((j) => j.isDemo) || snap.options.sets.some((s) => s.slug === "demo"),
  };
}

async function loadJudgeData(slice: Slice, judgeId: number): Promise<JudgeData> {
  const db = await getDb();
  const [disagreements, judgeLength, judgePosition, alt] = await Promise.all([
    qd.topDisagreements(db, slice, judgeId, DISAGREEMENTS),
    q.lengthOutcomeCounts(db, slice, judgeId),
    q.positionCounts(db, slice, judgeId),
    qd.altTestCounts(db, slice, judgeId, ALT_MIN_HUMANS),
  ]);
  return { disagreements, judgeLength, judgePosition, alt, bodies: new Map() };
}

async function detailBody(
  slice: Slice,
  snap: Snapshot,
  info: q.JudgeInfoRow,
  data: JudgeData,
  crowdLength: q.LengthOutcomeRow[],
  epsilon: number,
): Promise<Omit<JudgeDetail, "battle">> {
  const memoKey = `${snap.watermark}|${snap.computedAt}|${epsilon}`;
  const memo = data.bodies.get(memoKey);
  if (memo && memo.crowdLength === crowdLength) return memo.body;
  const row = snap.core.judges.find((r) => r.judge === info.slug);
  const fit = snap.core.fits.get(info.slug);
  if (!row || !fit) throw notFound(`votes of judge "${info.slug}" on this slice`);
  const names = new Map(snap.systems.map((s) => [s.slug, { name: s.name, family: s.family }]));
  const slugOf = new Map(snap.systems.map((s) => [s.id, s.slug]));
  const { decisiveness, bias } = decisivenessAndBias(snap.core.crowd.counts, fit.counts, names, info.family);
  const body: Omit<JudgeDetail, "battle"> = {
    slice: keyOf(slice),
    watermark: snap.watermark,
    row,
    humanHuman: snap.core.humanHuman,
    systems: scatterSystems(snap.core.crowd.systems, fit.ratings, info.family),
    decisiveness,
    bias,
    // The crowd's share is the snapshot's (the same positionCounts rows the leaderboard's crowd bias uses).
    position: { judge: positionShare(data.judgePosition), crowd: snap.core.crowdBias.firstShown },
    verbosity: verbosity(data.judgeLength, crowdLength),
    confusion: confusion(snap.profiles, info.id),
    disagreements: disagreements(data.disagreements, (id) => slugOf.get(id) ?? `system-${id}`),
    arenaHard: arenaHardView(snap.core.crowd.systems, fit.ratings),
    altTest: await runCompute("judgeAltTest", { rows: data.alt, epsilon }),
    options: snap.options,
    demo: info.isDemo,
  };
  data.bodies.set(memoKey, { crowdLength, body });
  if (data.bodies.size > 8) data.bodies.delete(data.bodies.keys().next().value as string);
  return body;
}

export interface DetailOptions {
  /** Alt-test ε (default 0.2). */
  epsilon?: number;
  /** A battle to open in the side panel. */
  battleId?: number;
}

export async function getJudgeDetail(slug: string, slice: Slice, opts: DetailOptions = {}): Promise<JudgeDetail> {
  const { snap, watermark } = await snapshot(slice);
  const info = snap.judges.find((j) => j.slug === slug);
  if (!info) throw notFound(`judge "${slug}"`);
  const row = snap.core.judges.find((r) => r.judge === slug);
  const fit = snap.core.fits.get(slug);
  if (!row || !fit) throw notFound(`votes of judge "${slug}" on this slice`);
  const [dataHit, crowdLengthHit] = await Promise.all([
    judgeData.get(`${slug}|${keyOf(slice)}`, watermark, () => loadJudgeData(slice, info.id)),
    crowdLengths.get(keyOf(slice), watermark, async () => q.lengthOutcomeCounts(await getDb(), slice, null)),
  ]);
  const body = await detailBody(slice, snap, info, dataHit.value, crowdLengthHit.value, opts.epsilon ?? DEFAULT_EPSILON);
  let battle: JudgeDetail["battle"] = null;
  if (opts.battleId !== undefined) {
    const b = await q.battleForPanel(await getDb(), opts.battleId, info.id);
    if (!b) throw notFound(`battle ${opts.battleId}`);
    battle = battlePanel(b, info.id);
  }
  return { ...body, battle };
}

/** The machine-readable leaderboard (`GET /api/judges`, `concord judges --format json`): snake_case, stable keys. */
export function toMachineJson(lb: JudgeLeaderboard) {
  return {
    judges: lb.judges.map((j) => ({
      judge: j.judge,
      kendall_tau: j.kendallTau,
      tau_ci_low: j.tauCiLow,
      tau_ci_high: j.tauCiHigh,
      spearman: j.spearman,
      agreement: j.agreement,
      agreement_no_ties: j.agreementNoTies,
      n_agreement: j.nAgreement,
      kappa: j.kappa,
      position_consistency: j.positionConsistency,
      systems: j.systems,
      battles: j.battles,
      name: j.name,
      kind: j.kind,
      n_agreement_no_ties: j.nAgreementNoTies,
      spearman_ci_low: j.spearmanCiLow,
      spearman_ci_high: j.spearmanCiHigh,
      coverage: j.coverage,
      unparseable_share: j.unparseableShare,
      cost_usd: j.costUsd,
      first_shown_share: j.firstShown.share,
      longer_share: j.longer.share,
      warnings: j.warnings,
    })),
    human_human: { agreement: lb.humanHuman.agreement, agreement_no_ties: lb.humanHuman.agreementNoTies, n: lb.humanHuman.n },
    slice: lb.slice,
    computed_at: lb.computedAt,
  };
}

/** Drops cached snapshots (tests). */
export function clearJudgeDashboardCache(): void {
  snapshots.clear();
  judgeData.clear();
  crowdLengths.clear();
}
