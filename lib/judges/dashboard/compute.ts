/**
 * The judge leaderboard from count rows (lib/judges/dashboard/queries.ts) with the ranking engine (lib/ranking).
 * No database here: `buildLeaderboard` is deterministic for its inputs (bootstrap seed 0).
 */
import {
  bootstrap,
  compareRankings,
  countsFromRows,
  fitBradleyTerry,
  humanHumanAgreementFromCounts,
  judgeHumanAgreementFromCounts,
  tallies,
  type AgreementResult,
  type KeyClassCounts,
  type OutcomeCounts,
} from "@/lib/ranking";
import type { JudgeInfoRow, KeyProfileRow, LongerRow, SystemInfoRow } from "./queries";
import { wilson } from "./stats";
import {
  BOOTSTRAP_ROUNDS,
  MIN_COMMON_SYSTEMS,
  MIN_SHARED_BATTLES,
  type HumanHumanAgreement,
  type ProportionCi,
  type JudgeLeaderboardRow,
  type SystemRating,
} from "./types";

export const num = (x: number | undefined | null): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : x);

/** Ratings with bootstrap CIs; falls back to a plain fit (no CI) when the bootstrap cannot run, with the reason. */
export function rateCounts(
  counts: OutcomeCounts,
  names: Map<string, SystemInfoRow>,
  rounds: number,
): { ratings: SystemRating[]; samples?: Float64Array; warnings: string[] } {
  if (counts.systems.length < 2) return { ratings: [], warnings: ["fewer than two systems have votes"] };
  const warnings: string[] = [];
  let ratings: number[];
  let lo: (number | null)[];
  let hi: (number | null)[];
  let samples: Float64Array | undefined;
  try {
    const b = bootstrap(counts, { rounds, seed: 0 });
    ratings = b.fit.ratings;
    lo = b.ciLow;
    hi = b.ciHigh;
    samples = b.samples;
    warnings.push(...b.fit.warnings);
  } catch (err) {
    const fit = fitBradleyTerry(counts);
    ratings = fit.ratings;
    lo = ratings.map(() => null);
    hi = ratings.map(() => null);
    warnings.push(`no confidence intervals: ${err instanceof Error ? err.message : String(err)}`, ...fit.warnings);
  }
  const t = tallies(counts);
  const order = counts.systems.map((_, i) => i).sort((x, y) => ratings[y] - ratings[x] || (counts.systems[x] < counts.systems[y] ? -1 : 1));
  const rank = new Array<number>(counts.systems.length);
  order.forEach((i, k) => (rank[i] = k + 1));
  return {
    ratings: counts.systems.map((s, i) => ({
      system: s,
      name: names.get(s)?.name ?? s,
      family: names.get(s)?.family ?? "",
      rating: ratings[i],
      ciLow: num(lo[i]),
      ciHigh: num(hi[i]),
      rank: rank[i],
      battles: t[i].battles,
    })),
    samples,
    warnings,
  };
}

export interface LeaderboardInput {
  /** Per-key class profiles of the crowd and of every judge (queries `snapshotCounts`). */
  profiles: KeyProfileRow[];
  /** The crowd's outcome counts on the slice (lib/leaderboard `loadSlice`, systems named by slug). */
  crowdCounts: OutcomeCounts;
  /** Per judge id: its combined games as counts (the same as lib/leaderboard `loadSlice` for it) and its combine rule. */
  judgeCounts: Map<number, { counts: OutcomeCounts; combine: string }>;
  longerRows: LongerRow[];
  /** The crowd's first-shown share (human key rows are not split by side). */
  crowdPosition: ProportionCi;
  judges: JudgeInfoRow[];
  systems: SystemInfoRow[];
  rounds?: number;
  /** The crowd's `rateCounts` of `crowdCounts` when already computed (the service fits while other queries run). */
  crowdFit?: RatedCounts;
  /** Per judge id: `rateCounts` of its `judgeCounts` entry, when already computed. */
  judgeFits?: Map<number, RatedCounts>;
}

export type RatedCounts = ReturnType<typeof rateCounts>;

