import { describe, expect, it } from "vitest";
import { sliceKey, sliceSchema, sourceOf } from "@/lib/validation/slice";

describe("slice", () => {
  it("defaults to the crowd with nothing filtered", () => {
    const s = sliceSchema.parse({});
    expect(s).toMatchObject({ source: "crowd", excludeFlagged: false });
    expect(sliceKey(s)).toBe("source=crowd");
  });
  it.each([
    [{ source: "judge:gpt-4", set: "mt-bench", from: "2026-01-02" }, "source=judge%3Agpt-4&set=mt-bench&from=2026-01-02"],
    [{ category: "", excludeFlagged: "1" }, "source=crowd&excludeFlagged=1"],
  ])("keys %j stably", (input, key) => {
    expect(sliceKey(sliceSchema.parse(input))).toBe(key);
  });
  it("rejects bad sources and dates", () => {
    expect(sliceSchema.safeParse({ source: "humans" }).success).toBe(false);
    expect(sliceSchema.safeParse({ from: "yesterday-ish" }).success).toBe(false);
  });
  it("splits the source", () => {
    expect(sourceOf(sliceSchema.parse({ source: "judge:demo-judge-fair" }))).toEqual({ kind: "judge", slug: "demo-judge-fair" });
  });
});
