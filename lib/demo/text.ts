/**
 * Small text helpers for the demo dataset: stable string hashing (to seed per-item RNGs), token estimates
 * and the markdown-element count that drives the simulated crowd's style preference.
 */

/** 32-bit FNV-1a hash of a string; used to derive stable per-item seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/g;

/** Approximate token count: one token per CJK character plus one per 4 other characters (rounded up). */
export function approxTokens(text: string): number {
  const cjk = (text.match(CJK) ?? []).length;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** Remove fenced code blocks, so formatting inside code is not counted as markdown styling. */
function stripFences(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "");
}

/** Markdown styling elements of an answer (outside fenced code). */
export interface DemoMarkdownCounts {
  /** Lines starting with 1–6 `#` and a space. */
  headers: number;
  /** Lines starting with `- `, `* `, `+ ` or `1. ` (any number). */
  listItems: number;
  /** `**bold**` spans. */
  bold: number;
}

/** Count markdown styling elements (headers, list items, bold spans) outside fenced code. */
export function countMarkdown(text: string): DemoMarkdownCounts {
  const body = stripFences(text);
  const lines = body.split("\n");
  return {
    headers: lines.filter((l) => /^#{1,6}\s/.test(l)).length,
    listItems: lines.filter((l) => /^\s*([-*+]|\d+\.)\s/.test(l)).length,
    bold: (body.match(/\*\*[^*\n]+\*\*/g) ?? []).length,
  };
}

/** Total markdown elements: headers + list items + bold spans. This is the style feature `m` of the simulation. */
export function markdownScore(text: string): number {
  const c = countMarkdown(text);
  return c.headers + c.listItems + c.bold;
}

/** First sentence of a text (up to the first ". ", "? ", "! ", "。" or newline). */
export function firstSentence(text: string): string {
  const match = text.match(/^[\s\S]*?([.!?](?=\s)|。|\n)/);
  return (match ? match[0] : text).trim();
}
