/**
 * The per-battle vote counts every dashboard query starts from, as an SQL fragment (no database access here; the
 * queries*.ts files run it). One row per (battle, voter group): the crowd (`voterKind` human, judgeId = judgeRunId = 0)
 * or one judge run, with the battle's key columns and its two responses:
 *   "battleId", "voterKind", "judgeId", "judgeRunId", "promptId", "systemAId", "systemBId", "turn", "responseAId",
 *   "responseBId", and the counts "lA" "lB" "lT" "lX" (votes shown with systemA on the left: A wins, B wins, tie,
 *   both bad), "rA" "rB" "rT" "rX" (systemA on the right), "lW" "rW" (ranking weights: strength when decisive, else 1),
 *   "n" (all votes; always > 0).
 *
 * - No date range: the trigger-maintained `BattleVoteCount` (migration battle_vote_counts) minus, on the crowd's rows,
 *   the votes of dropped voters (excluded, and flagged with excludeFlagged), read through the Vote(voterId) index —
 *   about one row per battle and judge run instead of every vote.
 * - A date range (`from`/`to` on Vote.createdAt): the same rows aggregated from the votes in the range.
 * Either way the battle filters are the dashboard's slice semantics (queries.ts `sliceWhere`).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Slice } from "@/lib/validation/slice";

type Sql = Prisma.Sql;
const sql = Prisma.sql;
const empty = Prisma.empty;

/** Which voter groups: the crowd, and no judge / every judge / one judge (by id). */
export interface Who {
  humans: boolean;
  judges: "none" | "all" | number;
}

const COUNTS = ["lA", "lB", "lT", "lX", "rA", "rB", "rT", "rX", "lW", "rW", "n"] as const;

/** Battle conditions on `b` (counted, prompt set, category, language). Starts with AND. */
export function battleWhere(slice: Slice): Sql {
  const parts: Sql[] = [sql`AND b."counted"`];
  if (slice.set) parts.push(sql`AND b."promptSetId" = (SELECT ps."id" FROM "PromptSet" ps WHERE ps."slug" = ${slice.set})`);
  if (slice.category) parts.push(sql`AND b."category" = ${slice.category}`);
  if (slice.language) parts.push(sql`AND b."language" = ${slice.language}`);
  return parts.reduce((acc, p) => sql`${acc} ${p}`, empty);
}

/** The voter-group condition on alias `t` (a Vote or a BattleVoteCount row). */
function whoWhere(who: Who, t: "v" | "r"): Sql {
  const col = (c: string) => Prisma.raw(`${t}."${c}"`);
  const judge =
    who.judges === "none" ? null : who.judges === "all" ? sql`${col("voterKind")} = 'judge'` : sql`(${col("voterKind")} = 'judge' AND ${col("judgeId")} = ${who.judges})`;
  const human = who.humans ? sql`${col("voterKind")} = 'human'` : null;
  if (human && judge) return who.judges === "all" ? sql`TRUE` : sql`(${human} OR ${judge})`;
  return human ?? judge ?? sql`FALSE`;
}

/** The count columns aggregated from votes `v` (grouped by battle and voter group). */
const voteCounts = sql`
  (count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'A'))::int AS "lA",
  (count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'B'))::int AS "lB",
  (count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'tie'))::int AS "lT",
  (count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'bothbad'))::int AS "lX",
  (count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'A'))::int AS "rA",
  (count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'B'))::int AS "rB",
  (count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'tie'))::int AS "rT",
  (count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'bothbad'))::int AS "rX",
  COALESCE(sum(CASE WHEN v."outcome" IN ('A', 'B') THEN v."strength" ELSE 1 END) FILTER (WHERE v."shownLeft" = 'A'), 0)::int AS "lW",
  COALESCE(sum(CASE WHEN v."outcome" IN ('A', 'B') THEN v."strength" ELSE 1 END) FILTER (WHERE v."shownLeft" = 'B'), 0)::int AS "rW",
  count(*)::int AS "n"`;

