/**
 * Loading a slice's outcomes from the database into the ranking engine's input.
 *
 * - crowd, no date range: `VoteRollup` counts minus the votes of dropped voters (excluded; flagged too with
 *   excludeFlagged) — never a scan of all votes. With a date range: a direct aggregate over the votes in the range.
 * - judge:SLUG: the judge's votes (both shown orders), combined per battle and run as the run's `combine` says (or
 *   the `combine` override): `mtbench` — both orders present and naming the same winner → that verdict, otherwise a
 *   tie; a battle with only one order is left out (as lib/judges/core/combine.ts). `arena-hard` — each order is its
 *   own game, a strong verdict (strength 3) weighs 3, a tie weighs 1. When a judge has several runs on a battle, the
 *   latest run (highest id) is used. A plain rollup cannot pair the two orders, so judges are always read per vote
 *   (a judge has at most 2 votes per battle and run, far fewer than the crowd).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { countsFromRows, type Battle as EngineBattle, type CountRow, type OutcomeCounts, type Outcome } from "@/lib/ranking";
import { sourceOf, type Slice } from "@/lib/validation/slice";
import { notFound } from "@/lib/errors";
import {
  directHumanCounts,
  droppedHumanCounts,
  humanVoteSequence,
  judgeBySlug,
  judgeVotes,
  listSystems,
  rollupHumanCounts,
  type DbOutcome,
  type JudgeInfo,
  type JudgeVoteRow,
  type PairCountRow,
  type SystemInfo,
} from "./queries";

export type CombineOverride = "run" | "mtbench" | "arena-hard";

const ENGINE: Record<DbOutcome, Outcome> = { A: "a", B: "b", tie: "tie", bothbad: "bothbad" };

export interface SourceInfo {
  kind: "crowd" | "judge";
  key: string;
  label: string;
  judge?: JudgeInfo;
  isDemo: boolean;
}

export interface SliceGame {
  battleId: number;
  a: string;
  b: string;
  outcome: Outcome;
  weight: number;
  tstamp: number;
}

export interface LoadedSlice {
  source: SourceInfo;
  counts: OutcomeCounts;
  systems: Map<string, SystemInfo>;
  /** Votes behind the counts (judge: both orders). */
  votes: number;
  /** How the counts were read, for the report and the UI. */
  path: "rollup" | "direct" | "judge";
  combine?: string;
}

export async function resolveSource(db: PrismaClient, slice: Slice): Promise<SourceInfo> {
  const src = sourceOf(slice);
  if (src.kind === "crowd") return { kind: "crowd", key: "crowd", label: "Crowd (human votes)", isDemo: false };
  const judge = await judgeBySlug(db, src.slug);
  if (!judge) throw notFound(`judge "${src.slug}"`);
  return { kind: "judge", key: slice.source, label: judge.name, judge, isDemo: judge.isDemo };
}

function subtract(rows: PairCountRow[], minus: PairCountRow[]): PairCountRow[] {
  const key = (r: PairCountRow) => `${r.systemAId}|${r.systemBId}|${r.outcome}`;
  const m = new Map(minus.map((r) => [key(r), r]));
  return rows.map((r) => {
    const d = m.get(key(r));
    return d ? { ...r, n: r.n - d.n, w: r.w - d.w } : r;
  });
}

/** Human counts for a slice (rollup when possible). */
export async function humanCountRows(db: PrismaClient, slice: Slice): Promise<{ rows: PairCountRow[]; path: "rollup" | "direct" }> {
  if (slice.from || slice.to) return { rows: await directHumanCounts(db, slice), path: "direct" };
  const [rows, dropped] = await Promise.all([rollupHumanCounts(db, slice), droppedHumanCounts(db, slice)]);
  return { rows: subtract(rows, dropped).filter((r) => r.n > 0), path: "rollup" };
}

/** Combines one judge's votes per battle into games (see the module comment). */
export type JudgeGame = Omit<SliceGame, "a" | "b"> & { systemAId: number; systemBId: number };

