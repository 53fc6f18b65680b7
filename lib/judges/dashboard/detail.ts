/**
 * Per-judge analyses for `/judges/[slug]`, from the leaderboard's fits and the per-judge count rows. Statistics come
 * from lib/ranking; the only local formula is the Wilson score interval (`wilson`), which lib/ranking lacks.
 */
import {
  agreementWithConfidence,
  altTestFromCounts,
  fitDecisiveness,
  incompleteBeta,
  judgeBias,
  pairTable,
  separability,
  type OutcomeCounts,
} from "@/lib/ranking";
import { num } from "./compute";
import { wilson } from "./stats";

export { wilson };
import type { BattlePanelRow, KeyProfileRow, LengthOutcomeRow, PositionRow } from "./queries";
import type { AltAnnotatorCountRow, DisagreementKeyRow } from "./queries-detail";
import {
  ALT_ANNOTATORS_LISTED,
  ALT_MIN_ITEMS,
  type AltTestView,
  type BattlePanel,
  type BinnedRate,
  type DisagreementRow,
  type JudgeDetail,
  type ProportionCi,
  type SystemRating,
  type WinRatePointOut,
} from "./types";

export function scatterSystems(crowd: SystemRating[], judge: SystemRating[], family: string): JudgeDetail["systems"] {
  const j = new Map(judge.map((r) => [r.system, r]));
  return crowd
    .filter((r) => j.has(r.system))
    .map((h) => ({ system: h.system, name: h.name, family: h.family, sameFamily: family !== "" && h.family === family, human: h, judge: j.get(h.system)! }));
}

/** Win rate (wins + ½ ties, by weight) of every ordered pair of systems in a count set. */
function pairWinRates(counts: OutcomeCounts): Map<string, { rate: number; n: number }> {
  const t = pairTable(counts);
  const out = new Map<string, { rate: number; n: number }>();
  for (let k = 0; k < t.pi.length; k++) {
    const [w0, w1, w2] = [t.weight[3 * k], t.weight[3 * k + 1], t.weight[3 * k + 2]];
    const tot = w0 + w1 + w2;
    const n = t.count[3 * k] + t.count[3 * k + 1] + t.count[3 * k + 2];
    if (tot <= 0) continue;
    const si = counts.systems[t.pi[k]];
    const sj = counts.systems[t.pj[k]];
    out.set(`${si}\u0000${sj}`, { rate: (w0 + 0.5 * w2) / tot, n });
    out.set(`${sj}\u0000${si}`, { rate: (w1 + 0.5 * w2) / tot, n });
  }
  return out;
}

/** JuStRank decisiveness (α of the Beta-CDF fit) and per-system bias, on pairs both the crowd and the judge rated. */
export function decisivenessAndBias(
  crowd: OutcomeCounts,
  judge: OutcomeCounts,
  names: Map<string, { name: string; family: string }>,
  family: string,
): { decisiveness: JudgeDetail["decisiveness"]; bias: JudgeDetail["bias"] } {
  const h = pairWinRates(crowd);
  const j = pairWinRates(judge);
  const points: WinRatePointOut[] = [];
  for (const [k, hv] of h) {
    const jv = j.get(k);
    if (!jv) continue;
    const [system, opponent] = k.split("\u0000");
    points.push({ system, opponent, human: hv.rate, judge: jv.rate, nHuman: hv.n, nJudge: jv.n });
  }
  points.sort((a, b) => a.human - b.human || (a.system < b.system ? -1 : 1));
  if (points.length === 0) return { decisiveness: { alpha: null, points, curve: [] }, bias: [] };
  const { alpha } = fitDecisiveness(points);
  const curve = Array.from({ length: 51 }, (_, i) => ({ human: i / 50, judge: incompleteBeta(i / 50, alpha, alpha) }));
  const bias = judgeBias(points, alpha).map((b) => ({
    ...b,
    name: names.get(b.system)?.name ?? b.system,
    sameFamily: family !== "" && names.get(b.system)?.family === family,
  }));
  return { decisiveness: { alpha: num(alpha), points, curve }, bias };
}

/** How often the decisive verdicts pick the answer shown first (left), with a Wilson 95% interval. */
export function positionShare(rows: PositionRow[]): ProportionCi {
  let k = 0;
  let n = 0;
  for (const r of rows) {
    if (r.outcome !== "A" && r.outcome !== "B") continue;
    n += r.n;
    if (r.outcome === r.shownLeft) k += r.n;
  }
  return wilson(k, n);
}

/** Score of the longer answer: 1 it wins, 0 it loses, ½ tie or both bad. Null when the lengths are equal. */
function longerScore(diff: number, outcome: string): number | null {
  if (diff === 0) return null;
  const longer = diff > 0 ? "A" : "B";
  if (outcome === "A" || outcome === "B") return outcome === longer ? 1 : 0;
  return 0.5;
}

