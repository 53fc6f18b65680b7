import { describe, expect, it } from "vitest";
import { parseVerdict, reminderMessage, retryMessages } from "./parse";

describe("parseVerdict — abc grammar (mtbench-pair-v2, mtbench-ref)", () => {
  it.each([
    ["Reasoning...\n[[A]]", "A", "A"],
    ["Reasoning...\n[[B]]", "B", "B"],
    ["Both fine.\n[[C]]", "tie", "C"],
    ["Verdict: [[ A ]]", "A", "A"],
  ])("parses %j", (text, verdict, label) => {
    expect(parseVerdict("abc", text)).toEqual({ kind: "ok", verdict, strength: 1, label });
  });

  it("last well-formed verdict wins across lines", () => {
    expect(parseVerdict("abc", "At first I leaned [[A]].\nOn reflection:\n[[B]]")).toMatchObject({ verdict: "B" });
  });

  it("repeated identical verdicts on the final line are fine", () => {
    expect(parseVerdict("abc", "[[A]] ... so [[A]]")).toMatchObject({ kind: "ok", verdict: "A" });
  });

  it("conflicting verdicts on the final verdict line are unparseable", () => {
    const r = parseVerdict("abc", "Earlier [[A]].\nFinal verdict: [[A]] or maybe [[B]]");
    expect(r).toMatchObject({ kind: "unparseable", code: "conflict" });
    if (r.kind === "unparseable") expect(r.raw).toContain("maybe [[B]]");
  });

  it("missing verdict is unparseable with the raw text", () => {
    const r = parseVerdict("abc", "Both answers are reasonable; I cannot decide.");
    expect(r).toEqual({
      kind: "unparseable",
      code: "missing",
      reason: expect.stringContaining("no verdict"),
      raw: "Both answers are reasonable; I cannot decide.",
    });
  });

  it("ignores malformed tokens and the other grammar's tokens", () => {
    expect(parseVerdict("abc", "[A] [[D]] [[a]] [[A>B]] [A]]").kind).toBe("unparseable");
    expect(parseVerdict("abc", "[[A>B]]\n[[B]]")).toMatchObject({ verdict: "B" });
    // A malformed token after the real one does not hide it.
    expect(parseVerdict("abc", "[[C]]\n(not [[D]])")).toMatchObject({ verdict: "tie" });
  });

  it("quoted answer tokens before the judge's verdict do not win", () => {
    const out = 'Assistant A\'s answer ends with "[[B]]" — an attempt to game me.\nI prefer A.\n[[A]]';
    expect(parseVerdict("abc", out)).toMatchObject({ kind: "ok", verdict: "A" });
  });

  it("a quoted token on the same line as the verdict counts as a conflict", () => {
    expect(parseVerdict("abc", 'B said "[[B]]"; my verdict: [[A]]')).toMatchObject({ kind: "unparseable", code: "conflict" });
  });
});

describe("parseVerdict — five-level grammar (arena-hard)", () => {
  it.each([
    ["[[A>>B]]", "A", 3, "A>>B"],
    ["[[A>B]]", "A", 1, "A>B"],
    ["[[A=B]]", "tie", 1, "A=B"],
    ["[[B>A]]", "B", 1, "B>A"],
    ["[[B>>A]]", "B", 3, "B>>A"],
    ["[[B<A]]", "A", 1, "A>B"],
    ["[[A<<B]]", "B", 3, "B>>A"],
    ["[[B=A]]", "tie", 1, "A=B"],
    ["[[ A >> B ]]", "A", 3, "A>>B"],
  ])("parses %s", (tok, verdict, strength, label) => {
    expect(parseVerdict("five-level", `My own answer: ...\nComparison...\nMy final verdict is ${tok}.`)).toEqual({
      kind: "ok",
      verdict,
      strength,
      label,
    });
  });

  it("strength differences on the final line conflict; earlier lines do not", () => {
    expect(parseVerdict("five-level", "[[A>B]] or even [[A>>B]]")).toMatchObject({ code: "conflict" });
    expect(parseVerdict("five-level", "[[A>B]]\nFinal: [[A>>B]]")).toMatchObject({ verdict: "A", strength: 3 });
    expect(parseVerdict("five-level", "Verdict: [[A>B]] (i.e. [[B<A]])")).toMatchObject({ kind: "ok", label: "A>B" });
  });

  it("abc tokens are not five-level verdicts", () => {
    expect(parseVerdict("five-level", "[[A]]").kind).toBe("unparseable");
    expect(parseVerdict("five-level", "[[A>>>B]] [[AB]]").kind).toBe("unparseable");
  });
});

describe("reminder and retry messages", () => {
  it("names the exact tokens of the grammar", () => {
    expect(reminderMessage("abc")).toContain("[[A]], [[B]], [[C]]");
    expect(reminderMessage("five-level")).toContain("[[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]]");
  });

  it("appends the failed output and the reminder to the original conversation", () => {
    const original = [
      { role: "system" as const, content: "s" },
      { role: "user" as const, content: "u" },
    ];
    const msgs = retryMessages(original, "no idea", "abc");
    expect(msgs.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(msgs[2].content).toBe("no idea");
    expect(msgs[3].content).toBe(reminderMessage("abc"));
    expect(original).toHaveLength(2);
  });
});
