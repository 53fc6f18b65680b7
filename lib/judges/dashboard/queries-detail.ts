/**
 * `/judges/[slug]` queries that aggregate per MT-Bench key (prompt, canonical pair, turn) in SQL, so the page never
 * loads per-vote rows (a million votes come back as 15 disagreement rows and one row per annotator). Slice
 * semantics as queries.ts (`sliceWhere`). Outcome classes relative to the key's systemA: A wins, B wins, tie (tie or
 * both-bad, as the dashboard's `label`).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Slice } from "@/lib/validation/slice";
import { sliceWhere } from "./queries";
import { battleCounts } from "./battle-counts";

/** One shared key (≥ 1 human and ≥ 1 judge vote) with both sides' class counts. */
export interface DisagreementKeyRow {
  promptId: number;
  systemAId: number;
  systemBId: number;
  turn: number;
  /** The lowest battle id on the key with a human or judge vote in the slice. */
  battleId: number;
  h0: number;
  h1: number;
  h2: number;
  j0: number;
  j1: number;
  j2: number;
}

/**
 * The `limit` shared keys where judge and humans disagree most: gap = |s_h − s_j|, s = (A + ½·tie) / n per side
 * (system A's mean score), ordered by gap desc, then the key's human votes desc, then battle id. The scores are
 * computed in float8 with the same operations as the dashboard's JS (`(a + 0.5 * t) / n`), so the order is the one
 * a full in-memory sort of every key gives.
 */
export async function topDisagreements(db: PrismaClient, slice: Slice, judgeId: number, limit: number): Promise<DisagreementKeyRow[]> {
  const src = battleCounts(slice, { humans: true, judges: judgeId });
  return db.$queryRaw<DisagreementKeyRow[]>`
    WITH pk AS (
      SELECT c."promptId", c."systemAId", c."systemBId", c."turn", min(c."battleId")::int AS "battleId",
             COALESCE(sum(c."lA" + c."rA") FILTER (WHERE c."voterKind" = 'human'), 0)::int AS h0,
             COALESCE(sum(c."lB" + c."rB") FILTER (WHERE c."voterKind" = 'human'), 0)::int AS h1,
             COALESCE(sum(c."lT" + c."lX" + c."rT" + c."rX") FILTER (WHERE c."voterKind" = 'human'), 0)::int AS h2,
             COALESCE(sum(c."lA" + c."rA") FILTER (WHERE c."voterKind" = 'judge'), 0)::int AS j0,
             COALESCE(sum(c."lB" + c."rB") FILTER (WHERE c."voterKind" = 'judge'), 0)::int AS j1,
             COALESCE(sum(c."lT" + c."lX" + c."rT" + c."rX") FILTER (WHERE c."voterKind" = 'judge'), 0)::int AS j2
      FROM ${src} c
      GROUP BY 1, 2, 3, 4
    )
    SELECT "promptId", "systemAId", "systemBId", "turn", "battleId", h0, h1, h2, j0, j1, j2
    FROM pk
    WHERE h0 + h1 + h2 > 0 AND j0 + j1 + j2 > 0
    ORDER BY abs((h0::float8 + 0.5::float8 * h2::float8) / (h0 + h1 + h2)::float8
               - (j0::float8 + 0.5::float8 * j2::float8) / (j0 + j1 + j2)::float8) DESC,
             h0 + h1 + h2 DESC, "battleId" ASC
    LIMIT ${limit}`;
}

/**
 * Per annotator, the alt-test's win indicators summed over the items (keys with ≥ `minVoters` distinct human voters
 * that the judge voted on; a voter's latest vote on a key counts). `voterId` null: a marker row whose `n` is the
 * number of items.
 *
 * With exact-match similarity, on an item with k humans, class counts c_L and judge label J (the strict plurality of
 * the judge's votes on the key, else tie), annotator j with label x has S_f = (c_J − [x = J])/(k − 1) and
 * S_j = (c_x − 1)/(k − 1): W^f = 1[S_f ≥ S_j] ⇔ c_J − [x = J] ≥ c_x − 1 (same positive denominator; the integers
 * are small, so float division keeps their order). `both` = W^f = W^h = 1 (d = 0), `humanOnly` d = +1,
 * `judgeOnly` d = −1 (d = W^h − W^f).
 */
export interface AltAnnotatorCountRow {
  voterId: number | null;
  n: number;
  both: number;
  humanOnly: number;
  judgeOnly: number;
}

export async function altTestCounts(db: PrismaClient, slice: Slice, judgeId: number, minVoters: number): Promise<AltAnnotatorCountRow[]> {
  return db.$queryRaw<AltAnnotatorCountRow[]>`
    WITH hv AS (
      SELECT DISTINCT ON (b."promptId", b."systemAId", b."systemBId", b."turn", v."voterId")
             b."promptId", b."systemAId", b."systemBId", b."turn", v."voterId",
             (CASE WHEN v."outcome" IN ('A', 'B') THEN v."outcome"::text ELSE 'tie' END) AS lab
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
      WHERE v."voterKind" = 'human' AND v."voterId" IS NOT NULL ${sliceWhere(slice)}
      ORDER BY b."promptId", b."systemAId", b."systemBId", b."turn", v."voterId", v."createdAt" DESC, v."id" DESC
    ), it AS (
      SELECT "promptId", "systemAId", "systemBId", "turn",
             count(*) FILTER (WHERE lab = 'A') AS ca, count(*) FILTER (WHERE lab = 'B') AS cb, count(*) FILTER (WHERE lab = 'tie') AS ct
      FROM hv GROUP BY 1, 2, 3, 4 HAVING count(*) >= ${minVoters}
    ), jk AS (
      SELECT b."promptId", b."systemAId", b."systemBId", b."turn",
             count(*) FILTER (WHERE v."outcome" = 'A') AS j0, count(*) FILTER (WHERE v."outcome" = 'B') AS j1,
             count(*) FILTER (WHERE v."outcome" IN ('tie', 'bothbad')) AS j2
      FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "Voter" vo ON vo."id" = v."voterId"
      WHERE v."judgeId" = ${judgeId} ${sliceWhere(slice)}
      GROUP BY 1, 2, 3, 4
    ), items AS MATERIALIZED (
      SELECT it.*, (CASE WHEN j0 > j1 AND j0 > j2 THEN 'A' WHEN j1 > j0 AND j1 > j2 THEN 'B' ELSE 'tie' END) AS jl
      FROM it JOIN jk USING ("promptId", "systemAId", "systemBId", "turn")
    ), w AS (
      SELECT hv."voterId",
             (CASE i.jl WHEN 'A' THEN i.ca WHEN 'B' THEN i.cb ELSE i.ct END) - (CASE WHEN hv.lab = i.jl THEN 1 ELSE 0 END) AS af,
             (CASE hv.lab WHEN 'A' THEN i.ca WHEN 'B' THEN i.cb ELSE i.ct END) - 1 AS ah
      FROM hv JOIN items i USING ("promptId", "systemAId", "systemBId", "turn")
    )
    SELECT "voterId", count(*)::int AS n, (count(*) FILTER (WHERE af = ah))::int AS both,
           (count(*) FILTER (WHERE ah > af))::int AS "humanOnly", (count(*) FILTER (WHERE af > ah))::int AS "judgeOnly"
    FROM w GROUP BY 1
    UNION ALL
    SELECT NULL, (SELECT count(*) FROM items)::int, 0, 0, 0`;
}