/** Upper edges (in tokens of extra length) of the verbosity bins: quintiles of |diff| over the judge's votes. */
function binEdges(rows: LengthOutcomeRow[]): number[] {
  const abs: { d: number; n: number }[] = rows.filter((r) => r.diff !== 0).map((r) => ({ d: Math.abs(r.diff), n: r.n }));
  abs.sort((a, b) => a.d - b.d);
  const total = abs.reduce((s, r) => s + r.n, 0);
  if (total === 0) return [];
  const edges: number[] = [];
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    let acc = 0;
    for (const r of abs) {
      acc += r.n;
      if (acc >= q * total) {
        if (!edges.length || r.d > edges[edges.length - 1]) edges.push(r.d);
        break;
      }
    }
  }
  edges.push(Infinity);
  return edges;
}

/** Verbosity bias: the longer answer's win rate by how much longer it is (judge and crowd), and the share of decisive verdicts for the longer answer. */
export function verbosity(judgeRows: LengthOutcomeRow[], crowdRows: LengthOutcomeRow[]): JudgeDetail["verbosity"] {
  const edges = binEdges(judgeRows);
  const bins: BinnedRate[] = edges.map((hi, i) => ({
    lo: i === 0 ? 1 : edges[i - 1] + 1,
    hi: Number.isFinite(hi) ? hi : null,
    label: hi === Infinity ? `> ${edges[i - 1] ?? 0}` : `${i === 0 ? 1 : edges[i - 1] + 1}–${hi}`,
    judge: null,
    nJudge: 0,
    crowd: null,
    nCrowd: 0,
  }));
  const acc = (rows: LengthOutcomeRow[], who: "judge" | "crowd") => {
    const sums = bins.map(() => 0);
    const ns = bins.map(() => 0);
    let k = 0;
    let n = 0;
    for (const r of rows) {
      const s = longerScore(r.diff, r.outcome);
      if (s === null) continue;
      const b = bins.findIndex((x) => x.hi === null || Math.abs(r.diff) <= x.hi);
      if (b >= 0) {
        sums[b] += s * r.n;
        ns[b] += r.n;
      }
      if (s !== 0.5) {
        n += r.n;
        k += s * r.n;
      }
    }
    bins.forEach((x, i) => {
      if (who === "judge") [x.judge, x.nJudge] = [ns[i] ? sums[i] / ns[i] : null, ns[i]];
      else [x.crowd, x.nCrowd] = [ns[i] ? sums[i] / ns[i] : null, ns[i]];
    });
    return wilson(k, n);
  };
  const judgeLonger = acc(judgeRows, "judge");
  const crowdLonger = acc(crowdRows, "crowd");
  return { bins, judgeLonger, crowdLonger };
}

type Label = "A" | "B" | "tie";
type Tally = Record<Label, number>;

/** Strict plurality label of a tally, or null when the top is shared or there are no votes. */
function plurality(t: Tally): Label | null {
  const sorted = (Object.entries(t) as [Label, number][]).sort((a, b) => b[1] - a[1]);
  if (sorted[0][1] === 0 || sorted[0][1] === sorted[1][1]) return null;
  return sorted[0][0];
}

/** The judge's verdict on a key: its strict plurality over its votes (both orders), a tie when split (MT-Bench). */
const judgeVerdict = (t: Tally): Label => plurality(t) ?? "tie";

/**
 * Confusion matrix of the judge against the human majority per key (rows: human majority; columns: the judge's
 * verdict), from the judge's per-key class profiles (queries `snapshotCounts`: `keys` keys share each profile; humans
 * h0/h1/h2 = A/B/tie-or-both-bad, the judge's classes summed over both shown orders). Keys without a strict human
 * majority are counted in `noMajority`; keys without a human vote are left out.
 */
export function confusion(profiles: KeyProfileRow[], judgeId: number): JudgeDetail["confusion"] {
  const labels: Label[] = ["A", "B", "tie"];
  const matrix = labels.map(() => labels.map(() => 0));
  let keys = 0;
  let noMajority = 0;
  for (const r of profiles) {
    if (r.judgeId !== judgeId) continue;
    const human: Tally = { A: r.h0, B: r.h1, tie: r.h2 };
    const judge: Tally = { A: r.l0 + r.r0, B: r.l1 + r.r1, tie: r.l2 + r.r2 };
    if (!(r.h0 + r.h1 + r.h2) || !(judge.A + judge.B + judge.tie)) continue;
    const h = plurality(human);
    if (h === null) {
      noMajority += r.keys;
      continue;
    }
    keys += r.keys;
    matrix[labels.indexOf(h)][labels.indexOf(judgeVerdict(judge))] += r.keys;
  }
  return { labels, matrix, keys, noMajority };
}

/**
 * The shared keys ordered by |human score − judge score| of system A (win 1, tie ½), largest first, from the rows
 * `topDisagreements` already selected and ordered in SQL (the same order; re-sorted here with the same keys).
 */
