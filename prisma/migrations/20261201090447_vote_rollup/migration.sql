-- CreateTable
CREATE TABLE "VoteRollup" (
    "voterKind" "VoterKind" NOT NULL,
    "judgeId" INTEGER NOT NULL DEFAULT 0,
    "judgeRunId" INTEGER NOT NULL DEFAULT 0,
    "promptSetId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL,
    "systemAId" INTEGER NOT NULL,
    "systemBId" INTEGER NOT NULL,
    "outcome" "Outcome" NOT NULL,
    "strength" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "VoteRollup_pkey" PRIMARY KEY ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
);

-- CreateTable
CREATE TABLE "RankingWatermark" (
    "key" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,
    "votes" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingWatermark_pkey" PRIMARY KEY ("key")
);

-- ---- Rollup maintenance (hand-written) ----
-- Statement-level AFTER triggers with transition tables: one aggregate INSERT … ON CONFLICT per statement, so a
-- bulk import of N votes costs one GROUP BY over N rows instead of N row triggers. Rows are upserted in key order
-- (no deadlocks between concurrent statements); zero-count rows are removed after deletes. Votes whose battle is
-- already gone (cascade from a deleted battle) are skipped by the join: the battle's BEFORE DELETE trigger has
-- subtracted them.

CREATE FUNCTION concord_vote_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", count(*)::int
  FROM new_votes v JOIN "Battle" b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN v."voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE(v."judgeId", 0) END, 1, count(*), now()
  FROM new_votes v GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  RETURN NULL;
END $$;

CREATE FUNCTION concord_vote_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", -count(*)::int
  FROM old_votes v JOIN "Battle" b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN v."voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE(v."judgeId", 0) END, 1, -count(*), now()
  FROM old_votes v GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  RETURN NULL;
END $$;

CREATE FUNCTION concord_vote_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", -count(*)::int
  FROM old_votes v JOIN "Battle" b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", count(*)::int
  FROM new_votes v JOIN "Battle" b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN v."voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE(v."judgeId", 0) END, 1, -count(*), now()
  FROM old_votes v GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN v."voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE(v."judgeId", 0) END, 1, count(*), now()
  FROM new_votes v GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  RETURN NULL;
END $$;

CREATE TRIGGER concord_vote_rollup_insert AFTER INSERT ON "Vote"
  REFERENCING NEW TABLE AS new_votes FOR EACH STATEMENT EXECUTE FUNCTION concord_vote_inserted();
CREATE TRIGGER concord_vote_rollup_delete AFTER DELETE ON "Vote"
  REFERENCING OLD TABLE AS old_votes FOR EACH STATEMENT EXECUTE FUNCTION concord_vote_deleted();
CREATE TRIGGER concord_vote_rollup_update AFTER UPDATE ON "Vote"
  REFERENCING OLD TABLE AS old_votes NEW TABLE AS new_votes FOR EACH STATEMENT EXECUTE FUNCTION concord_vote_updated();

-- A battle that is deleted takes its votes out of the rollup first (row level: battle deletes are rare).
CREATE FUNCTION concord_battle_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN OLD;
END $$;
CREATE TRIGGER concord_battle_rollup_delete BEFORE DELETE ON "Battle" FOR EACH ROW EXECUTE FUNCTION concord_battle_deleting();

-- A battle whose slice columns or `counted` flag change moves its votes between rollup cells.
CREATE FUNCTION concord_battle_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM old_battles o JOIN new_battles n ON n."id" = o."id"
    WHERE (o."promptSetId", o."category", o."language", o."counted", o."systemAId", o."systemBId")
      IS DISTINCT FROM (n."promptSetId", n."category", n."language", n."counted", n."systemAId", n."systemBId")
  ) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", -count(*)::int
  FROM "Vote" v JOIN old_battles b ON b."id" = v."battleId" JOIN new_battles nb ON nb."id" = b."id" AND (b."promptSetId", b."category", b."language", b."counted", b."systemAId", b."systemBId") IS DISTINCT FROM (nb."promptSetId", nb."category", nb."language", nb."counted", nb."systemAId", nb."systemBId")
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", count(*)::int
  FROM "Vote" v JOIN new_battles b ON b."id" = v."battleId" JOIN old_battles ob ON ob."id" = b."id" AND (b."promptSetId", b."category", b."language", b."counted", b."systemAId", b."systemBId") IS DISTINCT FROM (ob."promptSetId", ob."category", ob."language", ob."counted", ob."systemAId", ob."systemBId")
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  DELETE FROM "VoteRollup" WHERE "count" <= 0;
  INSERT INTO "RankingWatermark" ("key", "version", "updatedAt") VALUES ('battles', 1, now())
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1, "updatedAt" = now();
  RETURN NULL;
END $$;
CREATE TRIGGER concord_battle_rollup_update AFTER UPDATE ON "Battle"
  REFERENCING OLD TABLE AS old_battles NEW TABLE AS new_battles FOR EACH STATEMENT EXECUTE FUNCTION concord_battle_updated();

-- Flag / exclude changes invalidate cached leaderboards that exclude flagged voters.
CREATE FUNCTION concord_voter_flags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_voters o JOIN new_voters n ON n."id" = o."id"
             WHERE (o."flagged", o."excluded") IS DISTINCT FROM (n."flagged", n."excluded")) THEN
  INSERT INTO "RankingWatermark" ("key", "version", "updatedAt") VALUES ('voters', 1, now())
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1, "updatedAt" = now();
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER concord_voter_flags_update AFTER UPDATE ON "Voter"
  REFERENCING OLD TABLE AS old_voters NEW TABLE AS new_voters FOR EACH STATEMENT EXECUTE FUNCTION concord_voter_flags_changed();

-- Backfill from the votes already stored.
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", count(*)::int
  FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ON CONFLICT ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength")
  DO UPDATE SET "count" = "VoteRollup"."count" + EXCLUDED."count";
  INSERT INTO "RankingWatermark" ("key", "version", "votes", "updatedAt")
  SELECT CASE WHEN v."voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE(v."judgeId", 0) END, 1, count(*), now()
  FROM "Vote" v GROUP BY 1 ORDER BY 1
  ON CONFLICT ("key") DO UPDATE SET "version" = "RankingWatermark"."version" + 1,
    "votes" = "RankingWatermark"."votes" + EXCLUDED."votes", "updatedAt" = now();
