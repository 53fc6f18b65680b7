/**
 * Judge-dashboard queries: one query per function, each aggregating in SQL so that a million votes come back as a few
 * thousand count rows. Every vote query takes the shared slice (lib/validation/slice.ts); its `source` is ignored
 * (the dashboard always compares every judge with the crowd on the same battles).
 *
 * Slice semantics (same for humans and judges): counted battles only; `set` = prompt-set slug; `category`,
 * `language` on the battle; `from`/`to` on Vote.createdAt, `to` inclusive of its whole day. Human votes of voters a
 * maintainer excluded never count; `excludeFlagged` also leaves out flagged voters' votes.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Sql = Prisma.Sql;
const sql = Prisma.sql;
const empty = Prisma.empty;
import type { Slice } from "@/lib/validation/slice";

type Outcome = "A" | "B" | "tie" | "bothbad";
type Side = "A" | "B";

const DAY_MS = 86_400_000;

/** WHERE conditions on `b` (Battle), `v` (Vote), `vo` (Voter, left-joined). Starts with AND. */
export function sliceWhere(slice: Slice): Sql {
  const parts: Sql[] = [sql`AND b."counted"`];
  if (slice.set) parts.push(sql`AND b."promptSetId" = (SELECT ps."id" FROM "PromptSet" ps WHERE ps."slug" = ${slice.set})`);
  if (slice.category) parts.push(sql`AND b."category" = ${slice.category}`);
  if (slice.language) parts.push(sql`AND b."language" = ${slice.language}`);
  if (slice.from) parts.push(sql`AND v."createdAt" >= ${slice.from}`);
  if (slice.to) parts.push(sql`AND v."createdAt" < ${new Date(slice.to.getTime() + DAY_MS)}`);
  parts.push(sql`AND (v."voterKind" = 'judge' OR (COALESCE(vo."excluded", false) = false`);
  parts.push(slice.excludeFlagged ? sql`AND COALESCE(vo."flagged", false) = false))` : sql`))`);
  return sql`${joinSql(parts)}`;
}

