import { describe, expect, it } from "vitest";
import { combineOrders, summariseConsistency } from "./combine";
import { parseVerdict } from "./parse";

const abc = (t: string) => parseVerdict("abc", t);
const five = (t: string) => parseVerdict("five-level", t);

describe("combineOrders — mtbench rule", () => {
  it("consistent orders give that verdict (swapped B means canonical A)", () => {
    const j = combineOrders("mtbench", abc("[[A]]"), abc("[[B]]"));
    expect(j).toMatchObject({ winner: "A", score: 1, consistent: true, games: [{ winner: "A", weight: 1 }] });
    expect(combineOrders("mtbench", abc("[[B]]"), abc("[[A]]")).winner).toBe("B");
    expect(combineOrders("mtbench", abc("[[C]]"), abc("[[C]]"))).toMatchObject({ winner: "tie", consistent: true });
  });

  it("inconsistent orders give a tie", () => {
    // Judge said "A" both times: first position always wins → position bias, inconsistent.
    const j = combineOrders("mtbench", abc("[[A]]"), abc("[[A]]"));
    expect(j).toMatchObject({ winner: "tie", score: 0, consistent: false, games: [{ winner: "tie", weight: 1 }] });
    expect(combineOrders("mtbench", abc("[[A]]"), abc("[[C]]"))).toMatchObject({ winner: "tie", consistent: false });
  });

  it("a missing order yields no game", () => {
    const j = combineOrders("mtbench", abc("[[A]]"), abc("nothing"));
    expect(j).toMatchObject({ winner: null, games: [], consistent: null });
  });

  it("ignores strength: five-level verdicts with the same side are consistent", () => {
    expect(combineOrders("mtbench", five("[[A>>B]]"), five("[[B>A]]"))).toMatchObject({ winner: "A", consistent: true });
  });
});

describe("combineOrders — arena-hard rule", () => {
  it("strong verdicts weigh 3, weak 1, ties 1 per game", () => {
    const j = combineOrders("arena-hard", five("[[A>>B]]"), five("[[B>A]]"));
    expect(j.games).toEqual([
      { winner: "A", weight: 3 },
      { winner: "A", weight: 1 },
    ]);
    expect(j).toMatchObject({ winner: "A", score: 4, consistent: true });
  });

  it("scores each game independently and nets them", () => {
    const j = combineOrders("arena-hard", five("[[A>B]]"), five("[[B>>A]]")); // swapped B>>A = canonical A>>B
    expect(j.score).toBe(4);
    const k = combineOrders("arena-hard", five("[[A>B]]"), five("[[A>>B]]")); // canonical: A>B then B>>A
    expect(k.games).toEqual([
      { winner: "A", weight: 1 },
      { winner: "B", weight: 3 },
    ]);
    expect(k).toMatchObject({ winner: "B", score: -2, consistent: false });
    const t = combineOrders("arena-hard", five("[[A=B]]"), five("[[A>B]]"));
    expect(t.games).toEqual([
      { winner: "tie", weight: 1 },
      { winner: "B", weight: 1 },
    ]);
  });

  it("keeps the parsed game when the other order is unparseable", () => {
    const j = combineOrders("arena-hard", five("?"), five("[[B>>A]]"));
    expect(j).toMatchObject({ winner: "A", games: [{ winner: "A", weight: 3 }], consistent: null });
    expect(combineOrders("arena-hard", null, null)).toMatchObject({ winner: null, games: [] });
  });
});

describe("summariseConsistency", () => {
  it("counts consistent battles and position bias among inconsistent ones", () => {
    const js = [
      combineOrders("mtbench", abc("[[A]]"), abc("[[B]]")), // consistent
      combineOrders("mtbench", abc("[[A]]"), abc("[[A]]")), // first position both times
      combineOrders("mtbench", abc("[[B]]"), abc("[[B]]")), // second position both times
      combineOrders("mtbench", abc("[[A]]"), abc("[[A]]")), // first again
      combineOrders("mtbench", abc("[[C]]"), abc("[[A]]")), // inconsistent, no position
      combineOrders("mtbench", abc("[[A]]"), abc("x")), // excluded
    ];
    expect(summariseConsistency(js)).toEqual({ judged: 5, consistent: 1, rate: 0.2, favouredFirst: 2, favouredSecond: 1 });
    expect(summariseConsistency([]).rate).toBeNaN();
  });
});
