import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import {
  classCountsByKey,
  cohensKappa,
  humanHumanAgreement,
  humanHumanAgreementFromCounts,
  judgeHumanAgreement,
  judgeHumanAgreementFromCounts,
  voteKey,
  type Vote,
} from "./agreement";
import type { Outcome } from "./types";

const OUTCOMES: Outcome[] = ["a", "b", "tie", "bothbad"];

function randomVotes(seed: number, n: number, prompts: number, systems: number): Vote[] {
  const rng = createRng(seed);
  const names = Array.from({ length: systems }, (_, i) => `s${String.fromCharCode(97 + ((i * 7) % 26))}${i}`);
  const out: Vote[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.floor(rng.next() * systems);
    let y = Math.floor(rng.next() * (systems - 1));
    if (y >= x) y++;
    out.push({ prompt: Math.floor(rng.next() * prompts), turn: 1 + Math.floor(rng.next() * 2), a: names[x], b: names[y], outcome: OUTCOMES[Math.floor(rng.next() * 4)] });
  }
  return out;
}

/** Human–human κ over both orders of every pair, brute force (what the count version defines). */
function bothOrdersKappa(human: Vote[]): number {
  const byKey = new Map<string, Vote[]>();
  for (const v of human) (byKey.get(voteKey(v)) ?? byKey.set(voteKey(v), []).get(voteKey(v))!).push(v);
  const code = (v: Vote) => (v.outcome === "tie" || v.outcome === "bothbad" ? 2 : (v.outcome === "a" ? v.a : v.b) === (v.a < v.b ? v.a : v.b) ? 0 : 1);
  const pairs: [number, number][] = [];
  for (const vs of byKey.values()) for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) if (i !== j) pairs.push([code(vs[i]), code(vs[j])]);
  return cohensKappa(pairs, 3);
}

describe("count-based MT-Bench agreement", () => {
  const cases = [
    { seed: 1, human: 300, judge: 200, prompts: 10, systems: 4 },
    { seed: 2, human: 1000, judge: 600, prompts: 40, systems: 6 },
    { seed: 3, human: 50, judge: 400, prompts: 3, systems: 3 },
    { seed: 4, human: 2000, judge: 100, prompts: 100, systems: 8 },
    { seed: 5, human: 7, judge: 5, prompts: 2, systems: 2 },
  ];
  it.each(cases)("equals the pairwise implementation exactly (seed $seed)", ({ seed, human: nh, judge: nj, prompts, systems }) => {
    const human = randomVotes(seed, nh, prompts, systems);
    const judge = randomVotes(seed + 1000, nj, prompts, systems);
    const keys = [...classCountsByKey(human, judge).values()];
    expect(judgeHumanAgreementFromCounts(keys)).toEqual(judgeHumanAgreement(human, judge));
    const hh = humanHumanAgreementFromCounts(keys);
    const pw = humanHumanAgreement(human);
    expect({ ...hh, kappa: 0 }).toEqual({ ...pw, kappa: 0 });
    expect(hh.kappa).toBe(bothOrdersKappa(human));
    // Multiplicity: keys with equal counts may be merged.
    const doubled = keys.map((k) => ({ ...k, keys: 2 }));
    const r = judgeHumanAgreementFromCounts(doubled);
    const jh = judgeHumanAgreement(human, judge);
    expect(r.comparisons).toBe(2 * jh.comparisons);
    expect(r.withTies).toBe(jh.withTies);
    expect(r.kappa).toBe(jh.kappa);
  });

  it("by hand", () => {
    // Key 1: humans x, x, tie (class counts [2, 0, 1]); judge x, y ([1, 1, 0]). Key 2: human y; judge both-bad.
    const human: Vote[] = [
      { prompt: 1, a: "x", b: "y", outcome: "a" },
      { prompt: 1, a: "y", b: "x", outcome: "b" },
      { prompt: 1, a: "x", b: "y", outcome: "tie" },
      { prompt: 2, a: "x", b: "y", outcome: "b" },
    ];
    const judge: Vote[] = [
      { prompt: 1, a: "x", b: "y", outcome: "a" },
      { prompt: 1, a: "y", b: "x", outcome: "a" },
      { prompt: 2, a: "y", b: "x", outcome: "bothbad" },
    ];
    const keys = [
      { human: [2, 0, 1] as const, judge: [1, 1, 0] as const },
      { human: [0, 1, 0] as const, judge: [0, 0, 1] as const },
    ];
    expect([...classCountsByKey(human, judge).values()]).toEqual(keys.map((k) => ({ human: [...k.human], judge: [...k.judge] })));
    const r = judgeHumanAgreementFromCounts(keys);
    // with ties: (2·1 + 0·1 + 1·0 + 0) / (3·2 + 1·1) = 2/7; without ties: (2·1) / (2·2 + 1·0) = 1/2.
    expect(r).toMatchObject({ comparisons: 7, withTies: 2 / 7, comparisonsWithoutTies: 4, withoutTies: 0.5 });
    expect(r).toEqual(judgeHumanAgreement(human, judge));
    // human–human: key 1 C(3,2) = 3 pairs, C(2,2) = 1 equal; without ties C(2,2) = 1 pair, 1 equal.
    expect(humanHumanAgreementFromCounts(keys)).toMatchObject({ comparisons: 3, withTies: 1 / 3, comparisonsWithoutTies: 1, withoutTies: 1 });
  });

  it("is NaN on no comparisons", () => {
    const r = judgeHumanAgreementFromCounts([{ human: [1, 0, 0], judge: [0, 0, 0] }]);
    expect(r.comparisons).toBe(0);
    expect(r.withTies).toBeNaN();
    expect(r.kappa).toBeNaN();
  });
});
