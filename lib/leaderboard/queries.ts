/**
 * Leaderboard queries: one query per function. Crowd counts come from the trigger-maintained `VoteRollup`
 * (a GROUP BY over at most #pairs × 4 outcomes × #(set, category, language) rows, never over the votes), minus the
 * few votes of excluded / flagged voters (found through the Vote.voterId index). Date-range slices and judges read
 * the votes directly through the (voterKind, judgeId, createdAt) index.
 *
 * Slice semantics (shared with the judge dashboard): counted battles only; `set` = prompt-set slug; `category`,
 * `language` on the battle; `from`/`to` on Vote.createdAt, `to` inclusive of its whole day. Votes of voters a
 * maintainer excluded never count; `excludeFlagged` also leaves out flagged voters' votes.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Slice } from "@/lib/validation/slice";

type Sql = Prisma.Sql;
const sql = Prisma.sql;
const empty = Prisma.empty;

export type DbOutcome = "A" | "B" | "tie" | "bothbad";
const DAY_MS = 86_400_000;
const ts = (d: Date) => d.toISOString().replace("Z", "");

export interface PairCountRow {
  systemAId: number;
  systemBId: number;
  outcome: DbOutcome;
  n: number;
  /** Σ strength (the arena-hard weight; 1 per human vote). */
  w: number;
}

function joinSql(parts: Sql[]): Sql {
  return parts.reduce((acc, p) => sql`${acc} ${p}`, empty);
}

/** Conditions on `b`-like columns (promptSetId, category, language) of alias `t`. Starts with AND. */
function battleWhere(slice: Slice, t: "b" | "r"): Sql {
  const col = (c: string) => Prisma.raw(`${t}."${c}"`);
  const parts: Sql[] = [sql`AND ${col("counted")}`];
  if (slice.set) parts.push(sql`AND ${col("promptSetId")} = (SELECT ps."id" FROM "PromptSet" ps WHERE ps."slug" = ${slice.set})`);
  if (slice.category) parts.push(sql`AND ${col("category")} = ${slice.category}`);
  if (slice.language) parts.push(sql`AND ${col("language")} = ${slice.language}`);
  return joinSql(parts);
}

function timeWhere(slice: Slice): Sql {
  const parts: Sql[] = [];
  if (slice.from) parts.push(sql`AND v."createdAt" >= ${ts(slice.from)}::timestamp`);
  if (slice.to) parts.push(sql`AND v."createdAt" < ${ts(new Date(slice.to.getTime() + DAY_MS))}::timestamp`);
  return joinSql(parts);
}

/** Voters whose votes leave the slice: excluded always, flagged too when `excludeFlagged`. */
function droppedVoters(slice: Slice): Sql {
  return slice.excludeFlagged
    ? sql`(SELECT vo."id" FROM "Voter" vo WHERE vo."excluded" OR vo."flagged")`
    : sql`(SELECT vo."id" FROM "Voter" vo WHERE vo."excluded")`;
}

/** Human vote counts per canonical pair and outcome from the rollup (no date range). */
export async function rollupHumanCounts(db: PrismaClient, slice: Slice): Promise<PairCountRow[]> {
  return db.$queryRaw<PairCountRow[]>`
    SELECT r."systemAId", r."systemBId", r."outcome"::text AS "outcome", sum(r."count")::int AS n,
           sum(r."count" * r."strength")::int AS w
    FROM "VoteRollup" r
    WHERE r."voterKind" = 'human' AND r."count" > 0 ${battleWhere(slice, "r")}
    GROUP BY 1, 2, 3`;
}

/**
 * Human votes of dropped voters (excluded, and flagged with excludeFlagged), same grouping: subtract them.
 * `= ANY(ARRAY(subquery))` makes the voter ids an init-plan array, so the plan is an index scan on Vote(voterId).
 */
export async function droppedHumanCounts(db: PrismaClient, slice: Slice): Promise<PairCountRow[]> {
  return db.$queryRaw<PairCountRow[]>`
    SELECT b."systemAId", b."systemBId", v."outcome"::text AS "outcome", count(*)::int AS n, sum(v."strength")::int AS w
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    WHERE v."voterId" = ANY(ARRAY${droppedVoters(slice)}) AND v."voterKind" = 'human' ${battleWhere(slice, "b")} ${timeWhere(slice)}
    GROUP BY 1, 2, 3`;
}

/** Human vote counts aggregated from the votes themselves (date-range slices, and the rollup consistency check). */
export async function directHumanCounts(db: PrismaClient, slice: Slice): Promise<PairCountRow[]> {
  return db.$queryRaw<PairCountRow[]>`
    SELECT b."systemAId", b."systemBId", v."outcome"::text AS "outcome", count(*)::int AS n, sum(v."strength")::int AS w
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    WHERE v."voterKind" = 'human' AND (v."voterId" IS NULL OR v."voterId" NOT IN ${droppedVoters(slice)})
      ${battleWhere(slice, "b")} ${timeWhere(slice)}
    GROUP BY 1, 2, 3`;
}

