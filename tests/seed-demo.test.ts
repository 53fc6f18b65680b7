/** The demo seed stores exactly what lib/demo simulates, in canonical terms, and seeding twice adds nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { seedDemo, seedDemoIfEmpty } from "@/lib/seed/demo";
import { DEMO_SEED, simulateDemoVotes, demoSystems, demoPrompts } from "@/lib/demo";
import { BASELINE_JUDGES, BASELINE_RUN_LABEL } from "@/lib/judges/runs/baseline-seed";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  expect(await seedDemoIfEmpty(t.db)).toBe(true);
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("demo seed", () => {
  const sim = simulateDemoVotes(DEMO_SEED);

  it("stores every system, prompt, battle and vote of the simulation", async () => {
    expect(await t.db.system.count({ where: { isDemo: true } })).toBe(demoSystems.length);
    expect(await t.db.prompt.count()).toBe(demoPrompts.length);
    expect(await t.db.battle.count()).toBe(sim.battles.length);
    expect(await t.db.vote.count({ where: { voterKind: "human" } })).toBe(sim.crowdVotes.length);
    const baselineSlugs = BASELINE_JUDGES.map((j) => j.slug);
    expect(await t.db.vote.count({ where: { voterKind: "judge", judge: { slug: { notIn: baselineSlugs } } } })).toBe(sim.judgeVotes.length);
    expect(await t.db.response.count()).toBe(demoSystems.length * demoPrompts.length);
  });

  it("adds the two baseline judges, each with one completed run over the demo set in both orders", async () => {
    const runs = await t.db.judgeRun.findMany({ where: { label: BASELINE_RUN_LABEL }, include: { judge: true } });
    expect(runs.map((r) => [r.judge.slug, r.judge.kind, r.judge.rule, r.status]).sort()).toEqual(
      BASELINE_JUDGES.map((j) => [j.slug, "baseline", j.rule, "completed"]).sort(),
    );
    for (const r of runs) {
      expect(r.totalTasks).toBe(sim.battles.length * 2);
      expect(r.doneTasks + r.failedTasks + r.unparseableTasks).toBe(r.totalTasks);
      expect(r.doneTasks).toBeGreaterThan(0);
      expect(await t.db.judgeTask.count({ where: { runId: r.id } })).toBe(r.totalTasks);
      expect(await t.db.vote.count({ where: { judgeRunId: r.id } })).toBe(r.doneTasks);
    }
  });

  it("maps outcomes and shown sides to canonical (id-ordered) terms", async () => {
    const systems = await t.db.system.findMany();
    const slugOf = new Map(systems.map((s) => [s.id, s.slug]));
    const votes = await t.db.vote.findMany({
      where: { externalKey: { in: sim.crowdVotes.slice(0, 200).map((v) => v.id) } },
      include: { battle: true },
    });
    expect(votes).toHaveLength(200);
    const byId = new Map(sim.crowdVotes.map((v) => [v.id, v]));
    const battleById = new Map(sim.battles.map((b) => [b.id, b]));
    for (const v of votes) {
      const simVote = byId.get(v.externalKey!)!;
      const b = battleById.get(simVote.battleId)!;
      const winnerSlug =
        simVote.outcome === "a" ? b.systemA : simVote.outcome === "b" ? b.systemB : simVote.outcome;
      const stored = v.outcome === "A" ? slugOf.get(v.battle.systemAId) : v.outcome === "B" ? slugOf.get(v.battle.systemBId) : v.outcome;
      expect(stored).toBe(winnerSlug);
      const leftSlug = simVote.shownLeft === "a" ? b.systemA : b.systemB;
      expect(slugOf.get(v.shownLeft === "A" ? v.battle.systemAId : v.battle.systemBId)).toBe(leftSlug);
    }
  });

  it("does not seed a database that has data, and a forced re-seed duplicates nothing", async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    const before = await t.db.vote.count();
    const again = await seedDemo(t.db);
    expect(again.crowdVotes + again.judgeVotes).toBe(0);
    expect(await t.db.vote.count()).toBe(before);
    expect(await t.db.judgeRun.count()).toBe(2 + BASELINE_JUDGES.length); // demo simulation runs + baseline runs
  }, 120_000);
});
