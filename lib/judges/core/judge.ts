/**
 * One LLM judgment of one battle, database-free: render → call → parse, with the single reminder retry for
 * unparseable output, for both orders, then `combineOrders`. The durable worker persists the returned records.
 */
import type { LlmClient } from "@/lib/llm/client";
import type { ChatResult } from "@/lib/llm/types";
import { combineOrders, type CombineRule, type CombinedJudgment } from "./combine";
import { parseVerdict, retryMessages, type ParseResult } from "./parse";
import { renderJudgePrompt, type JudgeInput, type Order } from "./render";
import type { JudgeTemplate } from "./templates";

/** Minimal client surface (an `LlmClient`), so callers can wrap it (e.g. for accounting). */
export type ChatClient = Pick<LlmClient, "chat">;

export interface OrderRecord {
  order: Order;
  parse: ParseResult;
  /** Raw judge outputs: the first call, plus the reminder retry when the first was unparseable. */
  outputs: string[];
  calls: ChatResult[];
}

/**
 * Judges one order: renders the prompt, calls the judge, parses; if unparseable, sends the reminder once
 * (`retryMessages`) and parses the second output. LLM errors (`LlmError`) propagate to the caller.
 */
export async function judgeOrder(
  client: ChatClient,
  template: JudgeTemplate,
  input: JudgeInput,
  order: Order,
  opts: { temperature?: number; maxTokens?: number } = {},
): Promise<OrderRecord> {
  const prompt = renderJudgePrompt(template, input, { order });
  const first = await client.chat(prompt.messages, opts);
  let parse = parseVerdict(template.grammar, first.text);
  const outputs = [first.text];
  const calls = [first];
  if (parse.kind === "unparseable") {
    const second = await client.chat(retryMessages(prompt.messages, first.text, template.grammar), opts);
    outputs.push(second.text);
    calls.push(second);
    parse = parseVerdict(template.grammar, second.text);
  }
  return { order, parse, outputs, calls };
}

/** Judges both orders (concurrently) and combines them under `rule`. */
export async function judgeBothOrders(
  client: ChatClient,
  template: JudgeTemplate,
  input: JudgeInput,
  rule: CombineRule,
  opts: { temperature?: number; maxTokens?: number } = {},
): Promise<{ shown: OrderRecord; swapped: OrderRecord; combined: CombinedJudgment }> {
  const [shown, swapped] = await Promise.all([
    judgeOrder(client, template, input, "shown", opts),
    judgeOrder(client, template, input, "swapped", opts),
  ]);
  return { shown, swapped, combined: combineOrders(rule, shown.parse, swapped.parse) };
}
