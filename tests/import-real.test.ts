/**
 * The real public datasets in /work/shared/data (skipped when absent): PRD Vicuna-80 vote counts and each judge's
 * agreement with the humans, computed from the database and, independently, from the raw files; MT-Bench and
 * Arena-Hard questions and answers.
 * Agreement (MT-Bench): key every vote by (prompt, unordered pair, turn); compare every human vote with every judge
 * vote on the key (each shown order of the judge separately), in canonical terms, both-bad counted as a tie.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { importFiles } from "@/lib/importers";

const DATA = path.resolve(__dirname, "../../shared/data");
const PRD = path.join(DATA, "prd-vicuna80/data/vicuna80");
const MT = path.join(DATA, "mt-bench");
const AH = path.join(DATA, "arena-hard-v0.1");
const lines = (f: string) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "");

interface Agreement { withTies: number; withoutTies: number; n: number; nNoTie: number }

function agreement(human: Map<string, string[]>, judge: Map<string, string[]>): Agreement {
  let n = 0, same = 0, n2 = 0, same2 = 0;
  for (const [key, js] of judge) {
    for (const h of human.get(key) ?? []) {
      for (const j of js) {
        n++;
        if (h === j) same++;
        if (h !== "tie" && j !== "tie") {
          n2++;
          if (h === j) same2++;
        }
      }
    }
  }
  return { withTies: same / n, withoutTies: same2 / n2, n, nNoTie: n2 };
}

const push = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);

/** From the raw files: canonical side = the lexicographically smaller system name. */
function rawVotes(reviewer: string): Map<string, string[]> {
  const dir = path.join(PRD, `ratings-${reviewer}`);
  const out = new Map<string, string[]>();
  for (const name of readdirSync(dir)) {
    const m = new RegExp(`^answer[_-](.+)-vs-answer[_-](.+)-${reviewer}-reviewer`).exec(name)!;
    const [x, y] = [m[1], m[2]];
    for (const l of lines(path.join(dir, name))) {
      const r = JSON.parse(l) as { question_id: number; score: number };
      const winner = r.score === 3 ? null : r.score === 1 ? x : y;
      const lo = x < y ? x : y;
      push(out, `${r.question_id}|${[x, y].sort().join("|")}|1`, winner === null ? "tie" : winner === lo ? "lo" : "hi");
    }
  }
  return out;
}

describe.skipIf(!existsSync(PRD))("PRD Vicuna-80 (real files)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("imports every human and judge rating, and the judges' agreement with humans matches the raw files", async () => {
    const s = await importFiles(t.db, "prd", [PRD], { connectionUrl: t.url });
    expect(s.skipped).toBe(0);
    const reviewers = readdirSync(PRD).filter((d) => d.startsWith("ratings-")).map((d) => d.slice("ratings-".length));
    expect(reviewers.sort()).toEqual(["bard", "claude", "gpt35", "gpt4", "human", "vicuna-13b"]);
    const rawCount = (r: string) => readdirSync(path.join(PRD, `ratings-${r}`)).reduce((n, f) => n + lines(path.join(PRD, `ratings-${r}`, f)).length, 0);
    expect(await t.db.vote.count({ where: { voterKind: "human" } })).toBe(rawCount("human"));
    expect(rawCount("human")).toBe(7040);
    const humanSystems = await t.db.system.count();
    expect(humanSystems).toBe(9);
    for (const r of reviewers.filter((r) => r !== "human")) {
      expect(await t.db.vote.count({ where: { judge: { slug: `prd-${r}` } } })).toBe(rawCount(r));
    }
    expect(await t.db.judgeRun.count({ where: { judge: { slug: "prd-gpt35" } } })).toBe(2);

    // From the database.
    const votes = await t.db.vote.findMany({
      select: { outcome: true, voterKind: true, judge: { select: { slug: true } }, battle: { select: { promptId: true, turn: true, systemA: { select: { slug: true } }, systemB: { select: { slug: true } }, prompt: { select: { externalId: true } } } } },
    });
    const dbHuman = new Map<string, string[]>();
    const dbJudge = new Map<string, Map<string, string[]>>();
    for (const v of votes) {
      const b = v.battle;
      const key = `${b.prompt.externalId}|${[b.systemA.slug, b.systemB.slug].sort().join("|")}|${b.turn}`;
      // Canonical A/B by id; re-express as lo/hi by name so both computations use the same labels.
      const aIsLo = b.systemA.slug < b.systemB.slug;
      const o = v.outcome === "tie" || v.outcome === "bothbad" ? "tie" : (v.outcome === "A") === aIsLo ? "lo" : "hi";
      if (v.voterKind === "human") push(dbHuman, key, o);
      else {
        const m = dbJudge.get(v.judge!.slug) ?? new Map<string, string[]>();
        push(m, key, o);
        dbJudge.set(v.judge!.slug, m);
      }
    }
    const rawHuman = rawVotes("human");
    for (const r of reviewers.filter((r) => r !== "human")) {
      const fromDb = agreement(dbHuman, dbJudge.get(`prd-${r}`)!);
      const fromRaw = agreement(rawHuman, rawVotes(r));
      expect(fromDb).toEqual(fromRaw);
      expect(fromDb.n).toBeGreaterThan(1000);
      expect(fromDb.withTies).toBeGreaterThan(0.3);
      expect(fromDb.withoutTies).toBeGreaterThan(fromDb.withTies);
    }
  }, 120_000);
});

describe.skipIf(!existsSync(MT))("MT-Bench questions and answers (real files)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });
  it("imports 80 two-turn questions and 32 systems × 80 answers", async () => {
    const answers = readdirSync(path.join(MT, "model_answer"));
    const s = await importFiles(t.db, "mtbench", [MT], { connectionUrl: t.url });
    expect(s.skipped).toBe(0);
    expect(await t.db.prompt.count()).toBe(lines(path.join(MT, "question.jsonl")).length);
    expect(await t.db.prompt.count()).toBe(80);
    expect(answers).toHaveLength(32);
    expect(await t.db.system.count()).toBe(32);
    const total = answers.reduce((n, f) => n + lines(path.join(MT, "model_answer", f)).length, 0);
    expect(await t.db.response.count()).toBe(total);
    const withRef = (await t.db.prompt.findMany({ select: { reference: true } })).filter((p) => p.reference !== null).length;
    expect(withRef).toBeGreaterThan(0);
    const r = await t.db.response.findFirst();
    expect((r!.turns as string[]).length).toBe(2);
  }, 120_000);
});

describe.skipIf(!existsSync(AH))("Arena-Hard questions and answers (real files)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });
  it("imports 500 questions and three systems' answers", async () => {
    const s = await importFiles(t.db, "arena-hard", [AH], { connectionUrl: t.url });
    expect(s.skipped).toBe(0);
    expect(await t.db.prompt.count()).toBe(lines(path.join(AH, "question.jsonl")).length);
    const files = readdirSync(path.join(AH, "model_answer"));
    expect(await t.db.system.count()).toBe(files.length);
    expect(await t.db.response.count()).toBe(files.reduce((n, f) => n + lines(path.join(AH, "model_answer", f)).length, 0));
  }, 120_000);
});

if (!existsSync(DATA)) console.warn(`[import-real] skipped: ${DATA} is absent (the shared public datasets)`);
