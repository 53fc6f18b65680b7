import { describe, expect, it } from "vitest";
import { approxTokenCount, baselineJudge, fnv1a, longerAnswerJudge, randomJudge } from "./baselines";
import { combineOrders } from "./combine";
import type { JudgeInput } from "./render";

const battle = (a: string, b: string): JudgeInput => ({ turns: [{ question: "q", answerA: a, answerB: b }] });
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");

describe("approxTokenCount", () => {
  it("counts word runs and punctuation", () => {
    expect(approxTokenCount("Hello, world!")).toBe(4);
    expect(approxTokenCount("x = f(2)")).toBe(6);
    expect(approxTokenCount("")).toBe(0);
    expect(approxTokenCount("naïve café")).toBe(2);
  });
});

describe("longerAnswerJudge", () => {
  it("longer answer wins, in the displayed frame", () => {
    const input = battle(words(40), words(20));
    expect(longerAnswerJudge("abc", input)).toEqual({ verdict: "A", strength: 1, label: "A" });
    expect(longerAnswerJudge("abc", input, "swapped").verdict).toBe("B");
    // Both orders agree once mapped back: consistent A.
    expect(combineOrders("mtbench", longerAnswerJudge("abc", input), longerAnswerJudge("abc", input, "swapped")).winner).toBe("A");
  });

  it("ties within max(3 tokens, 5%)", () => {
    expect(longerAnswerJudge("abc", battle(words(10), words(13))).verdict).toBe("tie"); // diff 3 ≤ 3
    expect(longerAnswerJudge("abc", battle(words(10), words(14))).verdict).toBe("B"); // diff 4 > 3
    expect(longerAnswerJudge("abc", battle(words(200), words(190))).verdict).toBe("tie"); // diff 10 ≤ 10
    expect(longerAnswerJudge("abc", battle(words(200), words(189))).verdict).toBe("A"); // diff 11 > 10
  });

  it("five-level: at least twice as long is a strong win", () => {
    expect(longerAnswerJudge("five-level", battle(words(20), words(40)))).toEqual({ verdict: "B", strength: 3, label: "B>>A" });
    expect(longerAnswerJudge("five-level", battle(words(30), words(20))).label).toBe("A>B");
    expect(longerAnswerJudge("five-level", battle("same", "same")).label).toBe("A=B");
  });

  it("uses the final turn of a multi-turn battle", () => {
    const input: JudgeInput = {
      turns: [
        { question: "q1", answerA: words(100), answerB: "short" },
        { question: "q2", answerA: "short", answerB: words(100) },
      ],
    };
    expect(longerAnswerJudge("abc", input).verdict).toBe("B");
  });
});

describe("randomJudge", () => {
  it("is reproducible per battle id and order", () => {
    expect(randomJudge("abc", "battle-1", "shown")).toEqual(randomJudge("abc", "battle-1", "shown"));
    expect(fnv1a("battle-1:shown")).not.toBe(fnv1a("battle-1:swapped"));
  });

  it("covers all labels roughly uniformly", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const v = randomJudge("five-level", `b${i}`, i % 2 === 0 ? "shown" : "swapped");
      counts[v.label] = (counts[v.label] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(["A=B", "A>>B", "A>B", "B>>A", "B>A"].sort());
    for (const c of Object.values(counts)) {
      expect(c).toBeGreaterThan(480);
      expect(c).toBeLessThan(720);
    }
  });

  it("baselineJudge dispatches", () => {
    const b = { id: "x", input: battle(words(50), "no") };
    expect(baselineJudge("longer", "abc", b, "shown").verdict).toBe("A");
    expect(baselineJudge("random", "abc", b, "swapped")).toEqual(randomJudge("abc", "x", "swapped"));
  });
});
