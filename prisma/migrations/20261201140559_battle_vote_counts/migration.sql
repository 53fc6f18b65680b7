-- CreateTable
CREATE TABLE "BattleVoteCount" (
    "battleId" INTEGER NOT NULL,
    "voterKind" "VoterKind" NOT NULL,
    "judgeId" INTEGER NOT NULL DEFAULT 0,
    "judgeRunId" INTEGER NOT NULL DEFAULT 0,
    "lA" INTEGER NOT NULL DEFAULT 0,
    "lB" INTEGER NOT NULL DEFAULT 0,
    "lT" INTEGER NOT NULL DEFAULT 0,
    "lX" INTEGER NOT NULL DEFAULT 0,
    "rA" INTEGER NOT NULL DEFAULT 0,
    "rB" INTEGER NOT NULL DEFAULT 0,
    "rT" INTEGER NOT NULL DEFAULT 0,
    "rX" INTEGER NOT NULL DEFAULT 0,
    "lW" INTEGER NOT NULL DEFAULT 0,
    "rW" INTEGER NOT NULL DEFAULT 0,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BattleVoteCount_pkey" PRIMARY KEY ("battleId","voterKind","judgeId","judgeRunId")
);

-- ---- Per-battle vote counts (hand-written) ----
-- The dashboard's per-key figures (MT-Bench agreement profiles, disagreements, bias counts, judges' games) need
-- counts per battle, not per slice cell. The vote triggers now keep both rollups (and the watermark) from ONE
-- aggregate of the statement's transition table: `agg` groups the changed votes by (battle, voter group, shown side,
-- outcome, strength), and three data-modifying CTEs fold it into BattleVoteCount, VoteRollup and RankingWatermark.
-- The VoteRollup join with Battle now reads the aggregate (fewer rows than the votes of a bulk import). Updates fold
-- old (−1) and new (+1) rows into the same aggregate, so an edited vote moves between cells in one upsert. Zero rows are
-- removed after deletes and updates (for the touched battle rows only). Votes whose battle is already gone (cascade
-- from a deleted battle) are skipped: the battle's BEFORE DELETE trigger removed its rows.