export function combineJudgeVotes(rows: JudgeVoteRow[], override: CombineOverride = "run"): { games: JudgeGame[]; rule: Set<string> } {
  const byBattle = new Map<number, JudgeVoteRow[]>();
  for (const r of rows) {
    const list = byBattle.get(r.battleId);
    if (list) list.push(r);
    else byBattle.set(r.battleId, [r]);
  }
  const games: JudgeGame[] = [];
  const rules = new Set<string>();
  for (const [battleId, list] of byBattle) {
    const runId = Math.max(...list.map((r) => r.runId));
    const votes = list.filter((r) => r.runId === runId);
    const first = votes[0];
    const rule = override !== "run" ? override : first.combine === "arena-hard" ? "arena-hard" : "mtbench";
    rules.add(rule);
    const shown = votes.find((v) => v.shownLeft === "A");
    const swapped = votes.find((v) => v.shownLeft === "B");
    const tstamp = Math.max(...votes.map((v) => v.createdAt.getTime()));
    const base = { battleId, systemAId: first.systemAId, systemBId: first.systemBId, tstamp };
    if (rule === "arena-hard") {
      for (const v of [shown, swapped]) {
        if (!v) continue;
        const o = ENGINE[v.outcome];
        games.push({ ...base, outcome: o, weight: o === "a" || o === "b" ? v.strength : 1 });
      }
    } else {
      if (!shown || !swapped) continue;
      const o1 = ENGINE[shown.outcome];
      const o2 = ENGINE[swapped.outcome];
      const outcome: Outcome = o1 === o2 ? o1 : "tie";
      games.push({ ...base, outcome, weight: 1 });
    }
  }
  return { games, rule: rules };
}

function slugOf(systems: Map<number, SystemInfo>, id: number): string {
  const s = systems.get(id);
  if (!s) throw new Error(`vote on unknown system id ${id}`);
  return s.slug;
}

/** Judge games for a slice, with system slugs. */
export async function judgeGames(
  db: PrismaClient,
  judge: JudgeInfo,
  slice: Slice,
  override: CombineOverride,
  byId: Map<number, SystemInfo>,
): Promise<{ games: SliceGame[]; votes: number; rules: string[] }> {
  const rows = await judgeVotes(db, judge.id, slice);
  const { games, rule } = combineJudgeVotes(rows, override);
  return {
    games: games.map((g) => ({ battleId: g.battleId, a: slugOf(byId, g.systemAId), b: slugOf(byId, g.systemBId), outcome: g.outcome, weight: g.weight, tstamp: g.tstamp })),
    votes: rows.length,
    rules: [...rule].sort(),
  };
}

/** The slice's outcome counts (engine input, systems named by slug) and what is needed to label them. */
export async function loadSlice(db: PrismaClient, slice: Slice, override: CombineOverride = "run"): Promise<LoadedSlice> {
  const [source, systemList] = await Promise.all([resolveSource(db, slice), listSystems(db)]);
  const byId = new Map(systemList.map((s) => [s.id, s]));
  const systems = new Map(systemList.map((s) => [s.slug, s]));
  if (source.kind === "crowd") {
    const { rows, path } = await humanCountRows(db, slice);
    const countRows: CountRow[] = rows.map((r) => ({ a: slugOf(byId, r.systemAId), b: slugOf(byId, r.systemBId), outcome: ENGINE[r.outcome], count: r.n, weight: r.n }));
    const counts = countsFromRows(countRows);
    return { source, counts, systems, votes: counts.battles, path };
  }
  const { games, votes, rules } = await judgeGames(db, source.judge!, slice, override, byId);
  const counts = countsFromRows(games.map((g) => ({ a: g.a, b: g.b, outcome: g.outcome, count: 1, weight: g.weight })));
  return { source, counts, systems, votes, path: "judge", combine: rules.join("+") || (override === "run" ? "mtbench" : override) };
}

/** The slice's games in time order (online Elo, style control, history), with response ids when known. */
export async function loadSliceGames(
  db: PrismaClient,
  slice: Slice,
  override: CombineOverride = "run",
): Promise<{ games: (SliceGame & { responseAId?: number | null; responseBId?: number | null })[]; systems: Map<number, SystemInfo> }> {
  const [source, systemList] = await Promise.all([resolveSource(db, slice), listSystems(db)]);
  const byId = new Map(systemList.map((s) => [s.id, s]));
  if (source.kind === "crowd") {
    const rows = await humanVoteSequence(db, slice);
    return {
      systems: byId,
      games: rows.map((r) => ({
        battleId: r.battleId,
        a: slugOf(byId, r.systemAId),
        b: slugOf(byId, r.systemBId),
        outcome: ENGINE[r.outcome],
        weight: 1,
        tstamp: r.createdAt.getTime(),
        responseAId: r.responseAId,
        responseBId: r.responseBId,
      })),
    };
  }
  const { games } = await judgeGames(db, source.judge!, slice, override, byId);
  games.sort((x, y) => x.tstamp - y.tstamp || x.battleId - y.battleId);
  return { systems: byId, games };
}

export type { EngineBattle };
