/** Every import format on small fixtures (tests/fixtures/import/), each with bad rows of every kind. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { importFiles, type ImportSummary } from "@/lib/importers";
import { readAliasFile } from "@/lib/importers/names";

const F = path.resolve(__dirname, "fixtures/import");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const run = (format: Parameters<typeof importFiles>[1], paths: string[], opts: Parameters<typeof importFiles>[3] = {}) =>
  importFiles(t.db, format, paths.map((p) => path.join(F, p)), { connectionUrl: t.url, ...opts });

const errs = (s: ImportSummary) => s.errors.map((e) => `${path.relative(F, e.file)}:${e.line}:${e.reason}`);

async function votesOf(setSlug: string) {
  return t.db.vote.findMany({
    where: { battle: { prompt: { promptSet: { slug: setSlug } } } },
    include: { battle: { include: { systemA: true, systemB: true, responseA: true, prompt: true } }, voter: true, judge: true, judgeRun: true },
    orderBy: { id: "asc" },
  });
}

describe("fastchat-battles", () => {
  it("streams the JSON array and the JSONL twin, reports bad rows by file and line, and is idempotent", async () => {
    const aliases = await readAliasFile(path.join(F, "aliases.json"));
    const s = await run("fastchat-battles", ["fastchat", "fastchat-jsonl"], { aliases });
    expect(errs(s)).toEqual([
      "fastchat/clean_battle_fixture.json:50:malformed_json",
      "fastchat/clean_battle_fixture.json:51:unknown_winner",
      "fastchat/clean_battle_fixture.json:60:missing_model",
      "fastchat/clean_battle_fixture.json:68:same_system",
      "fastchat-jsonl/battles.jsonl:2:malformed_json",
    ]);
    expect(s.imported).toBe(6);
    expect(s.skippedByReason).toEqual({ malformed_json: 2, unknown_winner: 1, missing_model: 1, same_system: 1 });
    const votes = await votesOf("fastchat");
    expect(votes).toHaveLength(6);
    // The alias map folded gpt-4-0314 into gpt-4.
    expect(await t.db.system.findUnique({ where: { slug: "gpt-4-0314" } })).toBeNull();
    const q1 = votes.find((v) => v.battle.prompt.externalId === "q1")!;
    expect(q1.voter?.externalId).toBe("fastchat:alice");
    expect(q1.battle.counted).toBe(true);
    const winner = q1.outcome === "A" ? q1.battle.systemA.slug : q1.battle.systemB.slug;
    expect(winner).toBe("gpt-4");
    expect(q1.battle.responseA?.turns).toBeDefined();
    const q3 = votes.find((v) => v.battle.prompt.externalId === "q3")!;
    expect(q3.battle.counted).toBe(false);
    expect(votes.find((v) => v.battle.prompt.externalId === "q2")!.outcome).toBe("bothbad");

    const again = await run("fastchat-battles", ["fastchat", "fastchat-jsonl"], { aliases, resume: false });
    expect(again.imported).toBe(0);
    expect(again.skippedByReason.duplicate).toBe(6);
    expect(await t.db.vote.count({ where: { battle: { prompt: { promptSet: { slug: "fastchat" } } } } })).toBe(6);
  });

  it("--strict writes nothing when a row is bad; --dry-run writes nothing at all", async () => {
    const strict = await run("fastchat-battles", ["fastchat"], { strict: true, set: "strict-set" });
    expect(strict.aborted).toBe(true);
    expect(await t.db.promptSet.findUnique({ where: { slug: "strict-set" } })).toBeNull();
    const dry = await run("fastchat-battles", ["fastchat-jsonl"], { dryRun: true, set: "dry-set" });
    expect(dry.imported).toBe(2);
    expect(await t.db.promptSet.findUnique({ where: { slug: "dry-set" } })).toBeNull();
    const ok = await run("fastchat-battles", ["fastchat-jsonl/battles.jsonl"], { strict: true, set: "strict-ok" });
    expect(ok.aborted).toBe(true); // line 2 is malformed
  });
});

describe("mtbench", () => {
  it("imports questions with references, two-turn answers, human and GPT-4 votes on shared battles", async () => {
    const s = await run("mtbench", ["mtbench"]);
    expect(errs(s)).toEqual([
      "mtbench/gpt4_pair.json:35:same_system",
      "mtbench/human_judgments.jsonl:4:unknown_winner",
      "mtbench/human_judgments.jsonl:5:missing_model",
      "mtbench/human_judgments.jsonl:6:malformed_json",
    ]);
    expect(s.imported).toBe(6);
    expect(s.responses).toBe(9);
    const prompts = await t.db.prompt.findMany({ where: { promptSet: { slug: "mt-bench" } }, orderBy: { externalId: "asc" } });
    expect(prompts.map((p) => p.externalId)).toEqual(["111", "130", "81"]);
    expect(prompts.find((p) => p.externalId === "130")!.reference).toEqual(["s[::-1]", "strrev"]);
    const votes = await votesOf("mt-bench");
    const q81 = votes.filter((v) => v.battle.prompt.externalId === "81");
    expect(new Set(q81.map((v) => v.battle.turn))).toEqual(new Set([1, 2]));
    const t1 = q81.filter((v) => v.battle.turn === 1);
    expect(new Set(t1.map((v) => v.battleId)).size).toBe(1); // human and judge on the same battle
    expect(t1.map((v) => v.voterKind).sort()).toEqual(["human", "judge"]);
    expect(t1.find((v) => v.voterKind === "judge")!.judgeRunId).not.toBeNull();
    expect(votes.every((v) => v.battle.responseAId !== null)).toBe(true);
  });
});

describe("prd", () => {
  it("keeps annotators apart by line position, shown order, and the duplicated pair file as a second run", async () => {
    const s = await run("prd", ["prd"]);
    expect(errs(s)).toEqual([
      "prd/ratings-human/answer_claude-vs-answer_guanaco-7b-human-reviewer_threeclass.jsonl:2:malformed_json",
      "prd/ratings-human/answer_claude-vs-answer_guanaco-7b-human-reviewer_threeclass.jsonl:3:missing_field",
      "prd/ratings-human/answer_gpt4-vs-answer_claude-human-reviewer_threeclass.jsonl:5:unknown_winner",
    ]);
    expect(s.imported).toBe(10);
    const votes = await votesOf("prd-vicuna80");
    const human = votes.filter((v) => v.voterKind === "human");
    expect(human.map((v) => v.voter!.externalId).sort()).toEqual([
      "prd:human:claude-vs-guanaco-7b:1",
      "prd:human:gpt4-vs-claude:1",
      "prd:human:gpt4-vs-claude:1",
      "prd:human:gpt4-vs-claude:2",
      "prd:human:gpt4-vs-claude:3",
    ]);
    expect(await t.db.system.findUnique({ where: { slug: "guanaco-7b" } })).not.toBeNull();
    const judge = votes.filter((v) => v.voterKind === "judge");
    expect(judge).toHaveLength(5);
    expect(new Set(judge.map((v) => v.judgeRun!.label))).toEqual(new Set(["prd:gpt4", "prd:gpt4#2"]));
    // Shown order kept: claude was shown first in the claude-vs-gpt4 files' lines, gpt4 in the other file's.
    const lines = (f: string) => readFileSync(path.join(F, "prd/ratings-gpt4", f), "utf8").split("\n").filter((l) => l.trim()).length;
    const files = readdirSync(path.join(F, "prd/ratings-gpt4"));
    const claudeFirst = files.filter((f) => /claude-vs-answer.gpt4/.test(f)).reduce((n, f) => n + lines(f), 0);
    const gpt4First = files.filter((f) => /gpt4-vs-answer.claude/.test(f)).reduce((n, f) => n + lines(f), 0);
    const lefts = judge.map((v) => (v.shownLeft === "A" ? v.battle.systemA.slug : v.battle.systemB.slug));
    expect([lefts.filter((l) => l === "claude").length, lefts.filter((l) => l === "gpt4").length]).toEqual([claudeFirst, gpt4First]);
    expect(claudeFirst).toBeGreaterThan(0);
    expect(gpt4First).toBeGreaterThan(0);
  });
});

describe("alpacaeval", () => {
  it("maps preferences (fractional to the nearer side, 1.5 to a tie) and keeps the raw value", async () => {
    const s = await run("alpacaeval", ["alpacaeval"]);
    expect(errs(s)).toEqual(["alpacaeval/annotations.json:29:unknown_winner", "alpacaeval/annotations.json:38:missing_model"]);
    expect(s.imported).toBe(3);
    const votes = await votesOf("alpacaeval");
    const byRaw = new Map(votes.map((v) => [v.rawOutput, v]));
    const side = (v: (typeof votes)[number]) => (v.outcome === "tie" ? "tie" : v.outcome === "A" ? v.battle.systemA.slug : v.battle.systemB.slug);
    expect(side(byRaw.get("preference=2")!)).toBe("my-model");
    expect(side(byRaw.get("preference=1.5")!)).toBe("tie");
    expect(side(byRaw.get("preference=1.27")!)).toBe("gpt4-1106-preview");
  });
});

describe("arena-hard", () => {
  it("imports two games per judgment with swapped order and strong verdicts as strength 3", async () => {
    const s = await run("arena-hard", ["arena-hard"]);
    expect(errs(s)).toEqual([
      "arena-hard/model_judgment/gpt-4-1106-preview/gpt-3.5-turbo-0125.jsonl:3:unknown_winner",
      "arena-hard/model_judgment/gpt-4-1106-preview/gpt-3.5-turbo-0125.jsonl:4:missing_model",
    ]);
    expect(s.imported).toBe(4);
    const votes = await votesOf("arena-hard");
    const u1 = votes.filter((v) => v.battle.prompt.externalId === "u1");
    expect(u1).toHaveLength(2);
    expect(new Set(u1.map((v) => v.shownLeft)).size).toBe(2);
    const shownFirst = (v: (typeof u1)[number]) => (v.shownLeft === "A" ? v.battle.systemA.slug : v.battle.systemB.slug);
    const g1 = u1.find((v) => shownFirst(v) === "gpt-4-0314")!; // game 1 shows the baseline first
    expect(g1.strength).toBe(3);
    expect(g1.outcome === "A" ? g1.battle.systemA.slug : g1.battle.systemB.slug).toBe("gpt-4-0314");
    expect(votes.every((v) => v.battle.responseAId !== null)).toBe(true);
    expect((await t.db.prompt.findFirst({ where: { externalId: "u2", promptSet: { slug: "arena-hard" } } }))!.category).toBe("Math");
  });
});

describe("csv", () => {
  it("parses quotes, escaped quotes, newlines in quotes and CRLF; the JSONL twin uses the same fields", async () => {
    const s = await run("csv", ["csv", "csv-jsonl"]);
    expect(errs(s)).toEqual([
      "csv/votes.csv:5:unknown_winner",
      "csv/votes.csv:6:missing_model",
      "csv/votes.csv:7:same_system",
      "csv/votes.csv:8:malformed_csv",
      "csv-jsonl/votes.jsonl:2:invalid_value",
    ]);
    expect(s.imported).toBe(4);
    const votes = await votesOf("csv");
    const p1 = votes.filter((v) => v.battle.prompt.externalId === "p1");
    expect(new Set(p1.map((v) => v.battleId)).size).toBe(1);
    expect(p1.find((v) => v.voterKind === "human" && v.voter!.externalId === "csv:v1")!.battle.responseA!.turns).toEqual([
      'An old pond,\r\na frog jumps in "plop"',
    ]);
    const judge = p1.find((v) => v.voterKind === "judge")!;
    expect(judge.judge!.slug).toBe("gpt-judge");
    expect(judge.shownLeft).toBe(judge.battle.systemA.slug === "sys-y" ? "A" : "B");
  });
});
