/**
 * Judge-dashboard queries: one query per function, each aggregating in SQL so that a million votes come back as a few
 * thousand count rows. Every vote query takes the shared slice (lib/validation/slice.ts); its `source` is ignored
 * (the dashboard always compares every judge with the crowd on the same battles). Most read the per-battle counts
 * (battle-counts.ts: the trigger-kept BattleVoteCount, or the votes themselves for a date range).
 *
 * Slice semantics (same for humans and judges): counted battles only; `set` = prompt-set slug; `category`,
 * `language` on the battle; `from`/`to` on Vote.createdAt, `to` inclusive of its whole day. Human votes of voters a
 * maintainer excluded never count; `excludeFlagged` also leaves out flagged voters' votes.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Sql = Prisma.Sql;
const sql = Prisma.sql;
import type { Slice } from "@/lib/validation/slice";
import { battleCounts, battleWhere, unpivot, voteWhere } from "./battle-counts";

type Outcome = "A" | "B" | "tie" | "bothbad";
type Side = "A" | "B";


/** WHERE conditions on `b` (Battle), `v` (Vote), `vo` (Voter, left-joined). Starts with AND. */
export function sliceWhere(slice: Slice): Sql {
  return sql`${battleWhere(slice)} ${voteWhere(slice)}`;
}

/**
 * The cache watermark: the vote-rollup change counters (bumped by triggers on every vote insert/delete, voter
 * flag/exclude change and battle change; one row per source), the newest vote id, judges' edits and run progress.
 * All small tables or index-only lookups.
 */
export async function voteWatermark(db: PrismaClient): Promise<string> {
  const rows = await db.$queryRaw<{ w: string | null; v: number | null; j: Date | null; n: number; r: string | null }[]>`
    SELECT (SELECT string_agg("key" || '=' || "version"::text, ',' ORDER BY "key") FROM "RankingWatermark") AS w,
           (SELECT max("id") FROM "Vote") AS v,
           (SELECT max("updatedAt") FROM "Judge") AS j, (SELECT count(*)::int FROM "Judge") AS n,
           (SELECT count(*)::text || ':' || COALESCE(sum("doneTasks" + "failedTasks" + "unparseableTasks"), 0)::text
              || ':' || COALESCE(sum("costUsd"), 0)::text FROM "JudgeRun") AS r`;
  const r = rows[0];
  return `${r.w ?? ""}|${r.v ?? 0}|${r.j?.getTime() ?? 0}:${r.n}|${r.r ?? ""}`;
}

/**
 * A histogram of per-key class profiles: `keys` agreement keys (prompt, canonical pair, turn) share these counts.
 * Classes relative to the key's systemA: 0 = A wins, 1 = B wins, 2 = tie or both-bad. `h*` = human votes on the key
 * (both sides together); `l*` / `r*` = the judge's votes shown with systemA first (left) / second. Rows with
 * `judgeId` null are the crowd alone (every key with a human vote, `l*`/`r*` zero); a judge's rows cover every key
 * it voted on, `h*` zero where no human did.
 */
export interface KeyProfileRow {
  judgeId: number | null;
  h0: number;
  h1: number;
  h2: number;
  l0: number;
  l1: number;
  l2: number;
  r0: number;
  r1: number;
  r2: number;
  keys: number;
}

interface SnapshotCountRow extends KeyProfileRow {
  /** p: a key profile; l: votes for A / B (l0 / l1) of `judgeId` where `longer` is the longer side; s: the crowd's
   * decisive votes by shown side (l0 A shown A, l1 B shown A, r0 A shown B, r1 B shown B). */
  kind: "p" | "l" | "s";
  longer: Side | null;
}

export interface SnapshotCounts {
  profiles: KeyProfileRow[];
  /** Decisive votes only (the longer-answer share counts nothing else). */
  longer: LongerRow[];
  /** The crowd's decisive votes by shown side (positionShare). */
  crowdPosition: PositionRow[];
}