export function disagreements(rows: DisagreementKeyRow[], slug: (id: number) => string): DisagreementRow[] {
  const out: DisagreementRow[] = rows.map((r) => {
    const human = { A: r.h0, B: r.h1, tie: r.h2 };
    const judge = { A: r.j0, B: r.j1, tie: r.j2 };
    const humanScore = (human.A + 0.5 * human.tie) / (r.h0 + r.h1 + r.h2);
    const judgeScore = (judge.A + 0.5 * judge.tie) / (r.j0 + r.j1 + r.j2);
    return {
      battleId: r.battleId,
      promptId: r.promptId,
      systemA: slug(r.systemAId),
      systemB: slug(r.systemBId),
      turn: r.turn,
      humanScore,
      judgeScore,
      gap: Math.abs(humanScore - judgeScore),
      human,
      judge,
    };
  });
  out.sort((a, b) => b.gap - a.gap || b.human.A + b.human.B + b.human.tie - (a.human.A + a.human.B + a.human.tie) || a.battleId - b.battleId);
  return out;
}

/** Arena-Hard separability of both rankings and the judge's agreement with confidence against the crowd. */
export function arenaHardView(crowd: SystemRating[], judge: SystemRating[]): JudgeDetail["arenaHard"] {
  const common = crowd.filter((c) => judge.some((j) => j.system === c.system)).map((c) => c.system);
  const pick = (rs: SystemRating[]) => {
    const rows = common.map((s) => rs.find((r) => r.system === s)!);
    if (rows.some((r) => r.ciLow === null || r.ciHigh === null)) return null;
    return { systems: common, ciLow: rows.map((r) => r.ciLow!), ciHigh: rows.map((r) => r.ciHigh!) };
  };
  const c = pick(crowd);
  const j = pick(judge);
  const awc = c && j ? agreementWithConfidence(c, j) : null;
  return {
    judgeSeparability: j ? num(separability(j.ciLow, j.ciHigh)) : null,
    crowdSeparability: c ? num(separability(c.ciLow, c.ciHigh)) : null,
    agreementWithConfidence: awc ? num(awc.value) : null,
    pairs: awc?.pairs ?? 0,
    systems: common.length,
  };
}

/**
 * The alt-test on keys with ≥ 3 human voters that the judge also voted on (labels A | B | tie), from the per-annotator
 * win counts `altTestCounts` aggregates in SQL (lib/ranking `altTestFromCounts`). Every such item and every annotator
 * enters; nothing is sampled.
 */
export function altTestView(rows: AltAnnotatorCountRow[], epsilon: number): AltTestView {
  const items = rows.find((r) => r.voterId === null)?.n ?? 0;
  const enough = items >= ALT_MIN_ITEMS;
  if (!enough)
    return { enough, items, annotators: 0, epsilon, winningRate: null, advantageProbability: null, passed: null, perAnnotator: [], perAnnotatorOmitted: 0 };
  const counts = rows
    .filter((r): r is AltAnnotatorCountRow & { voterId: number } => r.voterId !== null)
    .map((r) => ({ annotator: String(r.voterId), both: r.both, humanOnly: r.humanOnly, judgeOnly: r.judgeOnly }));
  const res = altTestFromCounts(counts, { epsilon });
  const listed = res.annotators
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.instances - x.a.instances || x.i - y.i)
    .slice(0, ALT_ANNOTATORS_LISTED)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.a);
  return {
    enough,
    items,
    annotators: res.annotators.length,
    epsilon,
    winningRate: num(res.winningRate),
    advantageProbability: num(res.advantageProbability),
    passed: res.annotators.length ? res.passed : null,
    perAnnotatorOmitted: res.annotators.length - listed.length,
    perAnnotator: listed.map((a) => ({
      annotator: a.annotator,
      instances: a.instances,
      judgeWinRate: a.judgeWinRate,
      humanWinRate: a.humanWinRate,
      pValue: a.pValue,
      rejected: a.rejected,
    })),
  };
}

const turnsOf = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : typeof v === "string" ? [v] : []);

export function battlePanel(b: BattlePanelRow, judgeId: number): BattlePanel {
  const humanVotes = { A: 0, B: 0, tie: 0, bothbad: 0 };
  for (const v of b.votes) if (v.voterKind === "human") humanVotes[v.outcome]++;
  const name = (s: "A" | "B") => (s === "A" ? b.systemA.name : b.systemB.name);
  return {
    battleId: b.id,
    turn: b.turn,
    category: b.category,
    prompt: turnsOf(b.promptTurns),
    systemA: { ...b.systemA, answer: turnsOf(b.responseA?.turns), tokens: b.responseA?.tokenCount ?? null },
    systemB: { ...b.systemB, answer: turnsOf(b.responseB?.turns), tokens: b.responseB?.tokenCount ?? null },
    humanVotes,
    judgeVotes: b.votes
      .filter((v) => v.voterKind === "judge" && v.judgeId === judgeId)
      .map((v) => ({
        outcome: v.outcome === "A" || v.outcome === "B" ? `${name(v.outcome)} wins` : v.outcome === "tie" ? "tie" : "both bad",
        shownFirst: name(v.shownLeft),
        strength: v.strength,
        rationale: v.rationale ?? v.rawOutput,
      })),
  };
}
