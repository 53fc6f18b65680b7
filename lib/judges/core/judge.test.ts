import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlmClient } from "@/lib/llm/client";
import { startMockLlm, type MockChatBody, type MockLlm } from "@/tests/support/mock-llm";
import { judgeBothOrders } from "./judge";
import { getBuiltinTemplate } from "./templates";

/** Scripted judge: prefers the answer containing "correct"; rambles without a verdict on the first try if asked. */
function judgeReply(body: MockChatBody): string {
  const user = body.messages.find((m) => m.role === "user")?.content ?? "";
  const last = body.messages[body.messages.length - 1];
  if (body.messages.length > 2) return last.content.includes("[[A>>B]]") ? "[[A>>B]]" : "[[A]]"; // reminder retry
  const a = /<<<ANSWER_A \w+>>>\n([\s\S]*?)\n<<<END ANSWER_A/.exec(user)?.[1] ?? "";
  if (user.includes("ramble")) return "Both answers have merit and I will not commit.";
  return a.includes("correct") ? "A is right.\n[[A]]" : "B is right.\n[[B]]";
}

let mock: MockLlm;
let client: LlmClient;
beforeAll(async () => {
  mock = await startMockLlm({ reply: (b) => judgeReply(b) });
  client = new LlmClient({ baseURL: mock.url, model: "judge" });
});
afterAll(() => mock.close());

describe("judgeBothOrders", () => {
  it("runs both orders, maps the swapped one back and combines", async () => {
    const input = { turns: [{ question: "2+2?", answerA: "4, correct", answerB: "5" }] };
    const r = await judgeBothOrders(client, getBuiltinTemplate("mtbench-pair-v2"), input, "mtbench");
    expect(r.shown.parse).toMatchObject({ kind: "ok", verdict: "A" });
    expect(r.swapped.parse).toMatchObject({ kind: "ok", verdict: "B" }); // displayed B = canonical A
    expect(r.combined).toMatchObject({ winner: "A", consistent: true });
    expect(r.shown.calls).toHaveLength(1);
  });

  it("sends the reminder once after unparseable output", async () => {
    const before = mock.count();
    const input = { turns: [{ question: "ramble please", answerA: "x", answerB: "y" }] };
    const r = await judgeBothOrders(client, getBuiltinTemplate("arena-hard"), input, "arena-hard");
    expect(mock.count() - before).toBe(4);
    expect(r.shown.outputs).toHaveLength(2);
    expect(r.shown.parse).toMatchObject({ kind: "ok", label: "A>>B" });
    // shown A>>B → 3 wins for A; swapped A>>B → canonical B>>A → 3 wins for B.
    expect(r.combined).toMatchObject({ winner: "tie", score: 0, consistent: false });
  });
});
