import { describe, expect, it } from "vitest";
import { aggregatePanel, type PanelVote } from "./panel";

const v = (memberId: string, verdict: PanelVote["verdict"], extra: Partial<PanelVote> = {}): PanelVote => ({
  memberId,
  verdict,
  ...extra,
});

describe("aggregatePanel — majority", () => {
  it("plurality wins and abstentions are ignored", () => {
    const r = aggregatePanel([v("a", "A"), v("b", "A"), v("c", "B"), v("d", null)], { method: "majority" });
    expect(r).toMatchObject({ verdict: "A", votes: { A: 2, B: 1, tie: 0 }, tieBroken: false });
    expect(r.agreement).toBeCloseTo(2 / 3);
    expect(aggregatePanel([v("a", "tie"), v("b", "tie"), v("c", "B")], { method: "majority" }).verdict).toBe("tie");
  });

  it("tied leaders → tie by default", () => {
    const r = aggregatePanel([v("a", "A"), v("b", "B")], { method: "majority" });
    expect(r).toMatchObject({ verdict: "tie", tieBroken: true });
  });

  it("tied leaders → highest-priority member among the leaders with tieBreak priority", () => {
    const members = [v("a", "A", { priority: 1 }), v("b", "B", { priority: 2 }), v("c", "tie", { priority: 9 }), v("d", "A"), v("e", "B")];
    const r = aggregatePanel(members, { method: "majority", tieBreak: "priority" });
    // c has the top priority but voted for a non-leading option, so b decides.
    expect(r).toMatchObject({ verdict: "B", tieBroken: true, decidedBy: "b" });
    // Equal priorities: the earliest listed member decides.
    expect(aggregatePanel([v("x", "B"), v("y", "A")], { method: "majority", tieBreak: "priority" }).decidedBy).toBe("x");
  });

  it("no votes → null verdict", () => {
    expect(aggregatePanel([v("a", null)], { method: "majority" })).toMatchObject({ verdict: null, agreement: 0 });
  });
});

describe("aggregatePanel — mean", () => {
  it("ternary scores: A=+1, tie=0, B=−1", () => {
    const r = aggregatePanel([v("a", "A"), v("b", "tie"), v("c", "tie")], { method: "mean" });
    expect(r.verdict).toBe("A");
    expect(r.meanScore).toBeCloseTo(1 / 3);
    expect(aggregatePanel([v("a", "B"), v("b", "B"), v("c", "A")], { method: "mean" }).verdict).toBe("B");
  });

  it("five-level scale lets one strong vote outweigh one weak opposite vote", () => {
    const members = [v("a", "B", { strength: 3 }), v("b", "A", { strength: 1 })];
    expect(aggregatePanel(members, { method: "mean", scale: "five-level" })).toMatchObject({ verdict: "B", meanScore: -0.5 });
    // On the ternary scale the same votes cancel out.
    expect(aggregatePanel(members, { method: "mean" })).toMatchObject({ verdict: "tie", meanScore: 0, tieBroken: true });
  });

  it("mean 0 from disagreement: tie by default, priority member with tieBreak priority", () => {
    const members = [v("a", "A", { priority: 1 }), v("b", "B", { priority: 5 }), v("c", "tie", { priority: 0 })];
    expect(aggregatePanel(members, { method: "mean" }).verdict).toBe("tie");
    expect(aggregatePanel(members, { method: "mean", tieBreak: "priority" })).toMatchObject({ verdict: "B", decidedBy: "b" });
    // All ties: a genuine tie, no tie-break involved.
    expect(aggregatePanel([v("a", "tie"), v("b", "tie")], { method: "mean", tieBreak: "priority" })).toMatchObject({
      verdict: "tie",
      tieBroken: false,
    });
  });
});
