/**
 * Parses a judge's completion into a verdict.
 *
 * Rule ("last well-formed verdict wins"):
 * 1. Find every well-formed verdict token of the template's grammar in the judge's own output: `[[X]]` where X,
 *    with whitespace removed, is a label of the grammar (upper case; mirror spellings such as `B<A` are accepted
 *    for `five-level`). Tokens of the other grammar or malformed ones (`[[D]]`, `[A]`, `[[a]]`) are ignored.
 * 2. No token → `unparseable` (code `missing`).
 * 3. The **final verdict position** is the line (text between newlines) holding the last token. If that line holds
 *    two tokens meaning different verdicts (different side or strength), the output is `unparseable`
 *    (code `conflict`): e.g. `Final verdict: [[A]] or [[B]]`. Tokens on earlier lines never conflict: a judge that
 *    quotes `[[B]]` from an answer and ends with `[[A]]` is parsed as A.
 * 4. Otherwise the last token is the verdict.
 *
 * Only the judge's completion is ever parsed, never the rendered prompt, so answers cannot inject a verdict except
 * by being quoted — which rule 3 handles.
 */
import type { ChatMessage } from "@/lib/llm/types";
import { GRAMMAR_TOKENS, VERDICT_LIKE, verdictFromToken, type GrammarId, type Side, type Strength } from "./grammar";

export type ParseResult =
  | { kind: "ok"; verdict: Side; strength: Strength; label: string }
  | { kind: "unparseable"; code: "missing" | "conflict"; reason: string; raw: string };

interface Found {
  index: number;
  verdict: Side;
  strength: Strength;
  label: string;
}

function findVerdicts(grammar: GrammarId, text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(VERDICT_LIKE)) {
    const v = verdictFromToken(grammar, m[1].replace(/\s+/g, ""));
    if (v && m.index !== undefined) found.push({ index: m.index, ...v });
  }
  return found;
}

/** Parses a judge completion under `grammar` (see the module documentation for the exact rule). */
export function parseVerdict(grammar: GrammarId, output: string): ParseResult {
  const found = findVerdicts(grammar, output);
  if (found.length === 0) {
    return {
      kind: "unparseable",
      code: "missing",
      reason: `no verdict token of grammar "${grammar}" (${GRAMMAR_TOKENS[grammar].join(", ")}) found`,
      raw: output,
    };
  }
  const last = found[found.length - 1];
  const lineStart = output.lastIndexOf("\n", last.index) + 1;
  const nl = output.indexOf("\n", last.index);
  const lineEnd = nl < 0 ? output.length : nl;
  const sameLine = found.filter((f) => f.index >= lineStart && f.index < lineEnd);
  const conflicting = sameLine.find((f) => f.verdict !== last.verdict || f.strength !== last.strength);
  if (conflicting) {
    return {
      kind: "unparseable",
      code: "conflict",
      reason: `conflicting verdicts [[${conflicting.label}]] and [[${last.label}]] in the final verdict line`,
      raw: output,
    };
  }
  return { kind: "ok", verdict: last.verdict, strength: last.strength, label: last.label };
}

/** Text of the single reminder sent after an unparseable judge output. */
export function reminderMessage(grammar: GrammarId): string {
  const tokens = GRAMMAR_TOKENS[grammar];
  return [
    "Your previous reply did not end with exactly one valid verdict.",
    `Reply now with your final verdict only: exactly one of ${tokens.join(", ")}, on a single line, with nothing else.`,
  ].join(" ");
}

/**
 * Messages for the one allowed retry: the original conversation, the judge's unparseable output as the assistant
 * turn, then the reminder as a user turn.
 */
export function retryMessages(original: ChatMessage[], previousOutput: string, grammar: GrammarId): ChatMessage[] {
  return [...original, { role: "assistant", content: previousOutput }, { role: "user", content: reminderMessage(grammar) }];
}
