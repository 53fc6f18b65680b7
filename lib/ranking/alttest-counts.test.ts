import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { altTest, altTestFromCounts, type AltAnnotatorCounts, type AltItem } from "./alttest";

/** Uniform [0, 1) numbers from the project's seeded generator (lib/random.ts). */
const rng = (seed: number): (() => number) => createRng(seed).next;

/** Per-annotator d-class counts, brute force over the items (exact-match similarity, as altTest's default). */
function countsOf(items: AltItem[]): AltAnnotatorCounts[] {
  const by = new Map<string, AltAnnotatorCounts>();
  for (const it of items)
    for (const [j, x] of Object.entries(it.humans)) {
      const others = Object.keys(it.humans).filter((h) => h !== j);
      if (!others.length) continue;
      const af = others.filter((h) => it.humans[h] === it.judge).length;
      const ah = others.filter((h) => it.humans[h] === x).length;
      const c = by.get(j) ?? { annotator: j, both: 0, humanOnly: 0, judgeOnly: 0 };
      if (af === ah) c.both++;
      else if (ah > af) c.humanOnly++;
      else c.judgeOnly++;
      by.set(j, c);
    }
  return [...by.values()];
}

describe("altTestFromCounts", () => {
  it.each([1, 2, 3, 4, 5])("equals altTest on random items (seed %i)", (seed) => {
    const r = rng(seed);
    const labels = ["A", "B", "tie"];
    const items: AltItem[] = [];
    for (let i = 0; i < 80; i++) {
      const humans: Record<string, string> = {};
      const k = 2 + Math.floor(r() * 5);
      while (Object.keys(humans).length < k) humans[String(1 + Math.floor(r() * 25))] = labels[Math.floor(r() * (seed === 5 ? 1 : 3))];
      items.push({ id: i, humans, judge: labels[Math.floor(r() * 3)] });
    }
    const ref = altTest(items, { epsilon: 0.1 + 0.05 * seed });
    const got = altTestFromCounts(countsOf(items).reverse(), { epsilon: 0.1 + 0.05 * seed });
    expect(got.annotators.map((a) => a.annotator)).toEqual(ref.annotators.map((a) => a.annotator));
    got.annotators.forEach((a, i) => {
      const b = ref.annotators[i];
      expect([a.instances, a.judgeWinRate, a.humanWinRate, a.rejected]).toEqual([b.instances, b.judgeWinRate, b.humanWinRate, b.rejected]);
      if (Number.isFinite(b.t)) expect(a.t).toBeCloseTo(b.t, 10);
      else expect(a.t).toBe(b.t);
      expect(a.pValue).toBeCloseTo(b.pValue, 12);
    });
    expect(got.winningRate).toBe(ref.winningRate);
    expect(got.advantageProbability).toBeCloseTo(ref.advantageProbability, 12);
    expect(got.passed).toBe(ref.passed);
  });
});