export interface JudgeVoteRow {
  battleId: number;
  systemAId: number;
  systemBId: number;
  shownLeft: "A" | "B";
  outcome: DbOutcome;
  strength: number;
  /** 0 for votes without a run (imports). */
  runId: number;
  /** The run's combine setting (null without a run). */
  combine: string | null;
  createdAt: Date;
}

/** One judge's votes in the slice (both shown orders), for combining per battle. */
export async function judgeVotes(db: PrismaClient, judgeId: number, slice: Slice): Promise<JudgeVoteRow[]> {
  return db.$queryRaw<JudgeVoteRow[]>`
    SELECT v."battleId", b."systemAId", b."systemBId", v."shownLeft"::text AS "shownLeft", v."outcome"::text AS "outcome",
           v."strength", COALESCE(v."judgeRunId", 0) AS "runId", jr."combine", v."createdAt"
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" LEFT JOIN "JudgeRun" jr ON jr."id" = v."judgeRunId"
    WHERE v."voterKind" = 'judge' AND v."judgeId" = ${judgeId} ${battleWhere(slice, "b")} ${timeWhere(slice)}
    ORDER BY v."battleId", v."createdAt", v."id"`;
}

export interface HumanVoteRow {
  battleId: number;
  systemAId: number;
  systemBId: number;
  outcome: DbOutcome;
  responseAId: number | null;
  responseBId: number | null;
  createdAt: Date;
}

/** Every human vote in the slice in time order (online Elo, style control, rating history). */
export async function humanVoteSequence(db: PrismaClient, slice: Slice): Promise<HumanVoteRow[]> {
  return db.$queryRaw<HumanVoteRow[]>`
    SELECT v."battleId", b."systemAId", b."systemBId", v."outcome"::text AS "outcome", b."responseAId", b."responseBId",
           v."createdAt"
    FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId"
    WHERE v."voterKind" = 'human' AND (v."voterId" IS NULL OR v."voterId" NOT IN ${droppedVoters(slice)})
      ${battleWhere(slice, "b")} ${timeWhere(slice)}
    ORDER BY v."createdAt", v."id"`;
}

/** Response ids → answer turns (JSON array of strings), for style features. */
export async function responseTurns(db: PrismaClient, ids: number[]): Promise<{ id: number; turns: unknown }[]> {
  if (!ids.length) return [];
  return db.response.findMany({ where: { id: { in: ids } }, select: { id: true, turns: true } });
}

/** Battle ids → their response ids (judge style control). */
export async function battleResponses(db: PrismaClient, ids: number[]): Promise<{ id: number; responseAId: number | null; responseBId: number | null }[]> {
  if (!ids.length) return [];
  return db.battle.findMany({ where: { id: { in: ids } }, select: { id: true, responseAId: true, responseBId: true } });
}

export interface WatermarkRow {
  key: string;
  version: bigint;
  votes: bigint;
  updatedAt: Date;
}

/** Change counters (PK lookups on RankingWatermark). */
export async function watermarks(db: PrismaClient, keys: string[]): Promise<WatermarkRow[]> {
  return db.rankingWatermark.findMany({ where: { key: { in: keys } } });
}

export interface SystemInfo {
  id: number;
  slug: string;
  name: string;
  organization: string;
  isDemo: boolean;
}

export async function listSystems(db: PrismaClient): Promise<SystemInfo[]> {
  return db.system.findMany({ select: { id: true, slug: true, name: true, organization: true, isDemo: true }, orderBy: { slug: "asc" } });
}

export interface JudgeInfo {
  id: number;
  slug: string;
  name: string;
  kind: string;
  isDemo: boolean;
}

export async function judgeBySlug(db: PrismaClient, slug: string): Promise<JudgeInfo | null> {
  return db.judge.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, kind: true, isDemo: true } });
}

export async function listJudges(db: PrismaClient): Promise<JudgeInfo[]> {
  return db.judge.findMany({ select: { id: true, slug: true, name: true, kind: true, isDemo: true }, orderBy: { slug: "asc" } });
}

export async function listPromptSets(db: PrismaClient): Promise<{ slug: string; name: string; isDemo: boolean }[]> {
  return db.promptSet.findMany({ select: { slug: true, name: true, isDemo: true }, orderBy: { slug: "asc" } });
}

/** Distinct categories and languages of prompts (the Prompt (promptSetId, category) index; prompts ≪ votes). */
export async function promptFacets(db: PrismaClient): Promise<{ category: string; language: string }[]> {
  return db.$queryRaw<{ category: string; language: string }[]>`
    SELECT DISTINCT p."category", p."language" FROM "Prompt" p ORDER BY 1, 2`;
}
