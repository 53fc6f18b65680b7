/**
 * Leaderboard service over a hand-computable fixture: 3 systems x < y < z (canonical order by id), crowd votes with
 * set win counts, a flagged voter, a judge with both shown orders, two prompt sets / categories and two dates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "@/tests/support/db";
import { sliceSchema, type SliceInput } from "@/lib/validation/slice";
import { leaderboardOptionsSchema } from "@/lib/validation/leaderboard";
import { clearLeaderboardCache, getLeaderboard, settleLeaderboardCache, toRankJson } from "@/lib/leaderboard/service";
import { directHumanCounts, rollupHumanCounts } from "@/lib/leaderboard/queries";
import { humanCountRows } from "@/lib/leaderboard/load";

let t: TestDb;
const ids: Record<string, number> = {};
let voterSeq = 0;
type O = "A" | "B" | "tie" | "bothbad";

async function battle(key: string, set: string, category: string, a: string, b: string): Promise<number> {
  const ps = await t.db.promptSet.upsert({ where: { slug: set }, update: {}, create: { slug: set, name: set } });
  const prompt = await t.db.prompt.upsert({
    where: { promptSetId_externalId: { promptSetId: ps.id, externalId: `${set}-${category}` } },
    update: {},
    create: { promptSetId: ps.id, externalId: `${set}-${category}`, turns: ["q"], category },
  });
  const row = await t.db.battle.create({
    data: { key, promptId: prompt.id, systemAId: ids[a], systemBId: ids[b], promptSetId: ps.id, category, language: "en" },
  });
  return row.id;
}

/** `n` human votes on one new battle each, by fresh voters (or `voterId`). */
async function crowd(set: string, category: string, a: string, b: string, outcome: O, n: number, opts: { at?: Date; voterId?: number } = {}) {
  for (let i = 0; i < n; i++) {
    const id = await battle(`k${++voterSeq}`, set, category, a, b);
    const voterId = opts.voterId ?? (await t.db.voter.create({ data: { externalId: `v${voterSeq}` } })).id;
    await t.db.vote.create({ data: { battleId: id, outcome, shownLeft: "A", voterKind: "human", voterId, createdAt: opts.at ?? new Date("2026-11-10T12:00:00Z") } });
  }
}

