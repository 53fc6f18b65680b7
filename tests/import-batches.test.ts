/**
 * Batches that meet keys written by earlier batches: the writer starts with plain INSERTs, falls back to ON CONFLICT
 * DO NOTHING for a table when a batch hits an existing key (the batch is redone), and goes back to plain inserts.
 * Tiny batches over a file whose prompts, battles and votes repeat at different distances must give exactly what
 * one big batch gives, and the rollup must equal the direct aggregate.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { importFiles } from "@/lib/importers";

const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)"];

/** Three voters per battle, a prompt's battles 21 rows apart, and every 11th line a copy of the line 5 before it. */
function rows(n: number): { lines: string[]; prompts: number; battles: number; votes: number } {
  const lines: string[] = [];
  const prompts = new Set<string>();
  const battles = new Set<string>();
  const votes = new Set<string>();
  for (let i = 0; i < n; i++) {
    const base = i % 11 === 10 ? i - 5 : i; // every 11th line repeats an earlier line exactly
    const q = `q${Math.floor(base / 3) % 7}`;
    const time = 1_700_000_000 + Math.floor(base / 3);
    const a = `m${Math.floor(base / 3) % 4}`;
    const b = `m${(Math.floor(base / 3) % 4) + 1}`;
    const judge = `u${base % 5}`;
    lines.push(JSON.stringify({ question_id: q, model_a: a, model_b: b, winner: WINNERS[base % 4], judge, tstamp: time, anony: true }));
    prompts.add(q);
    battles.add(`${q}:${time}:${a}:${b}`);
    votes.add(`${q}:${time}:${a}:${b}:${judge}`);
  }
  return { lines, prompts: prompts.size, battles: battles.size, votes: votes.size };
}

describe("batches that meet existing keys", () => {
  let small: TestDb;
  let big: TestDb;
  let dir: string;
  let file: string;
  const data = rows(400);
  beforeAll(async () => {
    small = await createTestDb();
    big = await createTestDb();
    dir = mkdtempSync(path.join(tmpdir(), "concord-batches-"));
    file = path.join(dir, "battles.jsonl");
    writeFileSync(file, data.lines.join("\n") + "\n");
  });
  afterAll(async () => {
    await small?.close();
    await big?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("tiny batches give what one batch gives; a re-import adds nothing", async () => {
    const s = await importFiles(small.db, "fastchat-battles", [file], { batchSize: 4, connectionUrl: small.url });
    const b = await importFiles(big.db, "fastchat-battles", [file], { batchSize: 10_000, connectionUrl: big.url });
    for (const [t, sum] of [[small, s], [big, b]] as const) {
      expect(sum.imported).toBe(data.votes);
      expect(sum.skippedByReason.duplicate).toBe(data.lines.length - data.votes);
      expect(sum.battlesCreated).toBe(data.battles);
      expect(sum.promptsCreated).toBe(data.prompts);
      expect(await t.db.vote.count()).toBe(data.votes);
      expect(await t.db.battle.count()).toBe(data.battles);
      expect(await t.db.prompt.count()).toBe(data.prompts);
    }
    // In system terms: canonical A/B depends on system ids, which differ between the two databases.
    const votesOf = async (t: TestDb) =>
      (await t.db.vote.findMany({ include: { battle: { include: { systemA: true, systemB: true } }, voter: true } }))
        .map((v) => {
          const side = (x: string) => (x === "A" ? v.battle.systemA.slug : x === "B" ? v.battle.systemB.slug : x);
          return `${v.externalKey}|${v.battle.key}|${side(v.outcome)}|${side(v.shownLeft)}|${v.voter?.externalId}`;
        })
        .sort();
    expect(await votesOf(small)).toEqual(await votesOf(big));

    const again = await importFiles(small.db, "fastchat-battles", [file], { batchSize: 4, resume: false, connectionUrl: small.url });
    expect(again.imported).toBe(0);
    expect(again.battlesCreated).toBe(0);
    expect(again.skippedByReason.duplicate).toBe(data.lines.length);
    expect(await small.db.vote.count()).toBe(data.votes);

    // The rollup the statement triggers kept equals the direct aggregate.
    const rollup = await small.sql.query<{ n: string }>(`SELECT COALESCE(sum(count), 0)::text AS n FROM "VoteRollup"`);
    expect(Number(rollup.rows[0].n)).toBe(data.votes);
    const direct = await small.sql.query<{ d: string }>(`
      SELECT count(*)::text AS d FROM (
        SELECT b."systemAId", b."systemBId", v.outcome, count(*)::int AS c FROM "Vote" v JOIN "Battle" b ON b.id = v."battleId" GROUP BY 1, 2, 3
        EXCEPT
        SELECT "systemAId", "systemBId", outcome, sum(count)::int FROM "VoteRollup" GROUP BY 1, 2, 3
      ) x`);
    expect(direct.rows[0].d).toBe("0");
  }, 120_000);
});