/**
 * One pass over the slice's per-battle counts (battle-counts.ts: ~one row per battle and judge run, not per vote) for
 * the judge leaderboard: grouped by (battle, voter group) once — a judge's runs together — then
 * - by key, then by profile: every judge's and the crowd's per-key class counts as a histogram of distinct profiles
 *   (a few thousand rows at a million votes). The MT-Bench agreement, Cohen's κ, coverage, position consistency and
 *   first-shown shares are functions of these profiles (lib/ranking `judgeHumanAgreementFromCounts`);
 * - by the battle's longer answer (token counts, left out when equal or missing): each group's decisive votes for A
 *   and for B (as `longerAnswerCounts` did with a scan of its own);
 * - the crowd's decisive votes by shown side (as `positionCounts(…, null)` did with a scan of its own).
 */
export async function snapshotCounts(db: PrismaClient, slice: Slice): Promise<SnapshotCounts> {
  const src = battleCounts(slice, { humans: true, judges: "all" });
  const rows = await db.$queryRaw<SnapshotCountRow[]>`
    WITH pb AS MATERIALIZED (
      SELECT c."battleId", c."promptId", c."systemAId", c."systemBId", c."turn", c."responseAId", c."responseBId",
             CASE WHEN c."voterKind" = 'human' THEN -1 ELSE c."judgeId" END AS g,
             sum(c."lA")::int AS l0, sum(c."lB")::int AS l1, sum(c."lT" + c."lX")::int AS l2,
             sum(c."rA")::int AS r0, sum(c."rB")::int AS r1, sum(c."rT" + c."rX")::int AS r2
      FROM ${src} c
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ), pk AS MATERIALIZED (
      SELECT "promptId", "systemAId", "systemBId", "turn", g,
             sum(l0)::int AS l0, sum(l1)::int AS l1, sum(l2)::int AS l2, sum(r0)::int AS r0, sum(r1)::int AS r1, sum(r2)::int AS r2
      FROM pb
      GROUP BY 1, 2, 3, 4, 5
    ), hk AS (
      SELECT "promptId", "systemAId", "systemBId", "turn", l0 + r0 AS h0, l1 + r1 AS h1, l2 + r2 AS h2 FROM pk WHERE g = -1
    )
    SELECT 'p' AS kind, NULL::int AS "judgeId", NULL::text AS longer, h0, h1, h2, 0 AS l0, 0 AS l1, 0 AS l2, 0 AS r0, 0 AS r1, 0 AS r2,
           count(*)::int AS keys
    FROM hk GROUP BY h0, h1, h2
    UNION ALL
    SELECT 'p', pk.g, NULL, COALESCE(hk.h0, 0), COALESCE(hk.h1, 0), COALESCE(hk.h2, 0), pk.l0, pk.l1, pk.l2, pk.r0, pk.r1, pk.r2, count(*)::int
    FROM pk LEFT JOIN hk USING ("promptId", "systemAId", "systemBId", "turn")
    WHERE pk.g <> -1
    GROUP BY 2, 4, 5, 6, 7, 8, 9, 10, 11, 12
    UNION ALL
    SELECT 'l', NULLIF(pb.g, -1), CASE WHEN ra."tokenCount" > rb."tokenCount" THEN 'A' ELSE 'B' END,
           0, 0, 0, sum(pb.l0 + pb.r0)::int, sum(pb.l1 + pb.r1)::int, 0, 0, 0, 0, 0
    FROM pb JOIN "Response" ra ON ra."id" = pb."responseAId" JOIN "Response" rb ON rb."id" = pb."responseBId"
    WHERE ra."tokenCount" <> rb."tokenCount"
    GROUP BY 2, 3
    UNION ALL
    SELECT 's', NULL, NULL, 0, 0, 0, COALESCE(sum(l0), 0)::int, COALESCE(sum(l1), 0)::int, 0, COALESCE(sum(r0), 0)::int, COALESCE(sum(r1), 0)::int, 0, 0
    FROM pb WHERE g = -1`;
  const out: SnapshotCounts = { profiles: [], longer: [], crowdPosition: [] };
  for (const r of rows) {
    if (r.kind === "p") {
      const { kind: _kind, longer: _longer, ...profile } = r;
      out.profiles.push(profile);
    } else if (r.kind === "l") {
      const longer = r.longer as Side;
      out.longer.push({ judgeId: r.judgeId, longer, outcome: "A", n: r.l0 }, { judgeId: r.judgeId, longer, outcome: "B", n: r.l1 });
    } else
      out.crowdPosition.push(
        { shownLeft: "A", outcome: "A", n: r.l0 },
        { shownLeft: "A", outcome: "B", n: r.l1 },
        { shownLeft: "B", outcome: "A", n: r.r0 },
        { shownLeft: "B", outcome: "B", n: r.r1 },
      );
  }
  return out;
}

