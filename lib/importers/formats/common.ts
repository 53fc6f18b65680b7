/** Helpers shared by the format parsers: file discovery, field access with clear bad-row messages. */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { BadReason, BadRow, JudgeSpec, Loc } from "../types";

export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Files under the given paths (files as given, folders walked), filtered by `keep`. */
export async function expand(paths: string[], keep: (file: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new Error(`no such file or folder: ${p}`);
    }
    if (st.isDirectory()) out.push(...(await walk(p)).filter(keep));
    else out.push(p);
  }
  return out;
}

export const isJsonFile = (f: string) => /\.(jsonl|json)$/i.test(f);

export function bad(loc: Loc, reason: BadReason, message: string): BadRow {
  return { kind: "bad", loc, reason, message };
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string or number field as a string ("" when absent). */
export function str(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

export function strings(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;
}

/** Splits an OpenAI-style conversation into user and assistant turns. */
export function conversationTurns(v: unknown): { user: string[]; assistant: string[] } | null {
  if (!Array.isArray(v)) return null;
  const user: string[] = [];
  const assistant: string[] = [];
  for (const m of v) {
    if (!isObj(m)) continue;
    const content = typeof m.content === "string" ? m.content : isObj(m.content) && typeof m.content.answer === "string" ? m.content.answer : "";
    if (m.role === "user" || m.role === "human") user.push(content);
    else if (m.role === "assistant" || m.role === "gpt") assistant.push(content);
  }
  return { user, assistant };
}

/** Seconds or milliseconds since the epoch, or an ISO string → Date; null when absent or unreadable. */
export function toDate(v: unknown): Date | null {
  if (typeof v === "number" && Number.isFinite(v)) return new Date(v > 1e12 ? v : v * 1000);
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    const d = Number.isFinite(n) ? new Date(n > 1e12 ? n : n * 1000) : new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

const FAMILIES: [RegExp, string][] = [
  [/gpt|openai|o1|o3/i, "openai"],
  [/claude|anthropic/i, "anthropic"],
  [/bard|gemini|palm/i, "google"],
  [/vicuna|fastchat|lmsys/i, "lmsys"],
  [/llama|meta/i, "meta"],
  [/mistral|mixtral/i, "mistral"],
  [/qwen/i, "alibaba"],
  [/deepseek/i, "deepseek"],
];

/** A family guessed from a model name ("" when unknown). */
export function familyOf(name: string): string {
  return FAMILIES.find(([re]) => re.test(name))?.[1] ?? "";
}

export function llmJudge(slug: string, name: string, model: string, description: string): JudgeSpec {
  return { slug, name, family: familyOf(model), kind: "llm", description };
}
