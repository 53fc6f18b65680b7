/** External judges through the battle API (API keys: valid, revoked, wrong → 401) and cascade calibration. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { seedJudgeData } from "./judge-support";
import { GET as nextGET } from "@/app/api/battles/next/route";
import { POST as votePOST } from "@/app/api/battles/[ticket]/vote/route";
import { invalidatePool } from "@/lib/arena/pool";
import { writeArenaSettings } from "@/lib/arena/settings";
import { createJudge } from "@/lib/judges/configs/service";
import { issueApiKey, revokeApiKey } from "@/lib/judges/apikeys/service";
import { runCascadeReport } from "@/lib/judges/runs/cascade";
import { cascadeSchema, judgeCreateSchema } from "@/lib/validation/judges";
import { createRng } from "@/lib/random";

let t: TestDb;
const BASE = "http://arena.test";

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  await seedJudgeData(t.db, { prompts: 40, systems: 3 });
  invalidatePool();
  await writeArenaSettings({ rateLimits: { votesPerMinute: 0, votesPerDay: 0, ipVotesPerMinute: 0, ipVotesPerDay: 0, battlesPerMinute: 0, ipBattlesPerMinute: 0 } });
});
afterAll(async () => {
  await t?.close();
});

const next = (key: string) => nextGET(new Request(`${BASE}/api/battles/next`, { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": "10.1.1.1" } }), undefined);
const vote = (key: string, ticket: string, outcome: string) =>
  votePOST(
    new Request(`${BASE}/api/battles/${ticket}/vote`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ outcome }) }),
    { params: Promise.resolve({ ticket }) },
  );

describe("external judges with API keys", () => {
  it("valid key: the same battle API; the vote is stored as the judge's (api run, voterKind judge)", async () => {
    const judge = await createJudge(judgeCreateSchema.parse({ slug: "agent", kind: "external" }));
    const { key, id, prefix } = await issueApiKey("agent", "ci");
    expect(key.startsWith(prefix)).toBe(true);
    const stored = await t.db.apiKey.findUniqueOrThrow({ where: { id } });
    expect(stored.hash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key);
    const res = await next(key);
    expect(res.status).toBe(200);
    const battle = (await res.json()) as { ticket: string };
    const v = await vote(key, battle.ticket, "left");
    expect(v.status).toBe(200);
    const votes = await t.db.vote.findMany({ where: { judgeId: judge.id } });
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ voterKind: "judge", voterId: null });
    expect(votes[0].outcome).toBe(votes[0].shownLeft);
    const run = await t.db.judgeRun.findUniqueOrThrow({ where: { id: votes[0].judgeRunId! } });
    expect([run.label, run.doneTasks]).toEqual(["api", 1]);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("an agent is served every battle in both orders before any repeat (the second time the other way round)", async () => {
    const seed = await seedJudgeData(t.db, { set: "both-orders", prompts: 4, systems: 3 }); // 12 battles
    invalidatePool();
    const judge = await createJudge(judgeCreateSchema.parse({ slug: "agent-both", kind: "external" }));
    const { key } = await issueApiKey("agent-both");
    const get = () => nextGET(new Request(`${BASE}/api/battles/next?set=both-orders`, { headers: { authorization: `Bearer ${key}`, "x-forwarded-for": "10.1.1.2" } }), undefined);
    for (let i = 0; i < 2 * seed.battleIds.length; i++) {
      const res = await get();
      expect(res.status).toBe(200);
      const { ticket } = (await res.json()) as { ticket: string };
      expect((await vote(key, ticket, i % 2 ? "left" : "tie")).status).toBe(200); // never a 409 repeat
    }
    const votes = await t.db.vote.findMany({ where: { judgeId: judge.id }, select: { battleId: true, shownLeft: true } });
    expect(votes).toHaveLength(24);
    expect(new Set(votes.map((v) => `${v.battleId}:${v.shownLeft}`)).size).toBe(24);
    expect(new Set(votes.map((v) => v.battleId))).toEqual(new Set(seed.battleIds));
  });

  it("wrong, malformed and revoked keys → 401", async () => {
    const { key, id } = await issueApiKey("agent");
    expect((await next(key)).status).toBe(200);
    expect((await next("concord_definitely-not-a-key")).status).toBe(401);
    expect((await next("sk-something")).status).toBe(401);
    await revokeApiKey(id);
    const res = await next(key);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });

  it("keys are only for external judges", async () => {
    await createJudge(judgeCreateSchema.parse({ slug: "len2", kind: "baseline", rule: "longer" }));
    await expect(issueApiKey("len2")).rejects.toThrow(/external/);
  });
});

describe("cascade calibration on simulated data", () => {
  it("trusted verdicts reach the target agreement on held-out battles; low-confidence ones escalate", async () => {
    // humans: 3 votes per battle, all for the true winner; cheap judge: consistent and right on 70 % of battles,
    // inconsistent (A in one order, B in the other) elsewhere; strong judge: consistent and right on 95 %.
    const cas = await seedJudgeData(t.db, { set: "cas", prompts: 150, systems: 3 });
    const rng = createRng(7);
    const voters = await Promise.all([0, 1, 2].map((i) => t.db.voter.create({ data: { externalId: `cas-h${i}` } })));
    const cheap = await createJudge(judgeCreateSchema.parse({ slug: "cheap", kind: "external" }));
    const strong = await createJudge(judgeCreateSchema.parse({ slug: "strong", kind: "external" }));
    const runs = await Promise.all([cheap, strong].map((j) => t.db.judgeRun.create({ data: { judgeId: j.id, label: "sim", status: "completed" } })));
    const data = [];
    for (const battleId of cas.battleIds) {
      const truth = rng.next() < 0.5 ? "A" : "B";
      const wrong = truth === "A" ? "B" : "A";
      for (const v of voters) data.push({ battleId, outcome: truth, shownLeft: "A", voterKind: "human", voterId: v.id } as const);
      const cheapOk = rng.next() < 0.7;
      data.push({ battleId, outcome: truth, shownLeft: "A", voterKind: "judge", judgeId: cheap.id, judgeRunId: runs[0].id } as const);
      data.push({ battleId, outcome: cheapOk ? truth : wrong, shownLeft: "B", voterKind: "judge", judgeId: cheap.id, judgeRunId: runs[0].id } as const);
      const strongOk = rng.next() < 0.95;
      for (const side of ["A", "B"] as const) data.push({ battleId, outcome: strongOk ? truth : wrong, shownLeft: side, voterKind: "judge", judgeId: strong.id, judgeRunId: runs[1].id } as const);
    }
    await t.db.vote.createMany({ data });
    const r = await runCascadeReport(cascadeSchema.parse({ judges: ["cheap", "strong"], alpha: 0.2, delta: 0.2, set: "cas" }));
    expect(r.calibrationBattles + r.heldOutBattles).toBe(cas.battleIds.length);
    expect(r.stages[0].threshold).toBeGreaterThan(0.5); // only fully consistent cheap verdicts (confidence 1) are trusted
    expect(r.heldOut.coverage).toBeGreaterThan(0.85);
    expect(r.heldOut.agreement).toBeGreaterThanOrEqual(0.8);
    expect(r.heldOut.perStage[1].trusted).toBeGreaterThan(0); // escalations reached the strong judge
    const saved = await t.db.judgeRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect((saved.selection as { cascade: { judges: string[] } }).cascade.judges).toEqual(["cheap", "strong"]);
  });
});