export interface JudgeGameRow {
  judgeId: number;
  systemAId: number;
  systemBId: number;
  /** The combine rule of the battle's latest run. */
  rule: "mtbench" | "arena-hard";
  /** null: a marker row saying the judge has battles under `rule` (even ones that make no game). */
  outcome: Outcome | null;
  n: number;
  w: number;
}

/**
 * Every judge's combined games per canonical pair and outcome, in one query — the same games as lib/leaderboard
 * `loadSlice` for source judge:SLUG (its `combineJudgeVotes`): per (judge, battle) the latest run (highest id) and its
 * vote per shown side; `mtbench` — both sides present: their outcome when equal, else a tie; `arena-hard` — each side
 * its own game, weight = strength when decisive, else 1. Slice filters as lib/leaderboard (battle columns, createdAt
 * range; voters do not apply to judges).
 *
 * One grouped pass over the per-battle counts (one row per battle and judge run), no sort: a judge vote always has a
 * run (check constraint Vote_voter_kind) and there is at most one vote per (battle, judge, shown side, run) (unique
 * constraint), so a row's side has one outcome (the highest class code if it ever had more) and its weight is that
 * vote's; max(ARRAY[run, side A's outcome, weight, side B's outcome, weight]) per (judge, battle) is the latest run's.
 */
export async function judgeGameCounts(db: PrismaClient, slice: Slice): Promise<JudgeGameRow[]> {
  const src = battleCounts(slice, { humans: false, judges: "all" });
  const code = (p: "l" | "r") =>
    Prisma.raw(`(CASE WHEN c."${p}X" > 0 THEN 3 WHEN c."${p}T" > 0 THEN 2 WHEN c."${p}B" > 0 THEN 1 WHEN c."${p}A" > 0 THEN 0 ELSE -1 END)`);
  return db.$queryRaw<JudgeGameRow[]>`
    WITH pv AS (
      SELECT c."judgeId" AS j, c."battleId" AS bt, c."systemAId" AS sa, c."systemBId" AS sb,
             max(ARRAY[c."judgeRunId", ${code("l")}, c."lW", ${code("r")}, c."rW"]) AS v
      FROM ${src} c
      GROUP BY 1, 2, 3, 4
    ), g AS (
      SELECT pv.j, pv.sa, pv.sb, (CASE WHEN jr."combine" = 'arena-hard' THEN 'arena-hard' ELSE 'mtbench' END) AS rule,
             NULLIF(pv.v[2], -1) AS oa, pv.v[3] AS sa_, NULLIF(pv.v[4], -1) AS ob, pv.v[5] AS sb_
      FROM pv LEFT JOIN "JudgeRun" jr ON jr."id" = pv.v[1]
    ), games AS (
      SELECT j, sa, sb, rule, CASE WHEN oa = ob THEN oa ELSE 2 END AS o, 1 AS w FROM g WHERE rule = 'mtbench' AND oa IS NOT NULL AND ob IS NOT NULL
      UNION ALL
      SELECT j, sa, sb, rule, oa, sa_ FROM g WHERE rule = 'arena-hard' AND oa IS NOT NULL
      UNION ALL
      SELECT j, sa, sb, rule, ob, sb_ FROM g WHERE rule = 'arena-hard' AND ob IS NOT NULL
    )
    SELECT j AS "judgeId", sa AS "systemAId", sb AS "systemBId", rule, (ARRAY['A', 'B', 'tie', 'bothbad'])[o + 1] AS outcome,
           count(*)::int AS n, sum(w)::float8 AS w
    FROM games GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT DISTINCT j, 0, 0, rule, NULL, 0, 0 FROM g`;
}

