/**
 * Judging one claimed task, database-free: build the judge input from the battle, then a baseline verdict, a
 * cached answer, or an LLM call through `judgeOrder` (which sends the one reminder retry on unparseable output).
 * Returns the `TaskResult` the writer persists. Canonical mapping: the task's `shownLeft` side is shown as
 * "Assistant A", so a displayed verdict A means `shownLeft` wins.
 */
import type { JudgeSlots } from "./slots";
import { baselineJudge, judgeOrder, parseVerdict, type JudgeInput, type JudgeTemplate, type Order, type Side } from "@/lib/judges/core";
import type { LlmClient } from "@/lib/llm/client";
import { LlmError, backoffDelay } from "@/lib/llm/retry";
import type { JudgeParams } from "@/lib/validation/judges";
import type { BattleInputRow, ClaimedTask, TaskResult } from "./queries";

export interface RunContext {
  runId: number;
  judgeId: number;
  kind: "llm" | "baseline";
  rule: "longer" | "random" | null;
  template: JudgeTemplate;
  params: JudgeParams;
  client: LlmClient | null;
  /** This process's share of the judge's limits across worker processes (LLM judges). */
  slots: JudgeSlots | null;
  configHash: string;
  pricePromptPerM: number;
  priceCompletionPerM: number;
}

const RATIONALE_MAX = 4_000;
/**
 * A server's Retry-After is honoured up to this (or `maxDelayMs` if larger). The wait is a durable `notBefore`
 * that holds no worker lane, so it must not be cut to the jittered back-off cap `maxDelayMs`.
 */
const RETRY_AFTER_MAX_MS = 300_000;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : String(x ?? ""))) : []);

/** The battle as the judge sees it (canonical A/B); the judged turn's conversation up to that turn. */
export function battleInput(b: BattleInputRow): JudgeInput {
  const questions = strings(b.prompt.turns);
  const refs = strings(b.prompt.reference);
  const a = strings(b.responseA?.turns);
  const bb = strings(b.responseB?.turns);
  const n = Math.max(1, Math.min(b.turn, questions.length, a.length, bb.length));
  if (!b.responseA || !b.responseB || questions.length === 0 || a.length === 0 || bb.length === 0) {
    throw new Error(`battle ${b.id} lacks a prompt or one of its two answers`);
  }
  return {
    turns: Array.from({ length: n }, (_, i) => ({
      question: questions[i],
      answerA: a[i],
      answerB: bb[i],
      reference: refs[i] && refs[i] !== "" ? refs[i] : undefined,
    })),
  };
}

export function canonicalOutcome(verdict: Side, shownLeft: "A" | "B"): "A" | "B" | "tie" {
  if (verdict === "tie") return "tie";
  if (verdict === "A") return shownLeft;
  return shownLeft === "A" ? "B" : "A";
}

const orderOf = (shownLeft: "A" | "B"): Order => (shownLeft === "A" ? "shown" : "swapped");

function base(task: ClaimedTask): TaskResult {
  return { taskId: task.id, status: "done", outcome: null, strength: 1, rationale: null, raw: null, pt: 0, ct: 0, cost: 0, err: null, hash: null, notBefore: null, cache: null };
}

/** Turns the judge's outputs into a done (vote) or unparseable result. */
export function fromOutputs(ctx: RunContext, task: ClaimedTask, outputs: string[], extra: Partial<TaskResult>): TaskResult {
  const parse = parseVerdict(ctx.template.grammar, outputs[outputs.length - 1] ?? "");
  const raw = outputs.join("\n\n----- reminder retry -----\n\n");
  if (parse.kind === "unparseable") {
    return { ...base(task), ...extra, status: "unparseable", raw, err: `unparseable (${parse.code}): ${parse.reason}` };
  }
  return {
    ...base(task),
    ...extra,
    status: "done",
    outcome: canonicalOutcome(parse.verdict, task.shownLeft),
    strength: parse.strength,
    rationale: outputs[0].slice(0, RATIONALE_MAX),
    raw,
  };
}

/** Result for a cache hit: parsed again, no tokens charged. */
export function fromCache(ctx: RunContext, task: ClaimedTask, hash: string, cached: string): TaskResult {
  let outputs: string[] = [cached];
  try {
    const v = JSON.parse(cached) as { outputs?: unknown };
    if (Array.isArray(v.outputs)) outputs = strings(v.outputs);
  } catch {
    // a plain-text cache entry is the output itself
  }
  return fromOutputs(ctx, task, outputs, { hash });
}

export async function judgeTask(ctx: RunContext, task: ClaimedTask, battle: BattleInputRow, hash: string | null, random: () => number = Math.random): Promise<TaskResult> {
  let input: JudgeInput;
  try {
    input = battleInput(battle);
  } catch (err) {
    return { ...base(task), status: "failed", err: (err as Error).message };
  }
  const order = orderOf(task.shownLeft);
  if (ctx.kind === "baseline") {
    const v = baselineJudge(ctx.rule ?? "longer", ctx.template.grammar, { id: String(task.battleId), input }, order);
    return { ...base(task), outcome: canonicalOutcome(v.verdict, task.shownLeft), strength: v.strength, raw: `[[${v.label}]]`, rationale: `baseline ${ctx.rule}` };
  }
  if (!ctx.client) return { ...base(task), status: "failed", err: "the judge has no endpoint" };
  try {
    const rec = await judgeOrder(ctx.client, ctx.template, input, order, { temperature: ctx.params.temperature, maxTokens: ctx.params.maxTokens });
    const pt = rec.calls.reduce((s, c) => s + c.usage.promptTokens, 0);
    const ct = rec.calls.reduce((s, c) => s + c.usage.completionTokens, 0);
    const cost = (pt * ctx.pricePromptPerM + ct * ctx.priceCompletionPerM) / 1_000_000;
    return fromOutputs(ctx, task, rec.outputs, { pt, ct, cost, hash, cache: hash ? JSON.stringify({ outputs: rec.outputs }) : null });
  } catch (err) {
    if (err instanceof LlmError) {
      if (err.retryable && task.attempts < ctx.params.maxAttempts) {
        const policy = { maxAttempts: ctx.params.maxAttempts, baseDelayMs: ctx.params.baseDelayMs, maxDelayMs: ctx.params.maxDelayMs, maxRetryAfterMs: Math.max(ctx.params.maxDelayMs, RETRY_AFTER_MAX_MS) };
        const delay = backoffDelay(policy, task.attempts, err, random);
        const notBefore = new Date(Date.now() + delay).toISOString().replace("Z", "");
        return { ...base(task), status: "pending", err: `attempt ${task.attempts}: ${err.message}`, notBefore };
      }
      return { ...base(task), status: "failed", err: `attempt ${task.attempts}: ${err.message}` };
    }
    // Not an LLM error (e.g. the template needs a reference this battle lacks): permanent.
    return { ...base(task), status: "failed", err: err instanceof Error ? err.message : String(err) };
  }
}
