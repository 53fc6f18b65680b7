-- Hand-written: the vote triggers of `battle_vote_counts` (one pass over the transition table into BattleVoteCount,
-- VoteRollup and RankingWatermark) with the battle lookups of `vote_rollup_index_probes`, which `battle_vote_counts`
-- (written at the same time) had replaced with joins again.
-- PL/pgSQL keeps a trigger statement's plan for the life of the session (a generic plan: no parameters), chosen
-- from the table sizes of its first run. A join with "Battle" planned while it was small stays a hash join that reads
-- the whole table on every later statement (an import: every batch). So every battle lookup is a probe the planner
-- cannot turn into a join: `JOIN LATERAL (… WHERE x."id" = a."battleId" OFFSET 0)`, and `EXISTS (… OFFSET 0)`
-- (a sub-plan run per row) where deletes must skip votes whose battle is already gone. Inserts need no such check:
-- the foreign key guarantees the battle. Same rows and sums as before.

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
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a
    JOIN LATERAL (SELECT x."promptSetId", x."category", x."language", x."counted", x."systemAId", x."systemBId"
                  FROM "Battle" x WHERE x."id" = a."battleId" OFFSET 0) b ON true
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
    WHERE EXISTS (SELECT 1 FROM "Battle" b WHERE b."id" = a."battleId" OFFSET 0)
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a
    JOIN LATERAL (SELECT x."promptSetId", x."category", x."language", x."counted", x."systemAId", x."systemBId"
                  FROM "Battle" x WHERE x."id" = a."battleId" OFFSET 0) b ON true
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
    WHERE EXISTS (SELECT 1 FROM "Battle" b WHERE b."id" = a."battleId" OFFSET 0)
    GROUP BY 1, 2, 3, 4
    HAVING bool_or(a.c <> 0)
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("battleId","voterKind","judgeId","judgeRunId") DO UPDATE SET "lA" = t."lA" + EXCLUDED."lA", "lB" = t."lB" + EXCLUDED."lB", "lT" = t."lT" + EXCLUDED."lT", "lX" = t."lX" + EXCLUDED."lX", "rA" = t."rA" + EXCLUDED."rA", "rB" = t."rB" + EXCLUDED."rB", "rT" = t."rT" + EXCLUDED."rT", "rX" = t."rX" + EXCLUDED."rX", "lW" = t."lW" + EXCLUDED."lW", "rW" = t."rW" + EXCLUDED."rW", "n" = t."n" + EXCLUDED."n"
  ), cells AS (
    INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
    SELECT a."voterKind", a."judgeId", a."judgeRunId", b."promptSetId", b."category", b."language", b."counted",
           b."systemAId", b."systemBId", a."outcome", a."strength", sum(a.c)::int
    FROM agg a
    JOIN LATERAL (SELECT x."promptSetId", x."category", x."language", x."counted", x."systemAId", x."systemBId"
                  FROM "Battle" x WHERE x."id" = a."battleId" OFFSET 0) b ON true
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