export interface JudgeInfoRow {
  id: number;
  slug: string;
  name: string;
  kind: "llm" | "panel" | "baseline" | "external";
  family: string;
  description: string;
  isDemo: boolean;
  pricePromptPerM: number;
  priceCompletionPerM: number;
  runs: number;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
  /** `combine` of the judge's latest run (mtbench | arena-hard), null without runs. */
  combine: string | null;
  totalTasks: number;
  unparseableTasks: number;
}

/** Every judge with its run totals (cost, tokens) and JudgeTask counts (all tasks, unparseable ones). */
export async function listJudgeInfo(db: PrismaClient): Promise<JudgeInfoRow[]> {
  return db.$queryRaw<JudgeInfoRow[]>`
    SELECT j."id", j."slug", j."name", j."kind"::text AS "kind", j."family", j."description", j."isDemo",
           j."pricePromptPerM", j."priceCompletionPerM",
           COALESCE(r.runs, 0)::int AS runs, COALESCE(r.cost, 0)::float8 AS "costUsd",
           COALESCE(r.pt, 0)::float8 AS "promptTokens", COALESCE(r.ct, 0)::float8 AS "completionTokens",
           (SELECT r2."combine" FROM "JudgeRun" r2 WHERE r2."judgeId" = j."id" ORDER BY r2."createdAt" DESC, r2."id" DESC LIMIT 1) AS "combine",
           COALESCE(t.total, 0)::int AS "totalTasks", COALESCE(t.unparseable, 0)::int AS "unparseableTasks"
    FROM "Judge" j
    LEFT JOIN (
      SELECT "judgeId", count(*) AS runs, sum("costUsd") AS cost, sum("promptTokens") AS pt, sum("completionTokens") AS ct
      FROM "JudgeRun" GROUP BY "judgeId"
    ) r ON r."judgeId" = j."id"
    LEFT JOIN (
      SELECT jr."judgeId", count(*) AS total, count(*) FILTER (WHERE jt."status" = 'unparseable') AS unparseable
      FROM "JudgeTask" jt JOIN "JudgeRun" jr ON jr."id" = jt."runId" GROUP BY jr."judgeId"
    ) t ON t."judgeId" = j."id"
    ORDER BY j."slug"`;
}

export interface SystemInfoRow {
  id: number;
  slug: string;
  name: string;
  family: string;
}

export async function listSystemInfo(db: PrismaClient): Promise<SystemInfoRow[]> {
  return db.system.findMany({ select: { id: true, slug: true, name: true, family: true }, orderBy: { slug: "asc" } });
}

export interface LengthOutcomeRow {
  /** tokenCount(A) − tokenCount(B) of the battle's two responses. */
  diff: number;
  shownLeft: Side;
  outcome: Outcome;
  n: number;
}

/**
 * Votes of one judge (or of the humans, `judgeId` null) by token-length difference of the two answers, shown side and
 * outcome. Battles without both token counts are left out.
 */
