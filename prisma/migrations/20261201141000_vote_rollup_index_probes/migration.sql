-- Hand-written: the statement-level Vote triggers look each vote's battle up by primary key, whatever the table sizes
-- were when the session first planned them. PL/pgSQL keeps a trigger statement's plan for the life of the session
-- (a generic plan: the statement has no parameters), so an import session that started on a nearly empty "Battle"
-- kept a hash join that read and hashed the whole "Battle" table (1M rows: spilled to disk) on every batch — the
-- cost per vote grew with the table. `JOIN LATERAL (… WHERE b."id" = v."battleId" OFFSET 0)` cannot be flattened
-- into a join, so it is always one "Battle_pkey" probe per transition-table row: O(batch · log table).
-- Same rows, same aggregation, same upsert order as before.

CREATE OR REPLACE FUNCTION concord_vote_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "VoteRollup" ("voterKind","judgeId","judgeRunId","promptSetId","category","language","counted","systemAId","systemBId","outcome","strength","count")
  SELECT v."voterKind", COALESCE(v."judgeId", 0), COALESCE(v."judgeRunId", 0), b."promptSetId", b."category", b."language", b."counted",
         b."systemAId", b."systemBId", v."outcome", v."strength", count(*)::int
  FROM new_votes v
  JOIN LATERAL (SELECT x."promptSetId", x."category", x."language", x."counted", x."systemAId", x."systemBId"
                FROM "Battle" x WHERE x."id" = v."battleId" OFFSET 0) b ON true
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