export interface LeaderboardCore {
  crowd: { systems: SystemRating[]; votes: number; keys: number; counts: OutcomeCounts };
  humanHuman: HumanHumanAgreement;
  crowdBias: { firstShown: ProportionCi; longer: ProportionCi };
  judges: JudgeLeaderboardRow[];
  silentJudges: { judge: string; name: string }[];
  /** Per judge slug: its ratings and the counts they were fitted on (for the detail page). */
  fits: Map<string, { ratings: SystemRating[]; counts: OutcomeCounts }>;
}

export function agreementOut(a: AgreementResult) {
  return { agreement: num(a.withTies), agreementNoTies: num(a.withoutTies), n: a.comparisons, nNoTies: a.comparisonsWithoutTies, kappa: num(a.kappa) };
}

/** The class (0 A, 1 B, 2 tie) most of a side's votes name; the lowest class on a tie. */
const modal = (c0: number, c1: number, c2: number): number => (c0 >= c1 && c0 >= c2 ? 0 : c1 >= c2 ? 1 : 2);

/** What the leaderboard needs of one judge, summed over its key profiles. */
interface JudgeTally {
  keys: KeyClassCounts[];
  votes: number;
  /** Keys with human votes too. */
  shared: number;
  /** Keys seen in both shown orders, and those with the same (modal) class in both. */
  positionPairs: number;
  positionSame: number;
  /** Decisive verdicts, and those for the answer shown first. */
  decisive: number;
  first: number;
}

function tallyProfiles(rows: KeyProfileRow[]) {
  const crowd = { keys: [] as KeyClassCounts[], votes: 0, keyCount: 0, multi: 0 };
  const judges = new Map<number, JudgeTally>();
  for (const r of rows) {
    const human = [r.h0, r.h1, r.h2] as const;
    const h = r.h0 + r.h1 + r.h2;
    if (r.judgeId === null) {
      crowd.keys.push({ human, judge: [0, 0, 0], keys: r.keys });
      crowd.votes += r.keys * h;
      crowd.keyCount += r.keys;
      if (h >= 2) crowd.multi += r.keys;
      continue;
    }
    let t = judges.get(r.judgeId);
    if (!t) judges.set(r.judgeId, (t = { keys: [], votes: 0, shared: 0, positionPairs: 0, positionSame: 0, decisive: 0, first: 0 }));
    const left = r.l0 + r.l1 + r.l2;
    const right = r.r0 + r.r1 + r.r2;
    t.keys.push({ human, judge: [r.l0 + r.r0, r.l1 + r.r1, r.l2 + r.r2], keys: r.keys });
    t.votes += r.keys * (left + right);
    if (h > 0) t.shared += r.keys;
    if (left > 0 && right > 0) {
      t.positionPairs += r.keys;
      if (modal(r.l0, r.l1, r.l2) === modal(r.r0, r.r1, r.r2)) t.positionSame += r.keys;
    }
    t.decisive += r.keys * (r.l0 + r.l1 + r.r0 + r.r1);
    t.first += r.keys * (r.l0 + r.r1);
  }
  return { crowd, judges };
}

/** Decisive verdicts for the longer answer, per judge id (null = humans). */
function longerShares(rows: LongerRow[]): Map<number | null, ProportionCi> {
  const acc = new Map<number | null, [number, number]>();
  for (const r of rows) {
    if (r.outcome !== "A" && r.outcome !== "B") continue;
    const a = acc.get(r.judgeId) ?? [0, 0];
    a[1] += r.n;
    if (r.outcome === r.longer) a[0] += r.n;
    acc.set(r.judgeId, a);
  }
  return new Map([...acc].map(([id, [k, n]]) => [id, wilson(k, n)]));
}