export async function lengthOutcomeCounts(db: PrismaClient, slice: Slice, judgeId: number | null): Promise<LengthOutcomeRow[]> {
  const src = battleCounts(slice, judgeId === null ? { humans: true, judges: "none" } : { humans: false, judges: judgeId });
  return db.$queryRaw<LengthOutcomeRow[]>`
    SELECT (ra."tokenCount" - rb."tokenCount")::int AS diff, x.side AS "shownLeft", x.outcome, sum(x.n)::int AS n
    FROM ${src} c JOIN "Response" ra ON ra."id" = c."responseAId" JOIN "Response" rb ON rb."id" = c."responseBId" ${unpivot}
    WHERE ra."tokenCount" IS NOT NULL AND rb."tokenCount" IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(x.n) > 0`;
}

export interface LongerRow {
  judgeId: number | null;
  /** The canonical side with more tokens. */
  longer: Side;
  outcome: Outcome;
  n: number;
}

export interface PositionRow {
  shownLeft: Side;
  outcome: Outcome;
  n: number;
}

/** Votes of one judge (or of the humans, `judgeId` null) by shown-left side and outcome. */
export async function positionCounts(db: PrismaClient, slice: Slice, judgeId: number | null): Promise<PositionRow[]> {
  const src = battleCounts(slice, judgeId === null ? { humans: true, judges: "none" } : { humans: false, judges: judgeId });
  return db.$queryRaw<PositionRow[]>`
    SELECT x.side AS "shownLeft", x.outcome, sum(x.n)::int AS n
    FROM ${src} c ${unpivot}
    GROUP BY 1, 2
    HAVING sum(x.n) > 0`;
}

export interface BattlePanelRow {
  id: number;
  key: string;
  turn: number;
  category: string;
  promptTurns: unknown;
  systemA: { slug: string; name: string };
  systemB: { slug: string; name: string };
  responseA: { turns: unknown; tokenCount: number | null } | null;
  responseB: { turns: unknown; tokenCount: number | null } | null;
  votes: {
    id: number;
    voterKind: "human" | "judge";
    judgeId: number | null;
    outcome: Outcome;
    shownLeft: Side;
    strength: number;
    rationale: string | null;
    rawOutput: string | null;
  }[];
}

/** One battle with its prompt, both answers and its votes (humans, and judge `judgeId`'s). */
export async function battleForPanel(db: PrismaClient, battleId: number, judgeId: number): Promise<BattlePanelRow | null> {
  const b = await db.battle.findUnique({
    where: { id: battleId },
    select: {
      id: true,
      key: true,
      turn: true,
      category: true,
      prompt: { select: { turns: true } },
      systemA: { select: { slug: true, name: true } },
      systemB: { select: { slug: true, name: true } },
      responseA: { select: { turns: true, tokenCount: true } },
      responseB: { select: { turns: true, tokenCount: true } },
      votes: {
        where: { OR: [{ voterKind: "human" }, { judgeId }] },
        orderBy: { id: "asc" },
        select: { id: true, voterKind: true, judgeId: true, outcome: true, shownLeft: true, strength: true, rationale: true, rawOutput: true },
      },
    },
  });
  if (!b) return null;
  const { prompt, ...rest } = b;
  return { ...rest, promptTurns: prompt.turns };
}

export interface SliceOptionsRow {
  sets: { slug: string; name: string }[];
  categories: string[];
  languages: string[];
}

/** Prompt sets, categories and languages for the dashboard's filter form. */
export async function sliceOptions(db: PrismaClient): Promise<SliceOptionsRow> {
  const rows = await db.$queryRaw<{ kind: string; value: string; label: string }[]>`
    SELECT 'set' AS kind, "slug" AS value, "name" AS label FROM "PromptSet"
    UNION ALL SELECT DISTINCT 'category', "category", "category" FROM "Prompt"
    UNION ALL SELECT DISTINCT 'language', "language", "language" FROM "Prompt"
    ORDER BY 1, 2`;
  return {
    sets: rows.filter((r) => r.kind === "set").map((r) => ({ slug: r.value, name: r.label })),
    categories: rows.filter((r) => r.kind === "category").map((r) => r.value),
    languages: rows.filter((r) => r.kind === "language").map((r) => r.value),
  };
}
