/**
 * Tests of the demo vote simulation: sizes, determinism, and that the known truth is recoverable.
 */
import { describe, expect, it } from "vitest";
import {
  DEMO_JUDGES,
  DEMO_OUTLIER_VOTERS,
  DEMO_SEED,
  btWinProb,
  davidsonProbs,
  demoPrompts,
  demoSystems,
  getDemoFeatures,
  getDemoSystem,
  simulateDemoVotes,
  trueDelta,
  type DemoBattle,
  type DemoJudgeVote,
  type DemoVote,
} from "./index";

const sim = simulateDemoVotes();
const battleById = new Map(sim.battles.map((b) => [b.id, b]));
const battle = (id: string): DemoBattle => {
  const b = battleById.get(id);
  if (!b) throw new Error(`missing battle ${id}`);
  return b;
};
const decisive = <T extends { outcome: string }>(vs: T[]): T[] => vs.filter((v) => v.outcome === "a" || v.outcome === "b");
const regularCrowd = sim.crowdVotes.filter((v) => !(v.voterId in DEMO_OUTLIER_VOTERS));
const judgeVotes = (slug: string): DemoJudgeVote[] => sim.judgeVotes.filter((v) => v.judgeSlug === slug);

/** Share of decisive votes (both systems in the pair, either order) won by `x` against `y`. */
function pairWinRate(votes: DemoVote[], x: string, y: string): { rate: number; n: number } {
  let wins = 0;
  let n = 0;
  for (const v of decisive(votes)) {
    const b = battle(v.battleId);
    if (!((b.systemA === x && b.systemB === y) || (b.systemA === y && b.systemB === x))) continue;
    n++;
    if ((v.outcome === "a" ? b.systemA : b.systemB) === x) wins++;
  }
  return { rate: wins / n, n };
}

/** Share of decisive judge votes that pick the longer answer (by characters). */
function longerShare(votes: DemoJudgeVote[]): number {
  let longer = 0;
  let n = 0;
  for (const v of decisive(votes)) {
    const b = battle(v.battleId);
    const la = getDemoFeatures(b.systemA, b.promptExternalId).chars;
    const lb = getDemoFeatures(b.systemB, b.promptExternalId).chars;
    if (la === lb) continue;
    n++;
    if ((v.outcome === "a") === la > lb) longer++;
  }
  return longer / n;
}

function firstShownShare(votes: DemoJudgeVote[]): number {
  const d = decisive(votes);
  return d.filter((v) => v.outcome === v.shownLeft).length / d.length;
}