function joinSql(parts: Sql[]): Sql {
  return parts.reduce((acc, p) => sql`${acc} ${p}`, empty);
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

const classCount = (side: "A" | "B", c: 0 | 1 | 2): Sql => {
  const o = c === 0 ? sql`v."outcome" = 'A'` : c === 1 ? sql`v."outcome" = 'B'` : sql`v."outcome" IN ('tie', 'bothbad')`;
  return sql`(count(*) FILTER (WHERE v."shownLeft" = ${side}::"Side" AND ${o}))::int`;
};

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
 * One pass over the slice's votes for the judge leaderboard: grouped by (battle, voter group) once, then
 * - by key, then by profile: every judge's and the crowd's per-key class counts as a histogram of distinct profiles
 *   (a few thousand rows at a million votes). The MT-Bench agreement, Cohen's κ, coverage, position consistency and
 *   first-shown shares are functions of these profiles (lib/ranking `judgeHumanAgreementFromCounts`);
 * - by the battle's longer answer (token counts, left out when equal or missing): each group's decisive votes for A
 *   and for B (as `longerAnswerCounts` did with a scan of its own);
 * - the crowd's decisive votes by shown side (as `positionCounts(…, null)` did with a scan of its own).
 */
export async function snapshotCounts(db: PrismaClient, slice: Slice): Promise<SnapshotCounts> {
  const cols = sql`${classCount("A", 0)} AS l0, ${classCount("A", 1)} AS l1, ${classCount("A", 2)} AS l2,
                   ${classCount("B", 0)} AS r0, ${classCount("B", 1)} AS r1, ${classCount("B", 2)} AS r2`;
  const rows = await db.$queryRaw<SnapshotCountRow[]>`
    WITH pb AS MATERIALIZED (
      SELECT v."battleId", CASE WHEN v."voterKind" = 'human' THEN -1 ELSE v."judgeId" END AS g, ${cols}
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
      WHERE (v."voterKind" = 'human' OR v."judgeId" IS NOT NULL) ${sliceWhere(slice)}
      GROUP BY 1, 2
    ), pk AS MATERIALIZED (
      SELECT b."promptId", b."systemAId", b."systemBId", b."turn", pb.g,
             sum(l0)::int AS l0, sum(l1)::int AS l1, sum(l2)::int AS l2, sum(r0)::int AS r0, sum(r1)::int AS r1, sum(r2)::int AS r2
      FROM pb JOIN "Battle" b ON b."id" = pb."battleId"
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
    FROM pb JOIN "Battle" b ON b."id" = pb."battleId"
    JOIN "Response" ra ON ra."id" = b."responseAId" JOIN "Response" rb ON rb."id" = b."responseBId"
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

const ts = (d: Date) => d.toISOString().replace("Z", "");

/**
 * Every judge's combined games per canonical pair and outcome, in one query — the same games as lib/leaderboard
 * `loadSlice` for source judge:SLUG (its `combineJudgeVotes`): per (judge, battle) the latest run (highest id) and its
 * vote per shown side; `mtbench` — both sides present: their outcome when equal, else a tie; `arena-hard` — each side
 * its own game, weight = strength when decisive, else 1. Slice filters as lib/leaderboard (battle columns, createdAt
 * range; voters do not apply to judges).
 *
 * One grouped pass, no sort: a judge vote always has a run (check constraint Vote_voter_kind) and there is at most one
 * vote per (battle, judge, shown side, run) (unique constraint), so "the first vote per side in the latest run" is
 * the side's vote with the highest run, read as max(ARRAY[run, outcome code, strength]) per side and kept when its run
 * is the battle's latest.
 */
export async function judgeGameCounts(db: PrismaClient, slice: Slice): Promise<JudgeGameRow[]> {
  const parts: Sql[] = [sql`AND b."counted"`];
  if (slice.set) parts.push(sql`AND b."promptSetId" = (SELECT ps."id" FROM "PromptSet" ps WHERE ps."slug" = ${slice.set})`);
  if (slice.category) parts.push(sql`AND b."category" = ${slice.category}`);
  if (slice.language) parts.push(sql`AND b."language" = ${slice.language}`);
  if (slice.from) parts.push(sql`AND v."createdAt" >= ${ts(slice.from)}::timestamp`);
  if (slice.to) parts.push(sql`AND v."createdAt" < ${ts(new Date(slice.to.getTime() + DAY_MS))}::timestamp`);
  const vote = sql`ARRAY[COALESCE(v."judgeRunId", 0),
                         (CASE v."outcome" WHEN 'A' THEN 0 WHEN 'B' THEN 1 WHEN 'tie' THEN 2 ELSE 3 END), v."strength"]`;
  return db.$queryRaw<JudgeGameRow[]>`
    WITH pv AS (
      SELECT v."judgeId" AS j, v."battleId" AS bt, b."systemAId" AS sa, b."systemBId" AS sb, max(COALESCE(v."judgeRunId", 0)) AS run,
             max(${vote}) FILTER (WHERE v."shownLeft" = 'A') AS va, max(${vote}) FILTER (WHERE v."shownLeft" = 'B') AS vb
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
      WHERE v."voterKind" = 'judge' AND v."judgeId" IS NOT NULL ${joinSql(parts)}
      GROUP BY 1, 2, 3, 4
    ), g AS (
      SELECT pv.j, pv.sa, pv.sb, (CASE WHEN jr."combine" = 'arena-hard' THEN 'arena-hard' ELSE 'mtbench' END) AS rule,
             (CASE WHEN pv.va[1] = pv.run THEN pv.va[2] END) AS oa, (CASE WHEN pv.va[1] = pv.run THEN pv.va[3] END) AS sa_,
             (CASE WHEN pv.vb[1] = pv.run THEN pv.vb[2] END) AS ob, (CASE WHEN pv.vb[1] = pv.run THEN pv.vb[3] END) AS sb_
      FROM pv LEFT JOIN "JudgeRun" jr ON jr."id" = pv.run
    ), games AS (
      SELECT j, sa, sb, rule, CASE WHEN oa = ob THEN oa ELSE 2 END AS o, 1 AS w FROM g WHERE rule = 'mtbench' AND oa IS NOT NULL AND ob IS NOT NULL
      UNION ALL
      SELECT j, sa, sb, rule, oa, CASE WHEN oa IN (0, 1) THEN sa_ ELSE 1 END FROM g WHERE rule = 'arena-hard' AND oa IS NOT NULL
      UNION ALL
      SELECT j, sa, sb, rule, ob, CASE WHEN ob IN (0, 1) THEN sb_ ELSE 1 END FROM g WHERE rule = 'arena-hard' AND ob IS NOT NULL
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
  // voterKind with judgeId: the (voterKind, judgeId, createdAt) index finds a judge's votes (the check constraint
  // makes judgeId non-null exactly on judge votes, so the condition is the same).
  const who = judgeId === null ? sql`v."voterKind" = 'human'` : sql`v."voterKind" = 'judge' AND v."judgeId" = ${judgeId}`;
  return db.$queryRaw<LengthOutcomeRow[]>`
    SELECT (ra."tokenCount" - rb."tokenCount")::int AS diff, v."shownLeft"::text AS "shownLeft",
           v."outcome"::text AS outcome, count(*)::int AS n
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
    JOIN "Response" ra ON ra."id" = b."responseAId" JOIN "Response" rb ON rb."id" = b."responseBId"
    WHERE ${who} AND ra."tokenCount" IS NOT NULL AND rb."tokenCount" IS NOT NULL ${sliceWhere(slice)}
    GROUP BY 1, 2, 3`;
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
  // voterKind with judgeId: the (voterKind, judgeId, createdAt) index finds a judge's votes (the check constraint
  // makes judgeId non-null exactly on judge votes, so the condition is the same).
  const who = judgeId === null ? sql`v."voterKind" = 'human'` : sql`v."voterKind" = 'judge' AND v."judgeId" = ${judgeId}`;
  return db.$queryRaw<PositionRow[]>`
    SELECT v."shownLeft"::text AS "shownLeft", v."outcome"::text AS outcome, count(*)::int AS n
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
    WHERE ${who} ${sliceWhere(slice)}
    GROUP BY 1, 2`;
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
