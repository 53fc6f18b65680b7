/**
 * Judge dashboard services on a tiny fixture whose figures are computed by hand below.
 *
 * Systems s1 < s2 < s3 (ids in that order), judge J (family "fam-s1", shared with s1), prompts p1 (coding), p2 (math).
 * Keys (prompt, pair, turn):
 *   K1 = (p1, s1, s2): TWO battles b1, b2. Humans: h1 A (b1), h2 B (b1), h3 A (b2). Judge on b1: shown A → A; shown B → tie.
 *   K2 = (p1, s1, s3): battle b3. Humans: h1 bothbad, h2 B. Judge: shown A → B; shown B → B.
 *   K3 = (p2, s2, s3): battle b4. Humans: h1 A; h4 (excluded by a maintainer) B — never counted. No judge.
 *   K4 = (p2, s1, s2): battle b5. Judge only: shown A → A.
 * Judge–human pairs: K1 {A,B,A}×{A,tie} = 6 pairs, 2 equal; 3 without ties, 2 equal. K2 {tie,B}×{B,B} = 4 pairs,
 *   2 equal; 2 without ties, 2 equal. ⇒ agreement 4/10 = 0.4; without ties 4/5 = 0.8; n = 10.
 * Human–human: K1 pairs (A,B) (A,A) (B,A): 1 of 3 equal; K2 (tie,B): 0 of 1, no tie-free pair. ⇒ 1/4, 1/3, n = 4.
 * Position consistency: K1 (A vs tie) inconsistent, K2 (B, B) consistent ⇒ 0.5 over 2.
 * First-shown share of the judge's decisive votes: K1 A shown A ✓, K2 B shown A ✗, K2 B shown B ✓, K4 A shown A ✓ ⇒ 3/4.
 * Longer answer (tokens s1 100, s2 200, s3 50): K1 judge A (shorter), K2 B ×2 (shorter), K4 A (shorter) ⇒ 0/4.
 * Confusion: K1 human majority A, judge {A, tie} split ⇒ tie: cell (A, tie) = 1; K2 humans {tie, B} no majority.
 * Coverage 2/3 (K1, K2 of K1–K3); shared battles 2 < 50 and 3 systems < 5 ⇒ both "too few" warnings.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "@/tests/support/db";
import { clearJudgeDashboardCache, getJudgeDetail, getJudgeLeaderboard, toMachineJson } from "@/lib/judges/dashboard/service";
import { sliceSchema } from "@/lib/validation/slice";
import { wilson } from "@/lib/judges/dashboard/stats";
import judgesCommand from "@/lib/cli/commands/judges";
import { UsageError } from "@/lib/cli/types";

let t: TestDb;
const ids: Record<string, number> = {};
const all = sliceSchema.parse({});

async function fixture(db: TestDb["db"]) {
  const sys = async (slug: string, family: string) => (ids[slug] = (await db.system.create({ data: { slug, name: slug.toUpperCase(), family } })).id);
  await sys("s1", "fam-s1");
  await sys("s2", "other");
  await sys("s3", "other");
  const set = await db.promptSet.create({ data: { slug: "tiny", name: "Tiny" } });
  const prompt = async (ext: string, category: string) =>
    (ids[ext] = (await db.prompt.create({ data: { promptSetId: set.id, externalId: ext, turns: [`question ${ext}`], category } })).id);
  await prompt("p1", "coding");
  await prompt("p2", "math");
  const tokens: Record<string, number> = { s1: 100, s2: 200, s3: 50 };
  const resp: Record<string, number> = {};
  for (const p of ["p1", "p2"])
    for (const s of ["s1", "s2", "s3"])
      resp[`${p}${s}`] = (await db.response.create({ data: { promptId: ids[p], systemId: ids[s], turns: [`answer of ${s} to ${p}`], tokenCount: tokens[s] } })).id;
  const battle = async (name: string, p: string, a: string, b: string, category: string) =>
    (ids[name] = (
      await db.battle.create({
        data: { key: `import:tiny:${name}`, promptId: ids[p], systemAId: ids[a], systemBId: ids[b], responseAId: resp[`${p}${a}`], responseBId: resp[`${p}${b}`], promptSetId: set.id, category },
      })
    ).id);
  await battle("b1", "p1", "s1", "s2", "coding");
  await battle("b2", "p1", "s1", "s2", "coding");
  await battle("b3", "p1", "s1", "s3", "coding");
  await battle("b4", "p2", "s2", "s3", "math");
  await battle("b5", "p2", "s1", "s2", "math");
  for (const h of ["h1", "h2", "h3", "h4"]) ids[h] = (await db.voter.create({ data: { externalId: `tiny:${h}`, excluded: h === "h4" } })).id;
  const human = (b: string, h: string, outcome: "A" | "B" | "tie" | "bothbad") =>
    db.vote.create({ data: { battleId: ids[b], outcome, shownLeft: "A", voterKind: "human", voterId: ids[h] } });
  await human("b1", "h1", "A");
  await human("b1", "h2", "B");
  await human("b2", "h3", "A");
  await human("b3", "h1", "bothbad");
  await human("b3", "h2", "B");
  await human("b4", "h1", "A");
  await human("b4", "h4", "B");
  const judge = await db.judge.create({ data: { slug: "j", name: "Judge J", family: "fam-s1" } });
  ids.judge = judge.id;
  await db.judge.create({ data: { slug: "silent", name: "Silent judge", kind: "panel" } });
  const run = await db.judgeRun.create({ data: { judgeId: judge.id, status: "completed", costUsd: 1.5 } });
  await db.judgeRun.create({ data: { judgeId: judge.id, status: "completed", costUsd: 0.5 } });
  const jv = (b: string, shownLeft: "A" | "B", outcome: "A" | "B" | "tie") =>
    db.vote.create({ data: { battleId: ids[b], outcome, shownLeft, voterKind: "judge", judgeId: judge.id, judgeRunId: run.id, rationale: `rationale ${b} ${shownLeft}` } });
  await jv("b1", "A", "A");
  await jv("b1", "B", "tie");
  await jv("b3", "A", "B");
  await jv("b3", "B", "B");
  await jv("b5", "A", "A");
  const tasks: ["b1" | "b3", "A" | "B", "done" | "unparseable"][] = [
    ["b1", "A", "done"],
    ["b1", "B", "done"],
    ["b3", "A", "done"],
    ["b3", "B", "unparseable"],
  ];
  for (const [b, side, status] of tasks) await db.judgeTask.create({ data: { runId: run.id, battleId: ids[b], shownLeft: side, status } });
}

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  await fixture(t.db);
});
beforeEach(() => {
  useTestDb(t);
  clearJudgeDashboardCache();
});
afterAll(async () => {
  await t.close();
});

describe("judge leaderboard", () => {
  it("computes MT-Bench agreement by key (several battles per key, both orders, ties and both-bad)", async () => {
    const lb = await getJudgeLeaderboard(all);
    const j = lb.judges.find((r) => r.judge === "j")!;
    expect(j.nAgreement).toBe(10);
    expect(j.agreement).toBeCloseTo(0.4, 12);
    expect(j.nAgreementNoTies).toBe(5);
    expect(j.agreementNoTies).toBeCloseTo(0.8, 12);
    expect(j.positionConsistency).toBe(0.5);
    expect(j.nPositionPairs).toBe(2);
    expect(j.coverage).toBeCloseTo(2 / 3, 12);
    expect(j.battles).toBe(2);
    expect(j.systems).toBe(3);
    expect(j.judgeVotes).toBe(5);
    expect(j.kappa).not.toBeNull();
  });

  it("computes human–human agreement over all pairs of human votes on a key, leaving out excluded voters", async () => {
    const lb = await getJudgeLeaderboard(all);
    expect(lb.humanHuman.n).toBe(4);
    expect(lb.humanHuman.agreement).toBeCloseTo(0.25, 12);
    expect(lb.humanHuman.nNoTies).toBe(3);
    expect(lb.humanHuman.agreementNoTies).toBeCloseTo(1 / 3, 12);
    expect(lb.humanHuman.keys).toBe(2);
    expect(lb.crowd.votes).toBe(6);
    expect(lb.crowd.keys).toBe(3);
  });

  it("reports unparseable share, cost, position and length shares, and the too-few warnings", async () => {
    const lb = await getJudgeLeaderboard(all);
    const j = lb.judges.find((r) => r.judge === "j")!;
    expect(j.unparseableShare).toBe(0.25);
    expect(j.tasks).toBe(4);
    expect(j.costUsd).toBeCloseTo(2, 12);
    expect(j.firstShown).toMatchObject({ k: 3, n: 4, share: 0.75 });
    expect(j.longer).toMatchObject({ k: 0, n: 4, share: 0 });
    expect(j.warnings.some((w) => w.includes("only 2 battles shared") && w.includes("fewer than 50"))).toBe(true);
    expect(j.warnings.some((w) => w.includes("only 3 systems") && w.includes("fewer than 5"))).toBe(true);
    expect(lb.silentJudges).toEqual([{ judge: "silent", name: "Silent judge" }]);
  });

  it("slices by category and leaves out flagged voters on request", async () => {
    const coding = await getJudgeLeaderboard(sliceSchema.parse({ category: "coding" }));
    expect(coding.crowd.keys).toBe(2);
    expect(coding.judges[0].judgeVotes).toBe(4);
    await t.db.voter.update({ where: { id: ids.h2 }, data: { flagged: true } });
    try {
      const lb = await getJudgeLeaderboard(sliceSchema.parse({ excludeFlagged: "1" }));
      const j = lb.judges[0];
      // K1 {A, A} × {A, tie}: 4 pairs, 2 equal; K2 {tie} × {B, B}: 2 pairs, 0 equal.
      expect(j.nAgreement).toBe(6);
      expect(j.agreement).toBeCloseTo(1 / 3, 12);
      expect((await getJudgeLeaderboard(all)).judges[0].nAgreement).toBe(10);
    } finally {
      await t.db.voter.update({ where: { id: ids.h2 }, data: { flagged: false } });
    }
  });

  it("prints the machine-readable shape", async () => {
    const out = toMachineJson(await getJudgeLeaderboard(all));
    const keys = ["judge", "kendall_tau", "tau_ci_low", "tau_ci_high", "spearman", "agreement", "agreement_no_ties", "n_agreement", "kappa", "position_consistency", "systems", "battles"];
    for (const k of keys) expect(out.judges[0]).toHaveProperty(k);
    expect(out.human_human).toEqual({ agreement: 0.25, agreement_no_ties: 1 / 3, n: 4 });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it("serves one computation to concurrent callers and recomputes when a vote arrives", async () => {
    const [a, b] = await Promise.all([getJudgeLeaderboard(all), getJudgeLeaderboard(all)]);
    expect(a.computedAt).toBe(b.computedAt);
    expect(a.watermark).toBe(b.watermark);
    const v = await t.db.vote.create({ data: { battleId: ids.b5, outcome: "B", shownLeft: "A", voterKind: "human", voterId: ids.h3 } });
    try {
      const stale = await getJudgeLeaderboard(all);
      expect(stale.stale).toBe(true);
      expect(stale.crowd.votes).toBe(6);
      await new Promise((r) => setTimeout(r, 50));
      let fresh = await getJudgeLeaderboard(all);
      for (let i = 0; i < 50 && fresh.crowd.votes !== 7; i++) {
        await new Promise((r) => setTimeout(r, 100));
        fresh = await getJudgeLeaderboard(all);
      }
      expect(fresh.crowd.votes).toBe(7);
      expect(fresh.stale).toBe(false);
    } finally {
      await t.db.vote.delete({ where: { id: v.id } });
    }
  });
});

describe("judge detail", () => {
  it("builds the confusion matrix against the human majority per key", async () => {
    const d = await getJudgeDetail("j", all);
    expect(d.confusion.labels).toEqual(["A", "B", "tie"]);
    expect(d.confusion.matrix).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(d.confusion.keys).toBe(1);
    expect(d.confusion.noMajority).toBe(1);
  });

  it("counts position bias with a binomial interval and the crowd reference", async () => {
    const d = await getJudgeDetail("j", all);
    expect(d.position.judge).toEqual(wilson(3, 4));
    // Human decisive votes all shown A first: h1 A ✓, h2 B ✗ (K1), h3 A ✓, h2 B ✗ (K2), h1 A ✓ (K3) ⇒ 3/5.
    expect(d.position.crowd).toMatchObject({ k: 3, n: 5 });
    const w = wilson(3, 4);
    expect(w.ciLow!).toBeLessThan(0.75);
    expect(w.ciHigh!).toBeGreaterThan(0.75);
  });

  it("lists the largest disagreements by key and opens a battle with both verdicts and the rationale", async () => {
    const d = await getJudgeDetail("j", all, { battleId: ids.b1 });
    expect(d.disagreements.map((r) => r.battleId)).toEqual([ids.b3, ids.b1]);
    expect(d.disagreements[0].gap).toBeCloseTo(0.25, 12);
    expect(d.disagreements[1].human).toEqual({ A: 2, B: 1, tie: 0 });
    expect(d.battle?.humanVotes).toEqual({ A: 1, B: 1, tie: 0, bothbad: 0 });
    expect(d.battle?.judgeVotes.map((v) => v.rationale)).toEqual(["rationale b1 A", "rationale b1 B"]);
    expect(d.battle?.systemA.answer).toEqual(["answer of s1 to p1"]);
  });

  it("marks the judge's own family, and says the alt-test has too few multiply-annotated battles", async () => {
    const d = await getJudgeDetail("j", all, { epsilon: 0.1 });
    expect(d.systems.find((s) => s.system === "s1")?.sameFamily).toBe(true);
    expect(d.bias.find((b) => b.system === "s1")?.sameFamily).toBe(true);
    expect(d.altTest).toMatchObject({ enough: false, items: 1, epsilon: 0.1 });
    expect(d.verbosity.judgeLonger).toMatchObject({ k: 0, n: 4 });
  });

  it("404s unknown judges and judges without votes", async () => {
    await expect(getJudgeDetail("nobody", all)).rejects.toMatchObject({ code: "not_found" });
    await expect(getJudgeDetail("silent", all)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("concord judges", () => {
  const io = () => {
    let out = "";
    return { io: { stdout: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, stderr: process.stderr, isTty: false }, out: () => out };
  };
  it("prints the JSON shape and a table, with the slice flags", async () => {
    const a = io();
    expect(await judgesCommand.run(["--format", "json", "--category", "coding"], a.io)).toBe(0);
    const body = JSON.parse(a.out()) as { judges: { judge: string; n_agreement: number }[]; human_human: { n: number } };
    expect(body.judges.map((j) => j.judge)).toEqual(["j"]);
    expect(body.human_human.n).toBe(4);
    useTestDb(t);
    const b = io();
    expect(await judgesCommand.run([], b.io)).toBe(0);
    expect(b.out()).toMatch(/^judge\s+tau/);
    expect(b.out()).toContain("(human–human)");
    await expect(judgesCommand.run(["--format", "yaml"], io().io)).rejects.toBeInstanceOf(UsageError);
  });
});
