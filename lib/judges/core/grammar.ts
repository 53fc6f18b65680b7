/**
 * Verdict grammars shared by templates (what the judge is told to write), the parser (what we accept) and the
 * prompt renderer (what must be neutralised inside untrusted answers).
 *
 * Two grammars exist:
 * - `abc` (MT-Bench pairwise): `[[A]]`, `[[B]]`, `[[C]]` where C means tie.
 * - `five-level` (Arena-Hard-Auto): `[[A>>B]]`, `[[A>B]]`, `[[A=B]]`, `[[B>A]]`, `[[B>>A]]`.
 *   Mirror spellings (`[[B<A]]`, `[[A<<B]]`, `[[B=A]]`, …) are accepted and normalised to the canonical label,
 *   as Arena-Hard-Auto's own regex `\[\[([AB<>=]+)\]\]` would admit them.
 */

export type GrammarId = "abc" | "five-level";

export const GRAMMAR_IDS: readonly GrammarId[] = ["abc", "five-level"];

/** Winner in the frame the verdict was written in (displayed order) or in canonical terms, depending on context. */
export type Side = "A" | "B" | "tie";

/** 1 = ordinary preference (or tie), 3 = strong preference (`>>`). The 3 matches Arena-Hard's game weight. */
export type Strength = 1 | 3;

export interface Verdict {
  verdict: Side;
  strength: Strength;
  /** Canonical label as written in the grammar, e.g. `A`, `C`, `A>>B`, `A=B`. */
  label: string;
}

/** The verdict tokens a judge is instructed to emit, in presentation order. */
export const GRAMMAR_TOKENS: Record<GrammarId, readonly string[]> = {
  abc: ["[[A]]", "[[B]]", "[[C]]"],
  "five-level": ["[[A>>B]]", "[[A>B]]", "[[A=B]]", "[[B>A]]", "[[B>>A]]"],
};

const ABC: Record<string, Verdict> = {
  A: { verdict: "A", strength: 1, label: "A" },
  B: { verdict: "B", strength: 1, label: "B" },
  C: { verdict: "tie", strength: 1, label: "C" },
};

const FIVE: Record<string, Verdict> = {
  "A>>B": { verdict: "A", strength: 3, label: "A>>B" },
  "A>B": { verdict: "A", strength: 1, label: "A>B" },
  "A=B": { verdict: "tie", strength: 1, label: "A=B" },
  "B>A": { verdict: "B", strength: 1, label: "B>A" },
  "B>>A": { verdict: "B", strength: 3, label: "B>>A" },
};

/** Mirror spellings accepted for the five-level grammar. */
const FIVE_ALIASES: Record<string, string> = {
  "B<<A": "A>>B",
  "B<A": "A>B",
  "B=A": "A=B",
  "A<B": "B>A",
  "A<<B": "B>>A",
};

/**
 * Interprets the inside of a `[[…]]` token (whitespace already removed) under a grammar.
 * Returns null when the content is not a verdict of that grammar.
 */
export function verdictFromToken(grammar: GrammarId, inner: string): Verdict | null {
  if (grammar === "abc") return ABC[inner] ?? null;
  const canonical = FIVE_ALIASES[inner] ?? inner;
  return FIVE[canonical] ?? null;
}

/**
 * Matches any double-bracketed token whose content is made only of verdict characters (A, B, C, <, >, =) and
 * whitespace, e.g. `[[A]]`, `[[ B>>A ]]`, `[[a=b]]`. Used both to find candidate verdicts in judge output and to
 * neutralise verdict look-alikes inside untrusted text. Case-insensitive so that `[[a]]` is neutralised too.
 */
export const VERDICT_LIKE = /\[\[([\sABCabc<>=]{1,12})\]\]/g;

/** Label a verdict would carry in another grammar: used to translate baseline/random verdicts. */
export function labelFor(grammar: GrammarId, verdict: Side, strength: Strength): string {
  if (grammar === "abc") return verdict === "A" ? "A" : verdict === "B" ? "B" : "C";
  if (verdict === "tie") return "A=B";
  if (verdict === "A") return strength === 3 ? "A>>B" : "A>B";
  return strength === 3 ? "B>>A" : "B>A";
}

/** Builds a verdict value for a grammar (strength is forced to 1 for `abc` and for ties). */
export function makeVerdict(grammar: GrammarId, verdict: Side, strength: Strength = 1): Verdict {
  const s: Strength = grammar === "abc" || verdict === "tie" ? 1 : strength;
  return { verdict, strength: s, label: labelFor(grammar, verdict, s) };
}

/** Swaps A and B: maps a verdict written about the swapped display back to canonical terms (and vice versa). */
export function swapSide(side: Side): Side {
  return side === "A" ? "B" : side === "B" ? "A" : "tie";
}
