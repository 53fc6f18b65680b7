/**
 * Real data: PRD's Vicuna-80 ratings (/work/shared/data/prd-vicuna80) through the importer (lib/importers), then the
 * judge leaderboard. Its MT-Bench agreement must equal a brute-force count over the stored votes. Skipped, with the
 * reason, when the data folder or the importer is missing.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "@/tests/support/db";
import { clearJudgeDashboardCache, getJudgeLeaderboard } from "@/lib/judges/dashboard/service";
import { sliceSchema } from "@/lib/validation/slice";

const PRD = path.join(process.env.CONCORD_SHARED_DATA ?? "/work/shared/data", "prd-vicuna80/data/vicuna80");
const importer = existsSync(path.resolve(__dirname, "../lib/importers/index.ts")) && existsSync(path.resolve(__dirname, "../lib/importers/formats/prd.ts"));
const skip = !existsSync(PRD) ? `no PRD data at ${PRD}` : !importer ? "the PRD importer (lib/importers/formats/prd.ts) is not there yet" : null;
if (skip) console.warn(`[judges-dashboard-real] skipped: ${skip}`);

describe.skipIf(skip !== null)("judge leaderboard on PRD Vicuna-80 (real files)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    useTestDb(t);
    clearJudgeDashboardCache();
    const { importFiles } = await import("@/lib/importers");
    await importFiles(t.db, "prd", [PRD], { connectionUrl: t.url });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it("matches a brute-force MT-Bench agreement for every imported judge and ranks them by τ", async () => {
    const lb = await getJudgeLeaderboard(sliceSchema.parse({}));
    expect(lb.judges.length).toBeGreaterThanOrEqual(3);
    const votes = await t.db.vote.findMany({
      where: { battle: { counted: true } },
      select: { voterKind: true, outcome: true, judge: { select: { slug: true } }, battle: { select: { promptId: true, systemAId: true, systemBId: true, turn: true } } },
    });
    const key = (b: { promptId: number; systemAId: number; systemBId: number; turn: number }) => `${b.promptId}:${b.systemAId}:${b.systemBId}:${b.turn}`;
    const label = (o: string) => (o === "bothbad" ? "tie" : o);
    const human = new Map<string, string[]>();
    const judges = new Map<string, Map<string, string[]>>();
    for (const v of votes) {
      const m = v.voterKind === "human" ? human : (judges.get(v.judge!.slug) ?? judges.set(v.judge!.slug, new Map()).get(v.judge!.slug)!);
      const k = key(v.battle);
      (m.get(k) ?? m.set(k, []).get(k)!).push(label(v.outcome));
    }
    for (const row of lb.judges) {
      let n = 0;
      let eq = 0;
      let nt = 0;
      let eqNt = 0;
      for (const [k, js] of judges.get(row.judge) ?? new Map<string, string[]>())
        for (const h of human.get(k) ?? [])
          for (const j of js) {
            n++;
            if (h === j) eq++;
            if (h !== "tie" && j !== "tie") {
              nt++;
              if (h === j) eqNt++;
            }
          }
      expect(row.nAgreement).toBe(n);
      expect(row.agreement).toBeCloseTo(eq / n, 12);
      expect(row.nAgreementNoTies).toBe(nt);
      expect(row.agreementNoTies).toBeCloseTo(eqNt / nt, 12);
      expect(row.kendallTau).not.toBeNull();
    }
    const taus = lb.judges.map((j) => j.kendallTau ?? -Infinity);
    expect([...taus].sort((a, b) => b - a)).toEqual(taus);
    expect(lb.humanHuman.n).toBeGreaterThan(0);
  }, 300_000);
});
