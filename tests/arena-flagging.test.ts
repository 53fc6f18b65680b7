import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { createRng } from "@/lib/random";
import { fitStrengths, flagVoters, type FlagVote } from "@/lib/voters/flagging";
import { excludedVoterIds, runVoterFlagging } from "@/lib/voters/service";
import { DEMO_OUTLIER_VOTERS, DEMO_SEED, simulateDemoVotes } from "@/lib/demo";

/** A crowd voting by Bradley-Terry with known strengths, plus planted outliers. */
function simulate(seed: number) {
  const rng = createRng(seed);
  const strength = new Map([
    [1, 1.2],
    [2, 0.6],
    [3, 0],
    [4, -0.5],
    [5, -1.3],
  ]);
  const ids = [...strength.keys()];
  const votes: FlagVote[] = [];
  const pick = () => {
    const a = ids[rng.int(ids.length)];
    let b = ids[rng.int(ids.length)];
    while (b === a) b = ids[rng.int(ids.length)];
    return a < b ? [a, b] : [b, a];
  };
  const honest = Array.from({ length: 120 }, (_, i) => 1000 + i);
  for (const voterId of honest) {
    const n = 10 + rng.int(40);
    for (let k = 0; k < n; k++) {
      const [a, b] = pick();
      const p = 1 / (1 + Math.exp(-(strength.get(a)! - strength.get(b)!)));
      const u = rng.next();
      votes.push({ voterId, a, b, outcome: u < 0.1 ? "tie" : rng.next() < p ? "A" : "B" });
    }
  }
  // outliers: two contrarians (vote for the weaker system 90 % of the time), one who votes at random
  const contrarians = [1, 2];
  for (const voterId of contrarians) {
    for (let k = 0; k < 40; k++) {
      const [a, b] = pick();
      const aStronger = strength.get(a)! > strength.get(b)!;
      const weaker = aStronger ? "B" : "A";
      votes.push({ voterId, a, b, outcome: rng.next() < 0.9 ? weaker : weaker === "A" ? "B" : "A" });
    }
  }
  // a contrarian with too few votes to judge
  for (let k = 0; k < 5; k++) {
    const [a, b] = pick();
    votes.push({ voterId: 3, a, b, outcome: strength.get(a)! > strength.get(b)! ? "B" : "A" });
  }
  return { votes, strength, honest, contrarians };
}

describe("outlier-voter flagging (pure)", () => {
  it("recovers the crowd's strength order", () => {
    const { votes } = simulate(1);
    const theta = fitStrengths(votes);
    const order = [...theta.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("flags the planted contrarians, not the honest crowd, and not voters below the minimum", () => {
    for (const seed of [1, 2, 3]) {
      const { votes, contrarians, honest } = simulate(seed);
      const scores = flagVoters(votes);
      const flagged = scores.filter((s) => s.flagged).map((s) => s.voterId);
      expect(flagged.sort()).toEqual(expect.arrayContaining(contrarians));
      expect(flagged).not.toContain(3);
      const falseFlags = flagged.filter((id) => honest.includes(id));
      expect(falseFlags.length).toBeLessThanOrEqual(1);
      const honestZ = scores.filter((s) => honest.includes(s.voterId)).map((s) => s.z);
      const mean = honestZ.reduce((s, z) => s + z, 0) / honestZ.length;
      expect(Math.abs(mean)).toBeLessThan(0.5);
    }
  });
});

describe("the demo's planted outliers", () => {
  it("flags exactly demo-voter-07 (random) and demo-voter-23 (contrarian)", () => {
    const sim = simulateDemoVotes(DEMO_SEED);
    const battles = new Map(sim.battles.map((b) => [b.id, b]));
    const systemIds = new Map<string, number>();
    const voterIds = new Map<string, number>();
    const idOf = (m: Map<string, number>, k: string) => m.get(k) ?? (m.set(k, m.size + 1), m.size);
    // demo battles are canonical by slug; slugs are numbered in sorted order, so canonical order is kept
    for (const slug of [...new Set(sim.battles.flatMap((b) => [b.systemA, b.systemB]))].sort()) idOf(systemIds, slug);
    const votes: FlagVote[] = sim.crowdVotes.map((v) => {
      const b = battles.get(v.battleId)!;
      const outcome = v.outcome === "a" ? "A" : v.outcome === "b" ? "B" : v.outcome;
      return { voterId: idOf(voterIds, v.voterId), a: systemIds.get(b.systemA)!, b: systemIds.get(b.systemB)!, outcome };
    });
    const names = new Map([...voterIds].map(([k, v]) => [v, k]));
    const flagged = flagVoters(votes).filter((s) => s.flagged).map((s) => names.get(s.voterId));
    expect(flagged.sort()).toEqual(Object.keys(DEMO_OUTLIER_VOTERS).sort());
  });
});

describe("voters flag (database)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    useTestDb(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it("writes Voter.flagged/flagReason for the outliers and lists them in excludedVoterIds()", async () => {
    const { votes, contrarians } = simulate(4);
    for (let i = 1; i <= 5; i++) await t.db.system.create({ data: { id: i, slug: `s${i}`, name: `S${i}` } });
    const set = await t.db.promptSet.create({ data: { slug: "f", name: "F" } });
    const prompt = await t.db.prompt.create({ data: { promptSetId: set.id, externalId: "p", turns: ["q"] } });
    const voterIds = [...new Set(votes.map((v) => v.voterId))];
    await t.db.voter.createMany({ data: voterIds.map((id) => ({ id, externalId: `sim:${id}` })) });
    // one battle per (voter, vote): the unique (battle, voter) constraint holds
    const battles = votes.map((v, i) => ({ key: `test:${i}`, mode: "fixed" as const, promptId: prompt.id, systemAId: v.a, systemBId: v.b, promptSetId: set.id }));
    await t.db.battle.createMany({ data: battles });
    const ids = new Map((await t.db.battle.findMany({ select: { id: true, key: true } })).map((b) => [b.key, b.id]));
    await t.db.vote.createMany({
      data: votes.map((v, i) => ({ battleId: ids.get(`test:${i}`)!, outcome: v.outcome, shownLeft: "A" as const, voterKind: "human" as const, voterId: v.voterId })),
    });
    const excludedByMaintainer = 1050;
    await t.db.voter.update({ where: { id: excludedByMaintainer }, data: { excluded: true } });

    const summary = await runVoterFlagging();
    expect(summary.votes).toBe(votes.length);
    expect(summary.flagged.map((s) => s.voterId)).toEqual(expect.arrayContaining(contrarians));
    const rows = await t.db.voter.findMany({ where: { flagged: true } });
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(contrarians));
    expect(rows.every((r) => r.flagReason?.includes("z =") && r.flaggedAt)).toBe(true);
    const excluded = await excludedVoterIds();
    expect(excluded).toEqual(expect.arrayContaining([...contrarians, excludedByMaintainer]));

    // re-running is stable, and a voter who is no longer an outlier is unflagged
    await t.db.voter.update({ where: { id: 1001 }, data: { flagged: true, flagReason: "stale" } });
    await runVoterFlagging();
    expect((await t.db.voter.findUniqueOrThrow({ where: { id: 1001 } })).flagged).toBe(false);
  });
});
