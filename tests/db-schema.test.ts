/** The data model's invariants, on whichever database the test harness provides (Postgres or PGlite). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { applyMigrations, latestAppliedMigration, readMigrations } from "@/lib/db/migrate";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function fixture(db: TestDb["db"]) {
  const [a, b] = [
    await db.system.create({ data: { slug: `a-${Math.random()}`, name: "A" } }),
    await db.system.create({ data: { slug: `b-${Math.random()}`, name: "B" } }),
  ];
  const set = await db.promptSet.create({ data: { slug: `s-${Math.random()}`, name: "S" } });
  const prompt = await db.prompt.create({ data: { promptSetId: set.id, externalId: "p1", turns: ["hi"] } });
  const battle = await db.battle.create({
    data: { key: `k-${Math.random()}`, promptId: prompt.id, systemAId: a.id, systemBId: b.id, promptSetId: set.id },
  });
  return { a, b, set, prompt, battle };
}

describe(`schema on ${process.env.TEST_DATABASE_URL ? "Postgres" : "PGlite"}`, () => {
  it("records every committed migration and re-applying is a no-op", async () => {
    const names = readMigrations().map((m) => m.name);
    expect(await latestAppliedMigration(t.sql)).toBe(names.at(-1));
    const again = await applyMigrations(t.sql);
    expect(again.applied).toEqual([]);
  });

  it("stores battles in canonical order only, never a system against itself", async () => {
    const { a, b, set, prompt } = await fixture(t.db);
    for (const [x, y] of [[b.id, a.id], [a.id, a.id]]) {
      await expect(
        t.db.battle.create({ data: { key: `bad-${x}-${y}`, promptId: prompt.id, systemAId: x, systemBId: y, promptSetId: set.id } }),
      ).rejects.toThrow();
    }
  });

  it("allows one human vote per (battle, voter) and many voters per battle", async () => {
    const { battle } = await fixture(t.db);
    const [v1, v2] = [await t.db.voter.create({ data: {} }), await t.db.voter.create({ data: {} })];
    await t.db.vote.create({ data: { battleId: battle.id, outcome: "A", shownLeft: "A", voterKind: "human", voterId: v1.id } });
    await t.db.vote.create({ data: { battleId: battle.id, outcome: "B", shownLeft: "B", voterKind: "human", voterId: v2.id } });
    await expect(
      t.db.vote.create({ data: { battleId: battle.id, outcome: "tie", shownLeft: "A", voterKind: "human", voterId: v1.id } }),
    ).rejects.toThrow();
    expect(await t.db.vote.count({ where: { battleId: battle.id } })).toBe(2);
  });

  it("allows one judge vote per (battle, judge, shown order, run)", async () => {
    const { battle } = await fixture(t.db);
    const judge = await t.db.judge.create({ data: { slug: `j-${Math.random()}`, name: "J" } });
    const run = await t.db.judgeRun.create({ data: { judgeId: judge.id } });
    const base = { battleId: battle.id, voterKind: "judge" as const, judgeId: judge.id, judgeRunId: run.id };
    await t.db.vote.create({ data: { ...base, outcome: "A", shownLeft: "A" } });
    await t.db.vote.create({ data: { ...base, outcome: "A", shownLeft: "B" } });
    await expect(t.db.vote.create({ data: { ...base, outcome: "B", shownLeft: "A" } })).rejects.toThrow();
    const run2 = await t.db.judgeRun.create({ data: { judgeId: judge.id } });
    await t.db.vote.create({ data: { ...base, judgeRunId: run2.id, outcome: "B", shownLeft: "A" } });
    expect(await t.db.vote.count({ where: { battleId: battle.id, voterKind: "judge" } })).toBe(3);
  });

  it("deleting a judge run deletes its votes (and nothing else)", async () => {
    const { battle } = await fixture(t.db);
    const judge = await t.db.judge.create({ data: { slug: `j-${Math.random()}`, name: "J" } });
    const [run, keep] = [await t.db.judgeRun.create({ data: { judgeId: judge.id } }), await t.db.judgeRun.create({ data: { judgeId: judge.id } })];
    const base = { battleId: battle.id, voterKind: "judge" as const, judgeId: judge.id, outcome: "A" as const, shownLeft: "A" as const };
    await t.db.vote.create({ data: { ...base, judgeRunId: run.id } });
    await t.db.vote.create({ data: { ...base, judgeRunId: keep.id } });
    await t.db.judgeRun.delete({ where: { id: run.id } });
    expect(await t.db.vote.count({ where: { judgeId: judge.id } })).toBe(1);
    expect(await t.db.vote.count({ where: { judgeRunId: keep.id } })).toBe(1);
  });

  it("rejects votes whose voter kind does not match who voted", async () => {
    const { battle } = await fixture(t.db);
    const judge = await t.db.judge.create({ data: { slug: `j-${Math.random()}`, name: "J" } });
    // A human vote without a voter, and a judge vote without a run.
    await expect(t.db.vote.create({ data: { battleId: battle.id, outcome: "A", shownLeft: "A", voterKind: "human" } })).rejects.toThrow();
    await expect(
      t.db.vote.create({ data: { battleId: battle.id, outcome: "A", shownLeft: "A", voterKind: "judge", judgeId: judge.id } }),
    ).rejects.toThrow();
  });

  it("keeps prompts unique per (set, external id)", async () => {
    const { set } = await fixture(t.db);
    await expect(t.db.prompt.create({ data: { promptSetId: set.id, externalId: "p1", turns: ["again"] } })).rejects.toThrow();
  });
});

describe("foreign databases", () => {
  it("refuses a database that holds tables that are not Concord's, and changes nothing", async () => {
    const other = await createTestDb();
    try {
      // Simulate a foreign database: drop our bookkeeping so only unknown tables remain.
      await other.sql.exec(`DROP TABLE "_prisma_migrations"`);
      const before = await other.sql.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
      );
      await expect(applyMigrations(other.sql)).rejects.toThrow(/not Concord's/);
      const after = await other.sql.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = current_schema()`,
      );
      expect(after.rows[0].n).toBe(before.rows[0].n);
    } finally {
      await other.close();
    }
  });

  it("refuses migrations it does not know", async () => {
    const other = await createTestDb();
    try {
      await other.sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at) VALUES ('x', 'y', '29990101000000_future', now())`,
      );
      await expect(applyMigrations(other.sql)).rejects.toThrow(/does not know/);
    } finally {
      await other.close();
    }
  });
});