const battleCols = sql`b."promptId", b."systemAId", b."systemBId", b."turn", b."responseAId", b."responseBId"`;

const DAY_MS = 86_400_000;
/** Vote.createdAt is a UTC `timestamp(3)`: compare with the instant's UTC wall time (as lib/leaderboard does). */
const ts = (d: Date) => d.toISOString().replace("Z", "");

/** Vote conditions of a date-range slice on `v` / `vo` (createdAt range, excluded/flagged voters). Starts with AND. */
export function voteWhere(slice: Slice): Sql {
  const parts: Sql[] = [];
  if (slice.from) parts.push(sql`AND v."createdAt" >= ${ts(slice.from)}::timestamp`);
  if (slice.to) parts.push(sql`AND v."createdAt" < ${ts(new Date(slice.to.getTime() + DAY_MS))}::timestamp`);
  parts.push(sql`AND (v."voterKind" = 'judge' OR (COALESCE(vo."excluded", false) = false`);
  parts.push(slice.excludeFlagged ? sql`AND COALESCE(vo."flagged", false) = false))` : sql`))`);
  return parts.reduce((acc, p) => sql`${acc} ${p}`, empty);
}

/** The per-battle rows of the slice for `who`, as a parenthesised subquery (alias it). */
export function battleCounts(slice: Slice, who: Who): Sql {
  if (slice.from || slice.to) {
    return sql`(
      SELECT b."id" AS "battleId", v."voterKind", COALESCE(v."judgeId", 0) AS "judgeId", COALESCE(v."judgeRunId", 0) AS "judgeRunId",
             ${battleCols}, ${voteCounts}
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
      WHERE ${whoWhere(who, "v")} ${battleWhere(slice)} ${voteWhere(slice)}
      GROUP BY b."id", v."voterKind", 3, 4)`;
  }
  if (!who.humans) {
    return sql`(
      SELECT r."battleId", r."voterKind", r."judgeId", r."judgeRunId", ${battleCols}, ${Prisma.raw(COUNTS.map((c) => `r."${c}"`).join(", "))}
      FROM "BattleVoteCount" r JOIN "Battle" b ON b."id" = r."battleId"
      WHERE ${whoWhere(who, "r")} ${battleWhere(slice)})`;
  }
  const dropped = slice.excludeFlagged
    ? sql`(SELECT vo."id" FROM "Voter" vo WHERE vo."excluded" OR vo."flagged")`
    : sql`(SELECT vo."id" FROM "Voter" vo WHERE vo."excluded")`;
  const minus = Prisma.raw(COUNTS.map((c) => `r."${c}" - COALESCE(d."${c}", 0) AS "${c}"`).join(", "));
  // `= ANY(ARRAY(subquery))`: the dropped voters' ids become an init-plan array, so d is an index scan on Vote(voterId).
  return sql`(
    SELECT r."battleId", r."voterKind", r."judgeId", r."judgeRunId", ${battleCols}, ${minus}
    FROM "BattleVoteCount" r JOIN "Battle" b ON b."id" = r."battleId"
    LEFT JOIN (
      SELECT v."battleId", ${voteCounts}
      FROM "Vote" v
      WHERE v."voterKind" = 'human' AND v."voterId" = ANY(ARRAY${dropped})
      GROUP BY 1
    ) d ON d."battleId" = r."battleId" AND r."voterKind" = 'human'
    WHERE ${whoWhere(who, "r")} ${battleWhere(slice)} AND r."n" - COALESCE(d."n", 0) > 0)`;
}

/** The outcome classes of a battle-count row `c` unpivoted: (shown-left side, outcome, votes). */
export const unpivot = sql`CROSS JOIN LATERAL (VALUES
  ('A', 'A', c."lA"), ('A', 'B', c."lB"), ('A', 'tie', c."lT"), ('A', 'bothbad', c."lX"),
  ('B', 'A', c."rA"), ('B', 'B', c."rB"), ('B', 'tie', c."rT"), ('B', 'bothbad', c."rX")) x(side, outcome, n)`;