CREATE OR REPLACE FUNCTION concord_vote_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS MATERIALIZED (
    SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0) AS "judgeId", COALESCE(v."judgeRunId", 0) AS "judgeRunId",
           v."shownLeft", v."outcome", v."strength", sum(v.sign)::int AS c
    FROM (SELECT "battleId", "voterKind", "judgeId", "judgeRunId", "shownLeft", "outcome", "strength", 1 AS sign FROM new_votes) v
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), per_battle AS (
    INSERT INTO "BattleVoteCount" AS t ("battleId","voterKind","judgeId","judgeRunId","lA","lB","lT","lX","rA","rB","rT","rX","lW","rW","n")
    SELECT a."battleId", a."voterKind", a."judgeId", a."judgeRunId",
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(a.c)::int
    FROM agg a
    WHERE EXISTS (SELECT 1 FROM "Battle" b WHERE b."id" = a."battleId")
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a JOIN "Battle" b ON b."id" = a."battleId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(a.c) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
    DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count"
  )
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN a."voterKind" = 'human' THEN 'human' ELSE 'judge:' || a."judgeId" END, 1, sum(a.c), now()
  FROM agg a GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION concord_vote_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS MATERIALIZED (
    SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0) AS "judgeId", COALESCE(v."judgeRunId", 0) AS "judgeRunId",
           v."shownLeft", v."outcome", v."strength", sum(v.sign)::int AS c
    FROM (SELECT "battleId", "voterKind", "judgeId", "judgeRunId", "shownLeft", "outcome", "strength", -1 AS sign FROM old_votes) v
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), per_battle AS (
    INSERT INTO "BattleVoteCount" AS t ("battleId","voterKind","judgeId","judgeRunId","lA","lB","lT","lX","rA","rB","rT","rX","lW","rW","n")
    SELECT a."battleId", a."voterKind", a."judgeId", a."judgeRunId",
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(a.c)::int
    FROM agg a
    WHERE EXISTS (SELECT 1 FROM "Battle" b WHERE b."id" = a."battleId")
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a JOIN "Battle" b ON b."id" = a."battleId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(a.c) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
    DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count"
  )
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN a."voterKind" = 'human' THEN 'human' ELSE 'judge:' || a."judgeId" END, 1, sum(a.c), now()
  FROM agg a GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  DELETE FROM "BattleVoteCount" c
  WHERE c."n" <= 0 AND (c."battleId",c."voterKind",c."judgeId",c."judgeRunId") IN (
    SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0) FROM old_votes v);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION concord_vote_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH agg AS MATERIALIZED (
    SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0) AS "judgeId", COALESCE(v."judgeRunId", 0) AS "judgeRunId",
           v."shownLeft", v."outcome", v."strength", sum(v.sign)::int AS c
    FROM (SELECT "battleId", "voterKind", "judgeId", "judgeRunId", "shownLeft", "outcome", "strength", -1 AS sign FROM old_votes UNION ALL SELECT "battleId", "voterKind", "judgeId", "judgeRunId", "shownLeft", "outcome", "strength", 1 FROM new_votes) v
    GROUP BY 1, 2, 3, 4, 5, 6, 7
  ), per_battle AS (
    INSERT INTO "BattleVoteCount" AS t ("battleId","voterKind","judgeId","judgeRunId","lA","lB","lT","lX","rA","rB","rT","rX","lW","rW","n")
    SELECT a."battleId", a."voterKind", a."judgeId", a."judgeRunId",
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(a.c)::int
    FROM agg a
    WHERE EXISTS (SELECT 1 FROM "Battle" b WHERE b."id" = a."battleId")
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a JOIN "Battle" b ON b."id" = a."battleId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(a.c) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
    DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count"
  )
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN a."voterKind" = 'human' THEN 'human' ELSE 'judge:' || a."judgeId" END, 1, sum(a.c), now()
  FROM agg a GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  DELETE FROM "BattleVoteCount" c
  WHERE c."n" <= 0 AND (c."battleId",c."voterKind",c."judgeId",c."judgeRunId") IN (
    SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0) FROM old_votes v);
  RETURN NULL;
END $$;

-- A deleted battle takes its per-battle rows with it (and, as before, its votes out of VoteRollup).
CREATE OR REPLACE FUNCTION concord_battle_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the cascaded Vote delete trigger then skips these votes (battle gone) but still updates the watermark
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", -count(*)::int
  FROM (SELECT * FROM "Vote" WHERE "battleId" = OLD."id") v JOIN (SELECT OLD."id", OLD."promptSetId", OLD."category", OLD."language", OLD."counted", OLD."systemAId", OLD."systemBId") b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  DELETE FROM "BattleVoteCount" WHERE "battleId" = OLD."id";
  RETURN OLD;
END $$;

-- Backfill from the votes already stored.
INSERT INTO "BattleVoteCount" ("battleId","voterKind","judgeId","judgeRunId","lA","lB","lT","lX","rA","rB","rT","rX","lW","rW","n")
SELECT a."battleId", a."voterKind", a."judgeId", a."judgeRunId",
       sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'A' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'B' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'tie' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' AND a."outcome" = 'bothbad' THEN a.c ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'A' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(CASE WHEN a."shownLeft" = 'B' THEN a.c * (CASE WHEN a."outcome" IN ('A', 'B') THEN a."strength" ELSE 1 END) ELSE 0 END)::int,
           sum(a.c)::int
FROM (
  SELECT v."battleId", v."voterKind", COALESCE(v."judgeId", 0) AS "judgeId", COALESCE(v."judgeRunId", 0) AS "judgeRunId",
         v."shownLeft", v."outcome", v."strength", count(*)::int AS c
  FROM "Vote" v GROUP BY 1, 2, 3, 4, 5, 6, 7
) a
GROUP BY 1, 2, 3, 4;
