/**
 * Per-style answer renderers: each turns a prompt turn's core content (written once, see `prompts/`) into
 * markdown in one system's style. Rendering is a pure function of its inputs; the seeded choices (wrong or
 * refusal, formatting variant, which boilerplate variant) are made by the caller (`answers.ts`).
 *
 * Every style has three formatting variants (`DemoFormat`) with the same words, so formatting varies within a
 * system while content and length stay put: "plain" (prose, no markdown outside code), "light" (bold and/or list
 * items) and "full" (light plus section headers). Per style:
 * - terse-correct: the answer and its code block, nothing else; light/full bold a short answer.
 * - verbose: preamble + answer + "First of all: …" expansion + code + illustration + restatement + caveat; light
 *   turns the expansion into bullets with bold ordinals and bolds a short answer; full adds "Key points" and
 *   "Summary" headers. Wrong answers: preamble + answer + code + caveat (full: an "Answer" header).
 * - markdown-heavy: full = `##`/`###` headers, bold answer, bullet list with bold leads, a "Summary" section with
 *   a bold "Bottom line"; light = the same without headers; plain = answer, points as prose, "Bottom line: …".
 * - often-wrong: the wrong variant (when chosen) or the answer with one supporting point, plus a confident claim;
 *   light bolds a short answer; full also puts the supporting point in a bullet.
 * - refuses-often: a polite refusal (when chosen; always plain) or hedged prose; light lists the points as
 *   bullets; full adds a header.
 * - strong-all-round: answer + code + explanation + "Example:" line; light numbers the explanation and bolds
 *   "Example:"; full adds a "Key points" header.
 */
import { DEMO_PHRASES, type DemoPhrases } from "./phrases";
import { firstSentence } from "./text";
import type { DemoAnswerKind, DemoCode, DemoFormat, DemoLanguage, DemoStyle, DemoTurnSource } from "./types";