const slice = (s: SliceInput = {}) => sliceSchema.parse(s);
/** A fresh (not stale) result: waits for a background recompute when the cached one is outdated. */
async function fresh(...args: Parameters<typeof getLeaderboard>) {
  const v = await getLeaderboard(...args);
  if (!v.stale) return v;
  await settleLeaderboardCache();
  return getLeaderboard(...args);
}
const opts = (o: Record<string, unknown> = {}) => leaderboardOptionsSchema.parse({ rounds: 50, ...o });
const row = (rows: { system: string }[], s: string) => rows.find((r) => r.system === s) as { system: string; wins: number; losses: number; ties: number; battles: number; winRate: number; rating: number };

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  for (const s of ["x", "y", "z"]) ids[s] = (await t.db.system.create({ data: { slug: s, name: s.toUpperCase(), organization: `org-${s}` } })).id;
  // set s1 / math: x–y 6:2 + 2 ties, x–z 3:1, y–z 4:4
  await crowd("s1", "math", "x", "y", "A", 6);
  await crowd("s1", "math", "x", "y", "B", 2);
  await crowd("s1", "math", "x", "y", "tie", 2);
  await crowd("s1", "math", "x", "z", "A", 3);
  await crowd("s1", "math", "x", "z", "B", 1);
  await crowd("s1", "math", "y", "z", "A", 4);
  await crowd("s1", "math", "y", "z", "B", 4);
  // set s2 / code, a later day: z beats x 5 times
  await crowd("s2", "code", "x", "z", "B", 5, { at: new Date("2026-11-20T12:00:00Z") });
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe("leaderboard service", () => {
  it("counts wins, losses, ties and win rates per system", async () => {
    const v = await fresh(slice({ set: "s1" }), opts());
    const x = row(v.result.rows, "x");
    expect([x.battles, x.wins, x.losses, x.ties]).toEqual([14, 9, 3, 2]);
    expect(x.winRate).toBeCloseTo(10 / 14, 12);
    const y = row(v.result.rows, "y");
    expect([y.battles, y.wins, y.losses, y.ties]).toEqual([18, 6, 10, 2]);
    expect(v.result.rows[0].system).toBe("x");
    expect(v.result.meta.path).toBe("rollup");
    expect(v.result.ci.label).toBe("95% CI (bootstrap, 50 rounds)");
    expect(v.result.matrices.battles[0][1]).toBe(v.result.matrices.systems[1] === "y" ? 10 : 8);
    const json = toRankJson(v, true) as { systems: { system: string; ci_low: number }[]; matrices: unknown };
    expect(json.systems.map((s) => s.system)).toContain("z");
    expect(json.matrices).toBeDefined();
  });

  it("slices by set, category and date", async () => {
    const all = await fresh(slice(), opts());
    expect(row(all.result.rows, "z").wins).toBe(1 + 4 + 5);
    const code = await fresh(slice({ category: "code" }), opts());
    expect(code.result.meta.battles).toBe(5);
    const early = await fresh(slice({ to: "2026-11-15" }), opts());
    expect(early.result.meta.path).toBe("direct");
    expect(early.result.meta.battles).toBe(22);
    const late = await fresh(slice({ from: "2026-11-20", to: "2026-11-20" }), opts());
    expect(late.result.meta.battles).toBe(5);
  });

  it("leaves out flagged voters' votes only when asked, and excluded voters always", async () => {
    const bad = await t.db.voter.create({ data: { externalId: "bad", flagged: true } });
    await crowd("s1", "math", "y", "z", "B", 3, { voterId: undefined });
    // the flagged voter's own votes: 3 wins for z over y
    for (let i = 0; i < 3; i++) {
      const id = await battle(`bad${i}`, "s1", "math", "y", "z");
      await t.db.vote.create({ data: { battleId: id, outcome: "B", shownLeft: "A", voterKind: "human", voterId: bad.id } });
    }
    const withAll = await fresh(slice({ set: "s1" }), opts());
    const without = await fresh(slice({ set: "s1", excludeFlagged: true }), opts());
    expect(row(withAll.result.rows, "z").wins - row(without.result.rows, "z").wins).toBe(3);
    await t.db.voter.update({ where: { id: bad.id }, data: { flagged: false, excluded: true } });
    const afterExclude = await fresh(slice({ set: "s1" }), opts());
    expect(row(afterExclude.result.rows, "z").wins).toBe(row(without.result.rows, "z").wins);
  });

  it("serves the cached result until a vote arrives, then recomputes once", async () => {
    clearLeaderboardCache();
    const s = slice({ set: "s1", category: "math" });
    const a = await getLeaderboard(s, opts());
    const b = await getLeaderboard(s, opts());
    expect(b.computedAt).toBe(a.computedAt);
    expect(b.stale).toBe(false);
    await crowd("s1", "math", "x", "y", "A", 1);
    const c = await getLeaderboard(s, opts());
    expect(c.stale).toBe(true);
    expect(c.result.meta.battles).toBe(a.result.meta.battles);
    await settleLeaderboardCache();
    const d = await getLeaderboard(s, opts());
    expect(d.stale).toBe(false);
    expect(d.result.meta.battles).toBe(a.result.meta.battles + 1);
  });

  it("keeps the rollup equal to a direct aggregate after inserts, deletes and battle changes", async () => {
    const sorted = (r: { systemAId: number; systemBId: number; outcome: string; n: number }[]) =>
      r.map((x) => `${x.systemAId}-${x.systemBId}-${x.outcome}:${x.n}`).sort();
    const check = async () => {
      const s = slice();
      expect(sorted((await humanCountRows(t.db, s)).rows)).toEqual(sorted(await directHumanCounts(t.db, s)));
    };
    await check();
    // bulk insert in one statement (statement-level trigger)
    const b = await battle("bulk", "s1", "math", "x", "z");
    const voters = await Promise.all([1, 2, 3, 4].map((i) => t.db.voter.create({ data: { externalId: `bulk${i}` } })));
    await t.db.vote.createMany({ data: voters.map((v, i) => ({ battleId: b, outcome: (i % 2 ? "A" : "tie") as O, shownLeft: "A" as const, voterKind: "human" as const, voterId: v.id })) });
    await check();
    await t.db.vote.deleteMany({ where: { battleId: b, outcome: "tie" } });
    await check();
    await t.db.battle.update({ where: { id: b }, data: { counted: false } });
    await check();
    await t.db.battle.update({ where: { id: b }, data: { counted: true, category: "code" } });
    await check();
    await t.db.battle.delete({ where: { id: b } });
    await check();
    const raw = await rollupHumanCounts(t.db, slice());
    expect(raw.every((r) => r.n > 0)).toBe(true);
  });

  it("combines a judge's two orders by mtbench or arena-hard", async () => {
    const judge = await t.db.judge.create({ data: { slug: "j1", name: "J1" } });
    const run = await t.db.judgeRun.create({ data: { judgeId: judge.id, combine: "mtbench" } });
    // battle 1: x>y in both orders (consistent, strong); battle 2: inconsistent (x then y); battle 3: one order only
    const mk = async (key: string, votes: [("A" | "B"), O, number][]) => {
      const id = await battle(key, "s1", "math", "x", "y");
      for (const [shownLeft, outcome, strength] of votes) {
        await t.db.vote.create({ data: { battleId: id, outcome, shownLeft, strength, voterKind: "judge", judgeId: judge.id, judgeRunId: run.id } });
      }
    };
    await mk("j-1", [["A", "A", 3], ["B", "A", 3]]);
    await mk("j-2", [["A", "A", 1], ["B", "B", 1]]);
    await mk("j-3", [["A", "B", 1]]);
    const mt = await fresh(slice({ source: "judge:j1" }), opts());
    const xm = row(mt.result.rows, "x");
    expect([xm.battles, xm.wins, xm.losses, xm.ties]).toEqual([2, 1, 0, 1]);
    expect(mt.result.meta.combine).toBe("mtbench");
    const ah = await fresh(slice({ source: "judge:j1" }), opts({ combine: "arena-hard" }));
    const xa = row(ah.result.rows, "x");
    expect([xa.battles, xa.wins, xa.losses, xa.ties]).toEqual([5, 3, 2, 0]);
    expect(ah.result.meta.combine).toBe("arena-hard");
    // weights: x has 3+3+1 = 7 weighted wins against y's 1+1 = 2 → rating gap = 400·log10(7/2)
    const ya = row(ah.result.rows, "y");
    expect(xa.rating - ya.rating).toBeCloseTo(400 * Math.log10(7 / 2), 3);
    await t.db.judgeRun.update({ where: { id: run.id }, data: { combine: "arena-hard" } });
  });

  it("offers online Elo and style control", async () => {
    const elo = await fresh(slice({ set: "s1" }), opts({ rating: "elo" }));
    expect(elo.result.ci.method).toBe("none");
    expect(elo.result.ratingLabel).toMatch(/Elo/);
    expect(row(elo.result.rows, "x").rating).toBeGreaterThan(1000);
    const sw = await fresh(slice({ set: "s1" }), opts({ method: "sandwich" }));
    expect(sw.result.ci.label).toBe("95% CI (sandwich)");
  });
});
