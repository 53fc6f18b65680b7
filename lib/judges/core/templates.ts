/**
 * Judge prompt templates. The built-in texts are written for Concord; they keep the verdict grammar and the intent
 * of MT-Bench's `pair-v2` / `pair-math-v1` (Zheng et al., 2023) and Arena-Hard-Auto's judge prompt (Li et al., 2024)
 * without reproducing their wording.
 *
 * A template has a single-turn prompt pair and optionally a multi-turn pair (MT-Bench turn 2). Placeholders:
 * `{question}`, `{answer_a}`, `{answer_b}`, `{reference}`, `{turns}`. Rendering (with injection defences) is in
 * `render.ts`; custom templates are validated and loaded by `custom-template.ts`.
 */
import { GRAMMAR_TOKENS, type GrammarId } from "./grammar";

export interface PromptPair {
  system: string;
  user: string;
}

export interface JudgeTemplate {
  id: string;
  name: string;
  grammar: GrammarId;
  /** Used when the conversation has one turn. */
  single: PromptPair;
  /** Used when the conversation has several turns; absent = the template cannot judge multi-turn battles. */
  multi?: PromptPair;
  builtin: boolean;
}

export const PLACEHOLDERS = ["question", "answer_a", "answer_b", "reference", "turns"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const ABC_INSTRUCTION =
  'After your explanation, write your final verdict on the last line, exactly in this form: "[[A]]" when ' +
  'assistant A is better, "[[B]]" when assistant B is better, or "[[C]]" when they are equally good.';

const NEUTRALITY =
  "Stay objective: the order in which the responses are shown, their length and the names of the assistants " +
  "must not influence you.";

const MTBENCH_PAIR_SYSTEM = [
  "You are an impartial evaluator comparing two AI assistants.",
  "Read the user's question and the two responses, and decide which response serves the user better.",
  "Weigh how well each one follows the instructions and meets the user's need: helpfulness, relevance,",
  "accuracy, depth, creativity and a suitable level of detail.",
  "Begin with a brief comparison of the two responses that explains your reasoning.",
  NEUTRALITY,
  ABC_INSTRUCTION,
].join(" ");

const MTBENCH_PAIR_MULTI_SYSTEM = [
  "You are an impartial evaluator comparing two AI assistants over a conversation of several turns.",
  "Each assistant held the same conversation with the user; you will see both conversations in full.",
  "Decide which assistant handled the user's LAST question better, using the earlier turns as context.",
  "Weigh helpfulness, relevance, accuracy, depth, creativity and a suitable level of detail.",
  "Begin with a brief comparison that explains your reasoning.",
  NEUTRALITY,
  ABC_INSTRUCTION,
].join(" ");

const MTBENCH_REF_SYSTEM = [
  "You are an impartial evaluator comparing two AI assistants on a question that has a correct answer.",
  "You are given a reference answer that is known to be correct.",
  "Check each response against the reference: find its mistakes and say how they should be corrected.",
  "Correctness matters most; helpfulness and clarity come next.",
  "Begin with this comparison and explain your reasoning.",
  NEUTRALITY,
  ABC_INSTRUCTION,
].join(" ");

const MTBENCH_REF_MULTI_SYSTEM = [
  "You are an impartial evaluator comparing two AI assistants over a conversation of several turns, on",
  "questions that have correct answers. You are given reference answers for each turn, known to be correct.",
  "Decide which assistant answered the user's LAST question better: check both answers to it against the",
  "reference, find their mistakes and say how they should be corrected. Correctness matters most.",
  "Begin with this comparison and explain your reasoning.",
  NEUTRALITY,
  ABC_INSTRUCTION,
].join(" ");

const ARENA_HARD_SYSTEM = [
  "You are an impartial judge of two AI assistants' responses to the user prompt shown below.",
  "First, before reading their responses, write your own answer to the prompt.",
  "Then assess both responses: compare each with your answer and point out and correct any mistakes or",
  "inaccurate statements.",
  "Judge whether each response is helpful (it answers the prompt correctly and follows the instructions; when",
  "the prompt is ambiguous, asking for clarification beats guessing), relevant (every part fits the request)",
  "and concise (clear, without padding). Where it matters, also weigh creativity and novelty, and note any",
  "important information that a response leaves out.",
  NEUTRALITY,
  "End with your final verdict on the last line, using exactly one of these labels:",
  "assistant A is much better: [[A>>B]]; assistant A is somewhat better: [[A>B]];",
  "they are about equal: [[A=B]]; assistant B is somewhat better: [[B>A]]; assistant B is much better: [[B>>A]].",
].join(" ");

const ARENA_HARD_MULTI_SYSTEM = [
  "You are an impartial judge of two AI assistants over a conversation of several turns; you will see both",
  "conversations in full. Judge the responses to the user's LAST message, using earlier turns as context.",
  "First, write your own answer to that last message.",
  "Then compare each assistant's final response with your answer, and point out and correct any mistakes.",
  "Judge whether each is helpful, relevant and concise; weigh creativity where it matters and note missing",
  "important information.",
  NEUTRALITY,
  "End with your final verdict on the last line, using exactly one of these labels:",
  "assistant A is much better: [[A>>B]]; assistant A is somewhat better: [[A>B]];",
  "they are about equal: [[A=B]]; assistant B is somewhat better: [[B>A]]; assistant B is much better: [[B>>A]].",
].join(" ");

const PAIR_USER = [
  "[User question]",
  "{question}",
  "",
  "[Response of assistant A]",
  "{answer_a}",
  "",
  "[Response of assistant B]",
  "{answer_b}",
].join("\n");

const REF_USER = ["[User question]", "{question}", "", "[Reference answer]", "{reference}", "", ...PAIR_USER.split("\n").slice(3)].join(
  "\n",
);

const MULTI_USER = "{turns}";
const REF_MULTI_USER = ["[Reference answers]", "{reference}", "", "{turns}"].join("\n");

export const BUILTIN_TEMPLATES: Readonly<Record<string, JudgeTemplate>> = {
  "mtbench-pair-v2": {
    id: "mtbench-pair-v2",
    name: "MT-Bench pairwise (A / B / tie)",
    grammar: "abc",
    single: { system: MTBENCH_PAIR_SYSTEM, user: PAIR_USER },
    multi: { system: MTBENCH_PAIR_MULTI_SYSTEM, user: MULTI_USER },
    builtin: true,
  },
  "mtbench-ref": {
    id: "mtbench-ref",
    name: "MT-Bench pairwise, reference-guided (maths, reasoning, coding)",
    grammar: "abc",
    single: { system: MTBENCH_REF_SYSTEM, user: REF_USER },
    multi: { system: MTBENCH_REF_MULTI_SYSTEM, user: REF_MULTI_USER },
    builtin: true,
  },
  "arena-hard": {
    id: "arena-hard",
    name: "Arena-Hard style (judge answers first, five-level verdict)",
    grammar: "five-level",
    single: { system: ARENA_HARD_SYSTEM, user: PAIR_USER },
    multi: { system: ARENA_HARD_MULTI_SYSTEM, user: MULTI_USER },
    builtin: true,
  },
};

/** Returns a built-in template by id, or throws listing the known ids. */
export function getBuiltinTemplate(id: string): JudgeTemplate {
  const t = BUILTIN_TEMPLATES[id];
  if (!t) throw new Error(`Unknown judge template "${id}". Built-in templates: ${Object.keys(BUILTIN_TEMPLATES).join(", ")}.`);
  return t;
}

/** Placeholders used in a text, in order of first appearance (unknown `{names}` included, for validation). */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) seen.add(m[1]);
  return [...seen];
}

/** True when any prompt of the template uses `{reference}` (the battle then needs a reference answer). */
export function templateNeedsReference(t: JudgeTemplate): boolean {
  return [t.single, t.multi].some((p) => p !== undefined && /\{reference\}/.test(p.system + p.user));
}

/** True when the template's instructions mention at least one verdict token of its grammar. */
export function mentionsGrammar(t: JudgeTemplate): boolean {
  const text = [t.single, t.multi].map((p) => (p ? p.system + "\n" + p.user : "")).join("\n");
  return GRAMMAR_TOKENS[t.grammar].some((tok) => text.includes(tok));
}