/** What the caller decided for this answer, plus an integer used to pick boilerplate variants. */
export interface DemoRenderChoice {
  /** "wrong" falls back to a normal answer when the turn has no wrong variant. */
  mode: DemoAnswerKind;
  /** Formatting variant (ignored for refusals). */
  format: DemoFormat;
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

/** `**answer**` for short answers, else the answer as is. */
function boldIfShort(answer: string): string {
  return isShort(answer) ? `**${answer}**` : answer;
}

/** Section header (formatted "full" variants only). */
function header(level: 2 | 3, title: string): string {
  return `${"#".repeat(level)} ${title}`;
}

function renderTerse(answer: string, code: DemoCode | undefined, format: DemoFormat): string[] {
  return [format === "plain" ? answer : boldIfShort(answer), ...fence(code)];
}

function renderVerbose(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage, pick: number, format: DemoFormat): string[] {
  const { core } = turn;
  const sep = joiner(lang);
  const ordinal = (i: number): string => p.ordinals[Math.min(i, p.ordinals.length - 1)];
  const parts = [choose(p.preambles, pick), format === "plain" ? core.answer : boldIfShort(core.answer)];
  if (format === "plain") {
    parts.push([p.expand, ...core.points.map((pt, i) => labelled(ordinal(i), pt, lang))].join(sep));
  } else {
    if (format === "full") parts.push(header(3, p.hKeyPoints));
    parts.push(p.expand);
    if (core.points.length > 0) parts.push(core.points.map((pt, i) => `- ${labelled(`**${ordinal(i)}**`, pt, lang)}`).join("\n"));
  }
  parts.push(...fence(core.code));
  if (core.example) parts.push(labelled(p.illustration, core.example, lang));
  if (format === "full") parts.push(header(3, p.hSummary));
  parts.push(isShort(core.answer) ? labelled(p.summaryShort, core.answer, lang) : p.summaryLong);
  parts.push(p.caveat);
  return parts;
}

function renderVerboseWrong(p: DemoPhrases, answer: string, code: DemoCode | undefined, pick: number, format: DemoFormat): string[] {
  const head = format === "full" ? [header(2, p.hAnswer)] : [];
  return [choose(p.preambles, pick), ...head, format === "plain" ? answer : boldIfShort(answer), ...fence(code), p.caveat];
}

function renderMarkdownHeavy(p: DemoPhrases, lang: DemoLanguage, answer: string, points: string[], code: DemoCode | undefined, format: DemoFormat): string[] {
  const colon = lang === "ja" ? "：" : ":";
  const bottom = isShort(answer) ? firstSentence(answer) : p.readyToUse;
  if (format === "plain") {
    const parts = [answer];
    if (points.length > 0) parts.push(points.join(joiner(lang)));
    parts.push(...fence(code), `${p.bottomLine}${colon}${joiner(lang)}${bottom}`);
    return parts;
  }
  const full = format === "full";
  const parts = full ? [header(2, p.hAnswer), boldIfShort(answer)] : [boldIfShort(answer)];
  if (points.length > 0) parts.push(...(full ? [header(3, p.hKeyPoints)] : []), points.map((pt) => `- ${boldLead(pt)}`).join("\n"));
  if (code) parts.push(...(full ? [header(3, p.hCode)] : []), ...fence(code));
  if (full) parts.push(header(3, p.hSummary), `- **${p.bottomLine}${colon}**${joiner(lang)}${bottom}`);
  else parts.push(`**${p.bottomLine}${colon}**${joiner(lang)}${bottom}`);
  return parts;
}

function renderOftenWrong(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage, wrong: boolean, pick: number, format: DemoFormat): string[] {
  const confident = choose(p.confident, pick);
  const sep = joiner(lang);
  const answer = wrong && turn.wrong ? turn.wrong.answer : turn.core.answer;
  const code = wrong && turn.wrong ? (turn.wrong.code ?? turn.core.code) : turn.core.code;
  // A wrong answer drops the core's supporting point, which would contradict it.
  const support = wrong && turn.wrong ? undefined : turn.core.points[0];
  if (format === "plain") return [`${answer}${support ? `${sep}${support}` : ""}${sep}${confident}`, ...fence(code)];
  const lead = `${boldIfShort(answer)}${sep}${confident}`;
  if (format === "full" && support) return [lead, `- ${support}`, ...fence(code)];
  return [`${boldIfShort(answer)}${support ? `${sep}${support}` : ""}${sep}${confident}`, ...fence(code)];
}

function renderRefusesOften(p: DemoPhrases, lang: DemoLanguage, answer: string, points: string[], code: DemoCode | undefined, format: DemoFormat): string[] {
  if (format === "plain" || points.length === 0) {
    const head = format === "full" ? [header(3, p.hAnswer)] : [];
    return [...head, answer, ...fence(code), [...points, p.hedge].join(joiner(lang))];
  }
  const head = format === "full" ? [header(3, p.hKeyPoints)] : [];
  return [answer, ...fence(code), ...head, points.map((pt) => `- ${pt}`).join("\n"), p.hedge];
}

function renderStrong(turn: DemoTurnSource, p: DemoPhrases, lang: DemoLanguage, format: DemoFormat): string[] {
  const { core } = turn;
  const parts = [core.answer, ...fence(core.code)];
  if (format === "plain") {
    if (core.points.length > 0) parts.push(core.points.join(joiner(lang)));
    if (core.example) parts.push(labelled(p.forExample, core.example, lang));
    return parts;
  }
  if (core.points.length > 0) {
    if (format === "full") parts.push(header(3, p.hKeyPoints));
    parts.push(core.points.map((pt, i) => `${i + 1}. ${pt}`).join("\n"));
  }
  if (core.example) parts.push(labelled(`**${p.forExample}**`, core.example, lang));
  return parts;
}

/**
 * Render one turn in a style. `choice.mode` says whether this system refuses or gives the wrong variant for
 * this prompt and `choice.format` how much markdown to use; the returned `kind` is what was actually produced.
 * Refusals are plain text whatever the format.
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
  const format = choice.format;
  const wrong = choice.mode === "wrong" && turn.wrong !== undefined;
  const answer = wrong && turn.wrong ? turn.wrong.answer : turn.core.answer;
  const code = wrong && turn.wrong ? (turn.wrong.code ?? turn.core.code) : turn.core.code;
  // A wrong answer drops the core's supporting points, which would contradict it.
  const points = wrong ? [] : turn.core.points;
  let parts: string[];
  switch (style) {
    case "terse-correct":
      parts = renderTerse(answer, code, format);
      break;
    case "verbose":
      parts = wrong ? renderVerboseWrong(p, answer, code, choice.pick, format) : renderVerbose(turn, p, language, choice.pick, format);
      break;
    case "markdown-heavy":
      parts = renderMarkdownHeavy(p, language, answer, points, code, format);
      break;
    case "often-wrong":
      parts = renderOftenWrong(turn, p, language, wrong, choice.pick, format);
      break;
    case "refuses-often":
      parts = renderRefusesOften(p, language, answer, points, code, format);
      break;
    case "strong-all-round":
      parts = renderStrong(turn, p, language, format);
      break;
  }
  return { content: parts.join("\n\n"), kind: wrong ? "wrong" : "normal" };
}
