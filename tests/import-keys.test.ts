/**
 * Imported rows' natural keys (lib/importers/keys.ts): stable, short, order-independent, and the SQL of the
 * `short_import_keys` migration turns a key stored in the long form into exactly the key the importer now writes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { battleKey, voteKey } from "@/lib/importers/keys";

describe("import keys", () => {
  it.each([
    { scope: "fastchat:arena:3f9a0c1d2e4b5a6978877665544332211:1700000000", a: "gpt-4", b: "claude-2", turn: 1 },
    { scope: "mtbench:mt-bench:81", a: "vicuna-13b", b: "alpaca-13b", turn: 2 },
    { scope: "prd:vicuna80:q7", a: "bard", b: "gpt35", turn: 1 },
  ])("battle keys for $scope: import:<format>:<22 base64url characters>, same for either order", ({ scope, a, b, turn }) => {
    const k = battleKey(scope, a, b, turn);
    expect(k).toMatch(new RegExp(`^import:${scope.split(":")[0]}:[A-Za-z0-9_-]{22}$`));
    expect(battleKey(scope, b, a, turn)).toBe(k);
    expect(battleKey(scope, a, b, turn + 1)).not.toBe(k);
    expect(battleKey(`${scope}x`, a, b, turn)).not.toBe(k);
  });

  it("vote keys: <format>:<hash>, stable, and different for different rows", () => {
    const k = voteKey("fastchat:arena:q1:1700000000:gpt-4:claude-2:t1:alice");
    expect(k).toMatch(/^fastchat:[A-Za-z0-9_-]{22}$/);
    expect(voteKey("fastchat:arena:q1:1700000000:gpt-4:claude-2:t1:alice")).toBe(k);
    expect(voteKey("fastchat:arena:q1:1700000000:gpt-4:claude-2:t1:bob")).not.toBe(k);
    expect(voteKey("prd:vicuna80:gpt4:run1:x-vs-y:3").startsWith("prd:")).toBe(true);
  });
});

describe("the short_import_keys migration", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("rewrites long-form keys into the importer's keys and leaves arena and demo keys alone", async () => {
    const dir = path.resolve(__dirname, "../prisma/migrations");
    const sql = readFileSync(path.join(dir, readdirSync(dir).find((d) => d.endsWith("_short_import_keys"))!, "migration.sql"), "utf8");
    const set = await t.db.promptSet.create({ data: { slug: "keys", name: "keys" } });
    const prompt = await t.db.prompt.create({ data: { promptSetId: set.id, externalId: "q1", turns: ["hi"] } });
    const [sa, sb] = [await t.db.system.create({ data: { slug: "k-a", name: "A" } }), await t.db.system.create({ data: { slug: "k-b", name: "B" } })];
    const scope = "fastchat:keys:q1:1700000000:héllo ✓"; // non-ASCII: both sides hash UTF-8
    const longBattle = `import:${scope}:k-a:k-b:t1`;
    const longVote = `${scope}:k-a:k-b:t1:alice`;
    const base = { promptId: prompt.id, systemAId: sa.id, systemBId: sb.id, promptSetId: set.id };
    const imported = await t.db.battle.create({ data: { ...base, key: longBattle } });
    const arena = await t.db.battle.create({ data: { ...base, key: `fixed:${prompt.id}:${sa.id}:${sb.id}:1` } });
    const voter = await t.db.voter.create({ data: { externalId: "fastchat:alice" } });
    const human = { voterKind: "human" as const, voterId: voter.id };
    const v1 = await t.db.vote.create({ data: { battleId: imported.id, outcome: "A", shownLeft: "A", ...human, externalKey: longVote } });
    const v2 = await t.db.vote.create({ data: { battleId: arena.id, outcome: "B", shownLeft: "B", ...human, externalKey: "demo-vote-0001" } });
    await t.sql.exec(sql);
    await t.sql.exec(sql); // again: nothing changes
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: imported.id } })).key).toBe(battleKey(scope, "k-b", "k-a", 1));
    expect((await t.db.battle.findUniqueOrThrow({ where: { id: arena.id } })).key).toBe(arena.key);
    expect((await t.db.vote.findUniqueOrThrow({ where: { id: v1.id } })).externalKey).toBe(voteKey(longVote));
    expect((await t.db.vote.findUniqueOrThrow({ where: { id: v2.id } })).externalKey).toBe("demo-vote-0001");
  });
});
