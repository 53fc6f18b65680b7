/**
 * The trigger-maintained rollups (BattleVoteCount per battle and voter group, VoteRollup per slice cell, the
 * watermark's net vote counts) equal a recomputation from scratch after every kind of change votes go through:
 * bulk and single inserts (arena votes, imports and re-imports), vote edits (outcome, shown side, strength, moved to
 * another battle, a no-op update), deletes, judge re-runs and a deleted run or judge (cascade), a deleted battle and a
 * deleted prompt (cascade), a battle whose `counted` flag flips. After each, the dashboard's queries read from the
 * rollup (no date range) equal the same queries aggregated from the votes (a date range from 1900 holds every vote: imports keep their own timestamps), with
 * and without flagged voters — a flag or exclusion change touches no rollup row, the read subtracts their votes. The
 * health endpoint's vote count (read from the watermark's counters) equals count(*) throughout.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { importFiles } from "@/lib/importers";
import { judgeGameCounts, lengthOutcomeCounts, positionCounts, snapshotCounts } from "@/lib/judges/dashboard/queries";
import { topDisagreements } from "@/lib/judges/dashboard/queries-detail";
import { sliceSchema } from "@/lib/validation/slice";
import { countRows } from "@/lib/health/queries";

let t: TestDb;
const rand = createRng(11).next;
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const OUTCOMES = ["A", "B", "tie", "bothbad"] as const;
const ids = { battles: [] as number[], voters: [] as number[], judges: [] as number[], runs: [] as number[], prompts: [] as number[] };

const recomputed = `
  SELECT v."battleId", v."voterKind"::text AS kind, COALESCE(v."judgeId", 0) AS j, COALESCE(v."judgeRunId", 0) AS r,
    count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'A')::int AS "lA", count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'B')::int AS "lB",
    count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'tie')::int AS "lT", count(*) FILTER (WHERE v."shownLeft" = 'A' AND v."outcome" = 'bothbad')::int AS "lX",
    count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'A')::int AS "rA", count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'B')::int AS "rB",
    count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'tie')::int AS "rT", count(*) FILTER (WHERE v."shownLeft" = 'B' AND v."outcome" = 'bothbad')::int AS "rX",
    COALESCE(sum(CASE WHEN v."outcome" IN ('A', 'B') THEN v."strength" ELSE 1 END) FILTER (WHERE v."shownLeft" = 'A'), 0)::int AS "lW",
    COALESCE(sum(CASE WHEN v."outcome" IN ('A', 'B') THEN v."strength" ELSE 1 END) FILTER (WHERE v."shownLeft" = 'B'), 0)::int AS "rW",
    count(*)::int AS n
  FROM "Vote" v GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
const stored = `
  SELECT "battleId", "voterKind"::text AS kind, "judgeId" AS j, "judgeRunId" AS r, "lA", "lB", "lT", "lX", "rA", "rB", "rT", "rX", "lW", "rW", n
  FROM "BattleVoteCount" ORDER BY 1, 2, 3, 4`;
const cellsRecomputed = `
  SELECT v."voterKind"::text AS kind, COALESCE(v."judgeId", 0) AS j, COALESCE(v."judgeRunId", 0) AS r, b."promptSetId", b."category", b."language",
         b."counted", b."systemAId", b."systemBId", v."outcome"::text AS o, v."strength", count(*)::int AS c
  FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
const cellsStored = `
  SELECT "voterKind"::text AS kind, "judgeId" AS j, "judgeRunId" AS r, "promptSetId", "category", "language", "counted", "systemAId", "systemBId",
         "outcome"::text AS o, "strength", "count" AS c
  FROM "VoteRollup" ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
const watermarkRecomputed = `
  SELECT k AS key, sum(n)::int AS votes FROM (
    SELECT CASE WHEN "voterKind" = 'human' THEN 'human' ELSE 'judge:' || COALESCE("judgeId", 0) END AS k, 1 AS n FROM "Vote"
  ) x GROUP BY 1 ORDER BY 1`;
const watermarkStored = `SELECT "key", "votes"::int AS votes FROM "RankingWatermark" WHERE "key" = 'human' OR "key" LIKE 'judge:%' ORDER BY 1`;

async function expectConsistent(step: string): Promise<void> {
  const q = async (s: string) => (await t.sql.query(s)).rows;
  expect(await q(stored), `${step}: BattleVoteCount`).toEqual(await q(recomputed));
  expect(await q(cellsStored), `${step}: VoteRollup`).toEqual(await q(cellsRecomputed));
  const want = new Map((await q(watermarkRecomputed)).map((r) => [r.key, r.votes]));
  const marks = await q(watermarkStored);
  for (const w of marks) expect(w.votes, `${step}: watermark ${w.key}`).toBe(want.get(w.key) ?? 0);
  expect(marks.filter((w) => want.has(w.key))).toHaveLength(want.size);
  // /api/health's vote count is read from these counters.
  expect((await countRows(t.db)).counts.votes, `${step}: health vote count`).toBe(await t.db.vote.count());
  // Reads from the rollup equal the same reads aggregated from the votes (a date range from 1900 holds every vote: imports keep their own timestamps).
  const sort = <T,>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  for (const flags of [{}, { excludeFlagged: "1" }, { category: "coding" }]) {
    const rollup = sliceSchema.parse(flags);
    const direct = sliceSchema.parse({ ...flags, from: "1900-01-01" });
    const [a, b] = [await snapshotCounts(t.db, rollup), await snapshotCounts(t.db, direct)];
    expect(sort(a.profiles), `${step} ${JSON.stringify(flags)}: profiles`).toEqual(sort(b.profiles));
    expect(sort(a.longer)).toEqual(sort(b.longer));
    expect(sort(a.crowdPosition)).toEqual(sort(b.crowdPosition));
    expect(sort(await judgeGameCounts(t.db, rollup)), `${step}: games`).toEqual(sort(await judgeGameCounts(t.db, direct)));
    for (const j of [null, ...ids.judges]) {
      expect(sort(await lengthOutcomeCounts(t.db, rollup, j))).toEqual(sort(await lengthOutcomeCounts(t.db, direct, j)));
      expect(sort(await positionCounts(t.db, rollup, j))).toEqual(sort(await positionCounts(t.db, direct, j)));
      if (j !== null) expect(await topDisagreements(t.db, rollup, j, 10)).toEqual(await topDisagreements(t.db, direct, j, 10));
    }
  }
}

async function fixture(): Promise<void> {
  const systems: number[] = [];
  for (let i = 0; i < 5; i++) systems.push((await t.db.system.create({ data: { slug: `bvc${i}`, name: `BVC ${i}` } })).id);
  const set = await t.db.promptSet.create({ data: { slug: "bvc", name: "BVC" } });
  for (let p = 0; p < 10; p++) {
    const category = p % 2 ? "coding" : "math";
    const prompt = await t.db.prompt.create({ data: { promptSetId: set.id, externalId: `p${p}`, turns: ["q"], category } });
    ids.prompts.push(prompt.id);
    const resp = new Map<number, number>();
    for (const s of systems) resp.set(s, (await t.db.response.create({ data: { promptId: prompt.id, systemId: s, turns: ["a"], tokenCount: 40 + Math.floor(rand() * 60) } })).id);
    for (let k = 0; k < 4; k++) {
      const i = Math.floor(rand() * 4);
      const j = i + 1 + Math.floor(rand() * (4 - i));
      const b = await t.db.battle.create({
        data: { key: `bvc:${p}:${k}`, promptId: prompt.id, systemAId: systems[i], systemBId: systems[j], responseAId: resp.get(systems[i])!, responseBId: resp.get(systems[j])!, promptSetId: set.id, category },
      });
      ids.battles.push(b.id);
    }
  }
  for (let h = 0; h < 8; h++) ids.voters.push((await t.db.voter.create({ data: { externalId: `bvc:${h}`, flagged: h === 1 } })).id);
  for (const slug of ["bvc-ja", "bvc-jb"]) {
    const judge = await t.db.judge.create({ data: { slug, name: slug } });
    ids.judges.push(judge.id);
    ids.runs.push((await t.db.judgeRun.create({ data: { judgeId: judge.id, status: "completed", combine: slug === "bvc-jb" ? "arena-hard" : "mtbench" } })).id);
  }
}

const humanVotes = (battles: number[], voters: number[]) =>
  battles.flatMap((battleId) =>
    voters.filter(() => rand() < 0.6).map((voterId) => ({ battleId, voterId, voterKind: "human" as const, outcome: pick(OUTCOMES), shownLeft: pick(["A", "B"] as const) })),
  );
const judgeVotes = (battles: number[], judgeId: number, judgeRunId: number) =>
  battles.flatMap((battleId) =>
    (["A", "B"] as const)
      .filter((side) => side === "A" || rand() < 0.8)
      .map((shownLeft) => ({ battleId, judgeId, judgeRunId, voterKind: "judge" as const, shownLeft, outcome: pick(OUTCOMES), strength: 1 + Math.floor(rand() * 3) })),
  );

beforeAll(async () => {
  t = await createTestDb();
  await fixture();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("BattleVoteCount, VoteRollup and the watermark equal a recomputation after every change", () => {
  it("bulk inserts, single inserts and a mixed multi-row insert", async () => {
    await t.db.vote.createMany({ data: humanVotes(ids.battles, ids.voters) });
    for (const [i, j] of ids.judges.entries()) await t.db.vote.createMany({ data: judgeVotes(ids.battles, j, ids.runs[i]) });
    await expectConsistent("bulk insert");
    const extra = await t.db.voter.create({ data: { externalId: "bvc:single" } });
    ids.voters.push(extra.id);
    await t.db.vote.create({ data: { battleId: ids.battles[0], voterId: extra.id, voterKind: "human", outcome: "A", shownLeft: "B" } });
    await expectConsistent("single insert");
  }, 60_000);

  it("imports and a re-import that adds nothing", async () => {
    const file = path.resolve(__dirname, "fixtures/import/fastchat-jsonl/battles.jsonl");
    await importFiles(t.db, "fastchat-battles", [file], { connectionUrl: t.url, set: "bvc-import" });
    await expectConsistent("import");
    await importFiles(t.db, "fastchat-battles", [file], { connectionUrl: t.url, set: "bvc-import", resume: false });
    await expectConsistent("re-import");
    // INSERT … ON CONFLICT DO NOTHING: the transition table holds only the rows inserted.
    await t.sql.query(
      `INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "voterId", "externalKey")
       SELECT "battleId", 'B'::"Outcome", 'A'::"Side", 'human'::"VoterKind", "voterId", "externalKey" FROM "Vote" WHERE "externalKey" IS NOT NULL
       UNION ALL SELECT $1::int, 'tie'::"Outcome", 'B'::"Side", 'human'::"VoterKind", $2::int, 'bvc:new'
       ON CONFLICT DO NOTHING`,
      [ids.battles[3], ids.voters[0]],
    );
    await expectConsistent("insert on conflict do nothing");
  }, 60_000);

  it("vote edits: outcome, shown side, strength, another battle, a no-op", async () => {
    const some = await t.db.vote.findMany({ where: { battleId: { in: ids.battles.slice(0, 6) } }, orderBy: { id: "asc" } });
    await t.db.vote.update({ where: { id: some[0].id }, data: { outcome: some[0].outcome === "A" ? "B" : "A" } });
    await t.db.vote.updateMany({ where: { id: { in: some.slice(1, 8).map((v) => v.id) } }, data: { shownLeft: "B", outcome: "bothbad" } });
    await t.db.vote.updateMany({ where: { voterKind: "judge", battleId: { in: ids.battles.slice(0, 10) } }, data: { strength: 3 } });
    await expectConsistent("edits");
    const human = some.find((v) => v.voterKind === "human" && v.battleId !== ids.battles[30])!;
    const taken = await t.db.vote.findFirst({ where: { battleId: ids.battles[30], voterId: human.voterId } });
    if (!taken) await t.db.vote.update({ where: { id: human.id }, data: { battleId: ids.battles[30] } });
    await t.db.vote.updateMany({ where: { battleId: ids.battles[5] }, data: { rationale: "unchanged counts" } });
    await expectConsistent("moved vote and no-op update");
  }, 60_000);

  it("judge re-runs, and a deleted run and judge", async () => {
    const rerun = await t.db.judgeRun.create({ data: { judgeId: ids.judges[0], status: "completed", combine: "arena-hard" } });
    await t.db.vote.createMany({ data: judgeVotes(ids.battles.filter(() => rand() < 0.5), ids.judges[0], rerun.id) });
    await expectConsistent("re-run");
    // A re-run that replaces the first run's votes on some battles.
    await t.db.vote.deleteMany({ where: { judgeRunId: ids.runs[0], battleId: { in: ids.battles.slice(0, 8) } } });
    await expectConsistent("replaced votes");
    await t.db.judgeRun.delete({ where: { id: rerun.id } });
    await expectConsistent("deleted run");
    const third = await t.db.judge.create({ data: { slug: "bvc-jc", name: "jc" } });
    const run = await t.db.judgeRun.create({ data: { judgeId: third.id, status: "completed" } });
    await t.db.vote.createMany({ data: judgeVotes(ids.battles, third.id, run.id) });
    await t.db.judge.delete({ where: { id: third.id } });
    await expectConsistent("deleted judge");
  }, 60_000);

  it("deletes of votes, battles and prompts; counted flips; voter flags", async () => {
    await t.db.vote.deleteMany({ where: { voterId: ids.voters[2] } });
    await t.db.vote.delete({ where: { id: (await t.db.vote.findFirstOrThrow({ where: { voterKind: "human" } })).id } });
    await expectConsistent("vote deletes");
    await t.db.battle.delete({ where: { id: ids.battles[1] } });
    await t.db.prompt.delete({ where: { id: ids.prompts[9] } });
    await expectConsistent("battle and prompt deletes");
    await t.db.battle.updateMany({ where: { id: { in: ids.battles.slice(10, 14) } }, data: { counted: false } });
    await t.db.battle.updateMany({ where: { id: ids.battles[12] }, data: { category: "coding" } });
    await expectConsistent("counted and category changes");
    await t.db.voter.updateMany({ where: { id: { in: ids.voters.slice(3, 5) } }, data: { flagged: true } });
    await t.db.voter.update({ where: { id: ids.voters[5] }, data: { excluded: true } });
    await expectConsistent("flagged and excluded voters");
    await t.db.vote.deleteMany({});
    await expectConsistent("every vote deleted");
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM "BattleVoteCount"`)).rows).toEqual([{ n: 0 }]);
  }, 60_000);
});