describe("simulation sizes and ids", () => {
  it("has 15 canonical pairs per prompt (900 battles) with unique ids", () => {
    expect(sim.battles).toHaveLength(demoPrompts.length * 15);
    expect(new Set(sim.battles.map((b) => b.id)).size).toBe(sim.battles.length);
    for (const b of sim.battles) expect(b.systemA < b.systemB).toBe(true);
  });

  it("has ~2,000 crowd votes from 40 voters (1–4 per battle) and 1,800 votes per judge", () => {
    expect(sim.voters).toHaveLength(40);
    expect(sim.crowdVotes.length).toBeGreaterThan(1700);
    expect(sim.crowdVotes.length).toBeLessThan(2300);
    const perBattle = new Map<string, string[]>();
    for (const v of sim.crowdVotes) perBattle.set(v.battleId, [...(perBattle.get(v.battleId) ?? []), v.voterId]);
    for (const vs of perBattle.values()) {
      expect(vs.length).toBeLessThanOrEqual(4);
      expect(new Set(vs).size).toBe(vs.length);
    }
    expect(sim.crowdVotes.every((v) => sim.voters.includes(v.voterId))).toBe(true);
    for (const j of DEMO_JUDGES) {
      const vs = judgeVotes(j.slug);
      expect(vs).toHaveLength(sim.battles.length * 2);
      const orders = new Set(vs.map((v) => `${v.battleId}|${v.shownLeft}`));
      expect(orders.size).toBe(vs.length);
    }
    const ids = [...sim.crowdVotes.map((v) => v.id), ...sim.judgeVotes.map((v) => v.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("records plausible times, sorted crowd votes within 30 days, and judge tokens and rationales", () => {
    const end = new Date("2026-11-30T12:00:00.000Z").getTime();
    for (const v of sim.crowdVotes) {
      expect(v.timeToVoteMs).toBeGreaterThan(0);
      expect(v.createdAt.getTime()).toBeLessThanOrEqual(end);
      expect(v.createdAt.getTime()).toBeGreaterThanOrEqual(end - 30 * 86_400_000);
    }
    for (let i = 1; i < sim.crowdVotes.length; i++) {
      expect(sim.crowdVotes[i].createdAt.getTime()).toBeGreaterThanOrEqual(sim.crowdVotes[i - 1].createdAt.getTime());
    }
    for (const v of sim.judgeVotes) {
      expect(v.promptTokens).toBeGreaterThan(180);
      expect(v.completionTokens).toBeGreaterThan(5);
      expect(v.rationale).toMatch(/Verdict: (Assistant [12]|tie|both bad)\.$/);
    }
  });
});

describe("determinism", () => {
  it("gives equal results for the same seed and different results for different seeds", () => {
    expect(simulateDemoVotes(DEMO_SEED)).toEqual(sim);
    const other = simulateDemoVotes(DEMO_SEED + 1);
    expect(other.battles).toEqual(sim.battles);
    expect(other.crowdVotes).not.toEqual(sim.crowdVotes);
    expect(other.judgeVotes).not.toEqual(sim.judgeVotes);
  });

  it("shifts timestamps with `now` without changing outcomes", () => {
    const later = simulateDemoVotes(DEMO_SEED, { now: new Date("2027-01-01T00:00:00Z") });
    expect(later.crowdVotes.map((v) => v.outcome)).toEqual(sim.crowdVotes.map((v) => v.outcome));
    expect(later.crowdVotes[0].createdAt.getTime()).toBeGreaterThan(sim.crowdVotes[0].createdAt.getTime());
  });
});

describe("model functions", () => {
  it("Davidson reduces to Bradley–Terry given no tie", () => {
    for (const d of [-300, -50, 0, 120, 400]) {
      const p = davidsonProbs(d, 0.35);
      expect(p.a + p.b + p.tie).toBeCloseTo(1, 12);
      expect(p.a / (p.a + p.b)).toBeCloseTo(btWinProb(d), 12);
    }
    expect(btWinProb(400)).toBeCloseTo(10 / 11, 12);
  });
});

describe("known truth is recoverable", () => {
  it("orders crowd win rates by true strength for pairs far apart", () => {
    let checked = 0;
    for (const x of demoSystems) {
      for (const y of demoSystems) {
        if (getDemoSystem(x.slug).trueStrength - getDemoSystem(y.slug).trueStrength < 150) continue;
        if (x.style === "markdown-heavy" || y.style === "markdown-heavy") continue;
        const { rate, n } = pairWinRate(regularCrowd, x.slug, y.slug);
        expect(n).toBeGreaterThan(50);
        expect(rate, `${x.slug} vs ${y.slug}`).toBeGreaterThan(0.6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("shows the crowd's markdown preference beyond true strength", () => {
    const md = demoSystems.find((s) => s.style === "markdown-heavy")?.slug ?? "";
    let wins = 0;
    let expected = 0;
    let n = 0;
    for (const v of decisive(regularCrowd)) {
      const b = battle(v.battleId);
      if (b.systemA !== md && b.systemB !== md) continue;
      const pA = btWinProb(trueDelta(b));
      n++;
      expected += b.systemA === md ? pA : 1 - pA;
      if ((v.outcome === "a" ? b.systemA : b.systemB) === md) wins++;
    }
    expect(n).toBeGreaterThan(300);
    expect(wins / n).toBeGreaterThan(expected / n + 0.05);
  });

  it("makes the biased judge prefer longer and first-shown answers, and the fair judge not", () => {
    const fair = judgeVotes("demo-judge-fair");
    const biased = judgeVotes("demo-judge-biased");
    expect(longerShare(biased)).toBeGreaterThan(longerShare(fair) + 0.08);
    expect(firstShownShare(biased)).toBeGreaterThan(0.6);
    expect(Math.abs(firstShownShare(fair) - 0.5)).toBeLessThan(0.06);
  });

  it("makes the fair judge agree with the true ordering", () => {
    const fair = decisive(judgeVotes("demo-judge-fair"));
    const agree = fair.filter((v) => (trueDelta(battle(v.battleId)) >= 0) === (v.outcome === "a")).length;
    expect(agree / fair.length).toBeGreaterThan(0.65);
  });

  it("plants outlier voters that disagree with the crowd's majority", () => {
    const agreeWithTruth = (voter: string): number => {
      const vs = decisive(sim.crowdVotes.filter((v) => v.voterId === voter));
      return vs.filter((v) => (trueDelta(battle(v.battleId)) >= 0) === (v.outcome === "a")).length / vs.length;
    };
    const regular = sim.voters.filter((v) => !(v in DEMO_OUTLIER_VOTERS)).map(agreeWithTruth);
    const mean = regular.reduce((s, x) => s + x, 0) / regular.length;
    expect(mean).toBeGreaterThan(0.6);
    expect(agreeWithTruth("demo-voter-23")).toBeLessThan(0.45);
    expect(agreeWithTruth("demo-voter-07")).toBeLessThan(mean - 0.05);
  });

  it("makes both-bad likelier when both answers are bad", () => {
    const rate = (bothBad: boolean): number => {
      const vs = regularCrowd.filter((v) => {
        const b = battle(v.battleId);
        const n = [b.systemA, b.systemB].filter((s) => getDemoFeatures(s, b.promptExternalId).bad).length;
        return bothBad ? n === 2 : n === 0;
      });
      return vs.filter((v) => v.outcome === "bothbad").length / vs.length;
    };
    expect(rate(true)).toBeGreaterThan(rate(false) + 0.2);
  });
});
