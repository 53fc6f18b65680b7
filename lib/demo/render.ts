/**
 * Per-style answer renderers: each turns a prompt turn's core content (written once, see `prompts/`) into
 * markdown in one system's style. Rendering is a pure function of its inputs; the seeded choices (wrong or
 * refusal, which boilerplate variant) are made by the caller (`answers.ts`).
 *
 * - terse-correct: the answer and its code block, nothing else.
 * - verbose: preamble + answer + "First of all: …" prose expansion + code + illustration + restatement + caveat.
 * - markdown-heavy: `##`/`###` headers, bold answer, bullet list with bold leads, a "Summary" section; no example.
 * - often-wrong: the wrong variant (when chosen) or the answer with one supporting point, plus a confident claim.
 * - refuses-often: a polite refusal (when chosen) or hedged prose.
 * - strong-all-round: answer + code + numbered explanation + bold "Example:" line.
 */
import { DEMO_PHRASES, type DemoPhrases } from "./phrases";
import { firstSentence } from "./text";
import type { DemoAnswerKind, DemoCode, DemoLanguage, DemoStyle, DemoTurnSource } from "./types";

/** What the caller decided for this answer, plus an integer used to pick boilerplate variants. */
export interface DemoRenderChoice {
  /** "wrong" falls back to a normal answer when the turn has no wrong variant. */
  mode: DemoAnswerKind;
  pick: number;
}

/** A rendered answer and what it actually is. */
export interface DemoRendered {
  content: string;
  kind: DemoAnswerKind;
}

function fence(code: DemoCode | undefined): string[] {
  return code ? ["```" + code.lang + "\n" + code.source + "\n```"] : [];
}

function choose<T>(items: readonly T[], pick: number): T {
  return items[Math.abs(pick) % items.length];
}

/** Space between sentences: none for Japanese, one space otherwise. */
function joiner(language: DemoLanguage): string {
  return language === "ja" ? "" : " ";
}

/** "Label: text" joined the way the language writes it (no space after a Japanese full-width colon). */
function labelled(label: string, text: string, language: DemoLanguage): string {
  return `${label}${joiner(language)}${text}`;
}

/** True for short one-line answers that can be restated or bolded. */
function isShort(answer: string): boolean {
  return !answer.includes("\n") && answer.length <= 200;
}

/** Bold the first three words of a bullet (the "bold lead" look); the whole bullet if it has no more words. */
function boldLead(point: string): string {
  const words = point.split(" ");
  const lead = words.slice(0, 3).join(" ");
  if (words.length <= 3 || lead.includes("`")) return `**${point}**`;
  return `**${words.slice(0, 3).join(" ")}** ${words.slice(3).join(" ")}`;
}

function renderTerse(turn: DemoTurnSource): string[] {
  return [turn.core.answer, ...fence(turn.core.code)];
}

function renderVerbose(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage, pick: number): string[] {
  const { core } = turn;
  const sep = joiner(lang);
  const expansion = [p.expand, ...core.points.map((pt, i) => labelled(p.ordinals[Math.min(i, p.ordinals.length - 1)], pt, lang))];
  const parts = [choose(p.preambles, pick), core.answer, expansion.join(sep), ...fence(core.code)];
  if (core.example) parts.push(labelled(p.illustration, core.example, lang));
  parts.push(isShort(core.answer) ? labelled(p.summaryShort, core.answer, lang) : p.summaryLong);
  parts.push(p.caveat);
  return parts;
}

function renderMarkdownHeavy(p: DemoPhrases, lang: DemoLanguage, answer: string, points: string[], code: DemoCode | undefined): string[] {
  const parts = [`## ${p.hAnswer}`, isShort(answer) ? `**${answer}**` : answer];
  if (points.length > 0) parts.push(`### ${p.hKeyPoints}`, points.map((pt) => `- ${boldLead(pt)}`).join("\n"));
  if (code) parts.push(`### ${p.hCode}`, ...fence(code));
  parts.push(`### ${p.hSummary}`, `- **${p.bottomLine}${lang === "ja" ? "：" : ":"}**${joiner(lang)}${isShort(answer) ? firstSentence(answer) : p.readyToUse}`);
  return parts;
}

function renderOftenWrong(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage, wrong: boolean, pick: number): string[] {
  const confident = choose(p.confident, pick);
  if (wrong && turn.wrong) {
    return [`${turn.wrong.answer}${joiner(lang)}${confident}`, ...fence(turn.wrong.code ?? turn.core.code)];
  }
  const support = turn.core.points[0] ? `${joiner(lang)}${turn.core.points[0]}` : "";
  return [`${turn.core.answer}${support}${joiner(lang)}${confident}`, ...fence(turn.core.code)];
}

function renderRefusesOften(p: DemoPhrases, lang: DemoLanguage, answer: string, points: string[], code: DemoCode | undefined): string[] {
  return [answer, ...fence(code), [...points, p.hedge].join(joiner(lang))];
}

function renderStrong(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage): string[] {
  const { core } = turn;
  const parts = [core.answer, ...fence(core.code)];
  if (core.points.length > 0) parts.push(core.points.map((pt, i) => `${i + 1}. ${pt}`).join("\n"));
  if (core.example) parts.push(labelled(`**${p.forExample}**`, core.example, lang));
  return parts;
}

/**
 * Render one turn in a style. `choice.mode` says whether this system refuses or gives the wrong variant for
 * this prompt; the returned `kind` is what was actually produced.
 */
export function renderDemoTurn(
  style: DemoStyle,
  turn: DemoTurnSource,
  language: DemoLanguage,
  choice: DemoRenderChoice,
): DemoRendered {
  const p = DEMO_PHRASES[language];
  if (choice.mode === "refusal") {
    return { content: choose(p.refusals, choice.pick), kind: "refusal" };
  }
  const wrong = choice.mode === "wrong" && turn.wrong !== undefined;
  const answer = wrong && turn.wrong ? turn.wrong.answer : turn.core.answer;
  const code = wrong && turn.wrong ? (turn.wrong.code ?? turn.core.code) : turn.core.code;
  // A wrong answer drops the core's supporting points, which would contradict it.
  const points = wrong ? [] : turn.core.points;
  let parts: string[];
  switch (style) {
    case "terse-correct":
      parts = wrong ? [answer, ...fence(code)] : renderTerse(turn);
      break;
    case "verbose":
      parts = wrong
        ? [choose(p.preambles, choice.pick), answer, ...fence(code), p.caveat]
        : renderVerbose(turn, p, language, choice.pick);
      break;
    case "markdown-heavy":
      parts = renderMarkdownHeavy(p, language, answer, points, code);
      break;
    case "often-wrong":
      parts = renderOftenWrong(turn, p, language, wrong, choice.pick);
      break;
    case "refuses-often":
      parts = renderRefusesOften(p, language, answer, points, code);
      break;
    case "strong-all-round":
      parts = renderStrong(turn, p, language);
      break;
  }
  return { content: parts.join("\n\n"), kind: wrong ? "wrong" : "normal" };
}
