/**
 * Baseline judges that call no LLM. They return verdicts in the *displayed* frame of the given order, exactly like
 * a parsed LLM verdict, so they go through `combineOrders` and the ranking unchanged.
 *
 * - `longer`: the longer final-turn answer wins ("verbosity baseline"). Length is a token count approximated as
 *   the number of word runs plus punctuation marks (`/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu`), so no tokenizer is
 *   needed. Tie when |len(A) − len(B)| ≤ max(3, 0.05 · max(len(A), len(B))), i.e. within 5 % (at least 3 tokens).
 *   For `five-level`, a winner whose answer is at least twice as long wins strongly (`>>`).
 * - `random`: uniform over the grammar's labels, seeded by FNV-1a(battleId + ":" + order) through `createRng`, so
 *   the same battle and order always get the same verdict.
 */
import { createRng } from "@/lib/random";
import { makeVerdict, type GrammarId, type Side, type Strength, type Verdict } from "./grammar";
import type { JudgeInput, Order } from "./render";

export type BaselineKind = "longer" | "random";

/** Absolute part of the tie margin, in tokens. */
export const LENGTH_TIE_MIN_TOKENS = 3;
/** Relative part of the tie margin, as a share of the longer answer. */
export const LENGTH_TIE_RATIO = 0.05;

/** Approximate token count: word runs plus individual punctuation/symbol characters. */
export function approxTokenCount(text: string): number {
  return (text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? []).length;
}

/** 32-bit FNV-1a hash of a string (Fowler–Noll–Vo), used to derive reproducible seeds. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * "Longer answer wins" on the final turn, in the displayed frame of `order` (swapped order sees B's answer as A).
 */
export function longerAnswerJudge(grammar: GrammarId, input: JudgeInput, order: Order = "shown"): Verdict {
  if (input.turns.length === 0) throw new Error("Battle has no turns.");
  const last = input.turns[input.turns.length - 1];
  const [a, b] = order === "shown" ? [last.answerA, last.answerB] : [last.answerB, last.answerA];
  const la = approxTokenCount(a);
  const lb = approxTokenCount(b);
  const margin = Math.max(LENGTH_TIE_MIN_TOKENS, LENGTH_TIE_RATIO * Math.max(la, lb));
  if (Math.abs(la - lb) <= margin) return makeVerdict(grammar, "tie");
  const winner: Side = la > lb ? "A" : "B";
  const [long, short] = la > lb ? [la, lb] : [lb, la];
  const strength: Strength = long >= 2 * short ? 3 : 1;
  return makeVerdict(grammar, winner, strength);
}

const ABC_CHOICES: Array<[Side, Strength]> = [
  ["A", 1],
  ["B", 1],
  ["tie", 1],
];
const FIVE_CHOICES: Array<[Side, Strength]> = [
  ["A", 3],
  ["A", 1],
  ["tie", 1],
  ["B", 1],
  ["B", 3],
];

/** Reproducible random verdict for (battleId, order), uniform over the grammar's labels. */
export function randomJudge(grammar: GrammarId, battleId: string, order: Order = "shown"): Verdict {
  const rng = createRng(fnv1a(`${battleId}:${order}`));
  const choices = grammar === "abc" ? ABC_CHOICES : FIVE_CHOICES;
  const [side, strength] = choices[rng.int(choices.length)];
  return makeVerdict(grammar, side, strength);
}

/** Dispatches to a baseline judge by kind. */
export function baselineJudge(
  kind: BaselineKind,
  grammar: GrammarId,
  battle: { id: string; input: JudgeInput },
  order: Order,
): Verdict {
  return kind === "longer" ? longerAnswerJudge(grammar, battle.input, order) : randomJudge(grammar, battle.id, order);
}
