import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random";
import { groupByPair, pairWeights, sampleBattle, type Candidate, type SystemWeight } from "@/lib/arena/sampling";
import { pairWidthsFromSamples } from "@/lib/arena/uncertainty";

function candidates(systemIds: number[], prompts: number): Candidate[] {
  const out: Candidate[] = [];
  for (let p = 1; p <= prompts; p++)
    for (let i = 0; i < systemIds.length; i++)
      for (let j = i + 1; j < systemIds.length; j++) {
        const [a, b] = [systemIds[i], systemIds[j]].sort((x, y) => x - y);
        out.push({ key: `fixed:${p}:${a}:${b}:1`, promptId: p, systemAId: a, systemBId: b });
      }
  return out;
}

const sys = (id: number, weight = 1, extra: Partial<SystemWeight> = {}): [number, SystemWeight] => [id, { id, weight, outage: false, boost: 1, ...extra }];

/** Pearson's χ² of observed counts against expected probabilities. */
function chiSquare(observed: Map<string, number>, expected: Map<string, number>, n: number): number {
  let chi = 0;
  for (const [k, p] of expected) {
    const e = p * n;
    chi += ((observed.get(k) ?? 0) - e) ** 2 / e;
  }
  return chi;
}

function draw(pairs: Map<string, Candidate[]>, systems: Map<number, SystemWeight>, n: number, seed = 7) {
  const rng = createRng(seed);
  const counts = new Map<string, number>();
  const perSystem = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = sampleBattle({ pairs, systems, seen: new Set(), mode: "uniform", rng })!;
    const k = `${c.systemAId}:${c.systemBId}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    perSystem.set(c.systemAId, (perSystem.get(c.systemAId) ?? 0) + 1);
    perSystem.set(c.systemBId, (perSystem.get(c.systemBId) ?? 0) + 1);
  }
  return { counts, perSystem };
}

describe("arena sampling", () => {
  const ids = [1, 2, 3, 4];
  const pairs = groupByPair(candidates(ids, 10));

  it("draws pairs with frequencies ∝ w_x·w_y (χ² test), honouring boost and outage", () => {
    const systems = new Map([sys(1, 1), sys(2, 2), sys(3, 1, { boost: 3 }), sys(4, 0.5)]);
    const n = 40_000;
    const { counts } = draw(pairs, systems, n);
    const w = pairWeights(pairs, systems, "uniform");
    const total = [...w.values()].reduce((s, x) => s + x, 0);
    const expected = new Map([...w].map(([k, x]) => [k, x / total]));
    expect(expected.get("2:3")).toBeCloseTo((2 * 3) / total);
    // 6 pairs → 5 degrees of freedom; χ²(5) 99.9th percentile ≈ 20.5
    expect(chiSquare(counts, expected, n)).toBeLessThan(20.5);

    const outage = new Map([sys(1), sys(2), sys(3, 1, { outage: true }), sys(4)]);
    const { perSystem } = draw(pairs, outage, 5_000);
    expect(perSystem.get(3) ?? 0).toBe(0);
    const zero = new Map([sys(1), sys(2, 0), sys(3), sys(4)]);
    expect(draw(pairs, zero, 2_000).perSystem.get(2) ?? 0).toBe(0);
  });

  it("never pairs a system with itself, even when given such a candidate", () => {
    const bad = groupByPair([...candidates(ids, 2), { key: "fixed:9:1:1:1", promptId: 9, systemAId: 1, systemBId: 1 }]);
    expect([...bad.keys()].some((k) => k === "1:1")).toBe(false);
    const systems = new Map(ids.map((i) => sys(i)));
    const rng = createRng(3);
    for (let i = 0; i < 2_000; i++) {
      const c = sampleBattle({ pairs: bad, systems, seen: new Set(), mode: "uniform", rng })!;
      expect(c.systemAId).not.toBe(c.systemBId);
    }
  });

  it("does not repeat a seen battle while unseen ones remain, then falls back to all", () => {
    const systems = new Map(ids.map((i) => sys(i)));
    const all = candidates(ids, 3);
    const seen = new Set<string>();
    const rng = createRng(11);
    for (let i = 0; i < all.length; i++) {
      const c = sampleBattle({ pairs: groupByPair(all), systems, seen, mode: "uniform", rng })!;
      expect(seen.has(c.key)).toBe(false);
      seen.add(c.key);
    }
    expect(seen.size).toBe(all.length);
    expect(sampleBattle({ pairs: groupByPair(all), systems, seen, mode: "uniform", rng })).not.toBeNull();
  });

  it("returns null when every weight is zero", () => {
    const systems = new Map(ids.map((i) => sys(i, 0)));
    expect(sampleBattle({ pairs, systems, seen: new Set(), mode: "uniform", rng: createRng(1) })).toBeNull();
  });

  it("active mode favours the pair with the widest CI, uniform without an estimate", () => {
    const systems = new Map(ids.map((i) => sys(i)));
    const uncertainty = { ciWidth: (a: number, b: number) => (a === 1 && b === 2 ? 200 : 20) };
    const w = pairWeights(pairs, systems, "active", uncertainty);
    expect(w.get("1:2")).toBeCloseTo(200);
    expect(w.get("3:4")).toBeCloseTo(20);
    const rng = createRng(5);
    let hits = 0;
    for (let i = 0; i < 5_000; i++) {
      const c = sampleBattle({ pairs, systems, seen: new Set(), mode: "active", uncertainty, rng })!;
      if (c.systemAId === 1 && c.systemBId === 2) hits++;
    }
    // expected share 200 / (200 + 5·20) = 2/3
    expect(hits / 5_000).toBeGreaterThan(0.63);
    expect(hits / 5_000).toBeLessThan(0.7);
    const none = pairWeights(pairs, systems, "active", null);
    expect(new Set(none.values())).toEqual(new Set([1]));
  });

  it("computes pair CI widths from bootstrap samples", () => {
    // 3 systems, 4 rounds: system "1" fixed, "2" varies, "3" = "1" + 10
    const samples = Float64Array.from([0, 0, 10, 0, 10, 10, 0, 20, 10, 0, 30, 10]);
    const widths = pairWidthsFromSamples(["1", "2", "3"], samples, 4, 0.5);
    expect(widths.get("1:3")).toBeCloseTo(0);
    expect(widths.get("1:2")!).toBeGreaterThan(0);
  });
});