export function buildLeaderboard(input: LeaderboardInput): LeaderboardCore {
  const rounds = input.rounds ?? BOOTSTRAP_ROUNDS;
  const bySlug = new Map(input.systems.map((s) => [s.slug, s]));

  const { crowd, judges: tallied } = tallyProfiles(input.profiles);
  const crowdCounts = input.crowdCounts;
  const crowdFit = input.crowdFit ?? rateCounts(crowdCounts, bySlug, rounds);
  const hh = agreementOut(humanHumanAgreementFromCounts(crowd.keys));
  const humanHuman: HumanHumanAgreement = { ...hh, keys: crowd.multi };

  const longer = longerShares(input.longerRows);
  const none = wilson(0, 0);
  const rows: JudgeLeaderboardRow[] = [];
  const silent: { judge: string; name: string }[] = [];
  const fits = new Map<string, { ratings: SystemRating[]; counts: OutcomeCounts }>();
  for (const j of input.judges) {
    const tally = tallied.get(j.id);
    if (!tally?.votes) {
      silent.push({ judge: j.slug, name: j.name });
      continue;
    }
    const jc = input.judgeCounts.get(j.id) ?? { counts: countsFromRows([]), combine: j.combine ?? "mtbench" };
    const { counts, combine } = jc;
    const fit = input.judgeFits?.get(j.id) ?? rateCounts(counts, bySlug, rounds);
    fits.set(j.slug, { ratings: fit.ratings, counts });
    const cmp =
      crowdFit.ratings.length >= 2 && fit.ratings.length >= 2
        ? compareRankings(
            { systems: crowdFit.ratings.map((r) => r.system), ratings: crowdFit.ratings.map((r) => r.rating), samples: crowdFit.samples },
            { systems: fit.ratings.map((r) => r.system), ratings: fit.ratings.map((r) => r.rating), samples: fit.samples },
          )
        : null;
    const agr = judgeHumanAgreementFromCounts(tally.keys);
    const shared = tally.shared;
    const systems = cmp?.systems.length ?? 0;
    const warnings: string[] = [];
    if (shared < MIN_SHARED_BATTLES)
      warnings.push(`only ${shared} battles shared with the crowd (fewer than ${MIN_SHARED_BATTLES}): agreement figures are unreliable`);
    if (systems < MIN_COMMON_SYSTEMS)
      warnings.push(`only ${systems} systems ranked by both (fewer than ${MIN_COMMON_SYSTEMS}): rank correlations are unreliable`);
    for (const w of fit.warnings) warnings.push(`judge ranking: ${w}`);
    rows.push({
      judge: j.slug,
      name: j.name,
      kind: j.kind,
      family: j.family,
      description: j.description,
      isDemo: j.isDemo,
      combine,
      kendallTau: num(cmp?.kendallTauB.value),
      tauCiLow: num(cmp?.kendallTauB.ciLow),
      tauCiHigh: num(cmp?.kendallTauB.ciHigh),
      spearman: num(cmp?.spearman.value),
      spearmanCiLow: num(cmp?.spearman.ciLow),
      spearmanCiHigh: num(cmp?.spearman.ciHigh),
      agreement: num(agr.withTies),
      agreementNoTies: num(agr.withoutTies),
      nAgreement: agr.comparisons,
      nAgreementNoTies: agr.comparisonsWithoutTies,
      kappa: num(agr.kappa),
      positionConsistency: tally.positionPairs ? tally.positionSame / tally.positionPairs : null,
      nPositionPairs: tally.positionPairs,
      unparseableShare: j.totalTasks > 0 ? j.unparseableTasks / j.totalTasks : null,
      tasks: j.totalTasks,
      coverage: crowd.keyCount ? shared / crowd.keyCount : null,
      battles: shared,
      systems,
      judgeVotes: tally.votes,
      costUsd: j.costUsd,
      promptTokens: j.promptTokens,
      completionTokens: j.completionTokens,
      firstShown: wilson(tally.first, tally.decisive),
      longer: longer.get(j.id) ?? none,
      warnings,
    });
  }
  rows.sort(
    (x, y) =>
      (y.kendallTau ?? -Infinity) - (x.kendallTau ?? -Infinity) ||
      (y.agreementNoTies ?? -Infinity) - (x.agreementNoTies ?? -Infinity) ||
      (x.judge < y.judge ? -1 : 1),
  );
  return {
    crowd: { systems: crowdFit.ratings.sort((a, b) => a.rank - b.rank), votes: crowd.votes, keys: crowd.keyCount, counts: crowdCounts },
    humanHuman,
    crowdBias: { firstShown: input.crowdPosition, longer: longer.get(null) ?? none },
    judges: rows,
    silentJudges: silent,
    fits,
  };
}
