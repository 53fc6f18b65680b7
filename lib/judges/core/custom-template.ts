/**
 * Custom judge templates: validation and loading from a file.
 *
 * ## File formats
 *
 * **JSON** (`*.json`):
 * ```json
 * { "id": "concise-judge", "name": "Concise judge", "grammar": "abc",
 *   "system": "You compare two answers … write [[A]], [[B]] or [[C]] on the last line.",
 *   "user": "Question: {question}\n\nA: {answer_a}\n\nB: {answer_b}" }
 * ```
 *
 * **Text with front matter** (any other extension): `key: value` lines between `---` fences (keys `id`, `name`,
 * `grammar`), then a body split by the lines `[system]` and `[user]`. Without a `[user]` line the whole body is
 * the user prompt and the system prompt is empty.
 * ```text
 * ---
 * id: concise-judge
 * grammar: five-level
 * ---
 * [system]
 * You compare two answers … end with one of [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]].
 * [user]
 * {turns}
 * ```
 *
 * ## Rules
 * - `grammar` is one of the built-in grammars: `abc` or `five-level`.
 * - The prompts must contain `{turns}`, or all of `{question}`, `{answer_a}` and `{answer_b}`.
 * - Only the placeholders `{question}`, `{answer_a}`, `{answer_b}`, `{reference}`, `{turns}` are allowed; any other
 *   `{name}` is rejected (it is usually a typo). `{reference}` makes the template reference-guided.
 * - The text must mention at least one verdict token of its grammar (otherwise the judge is never told the format).
 * - A template with `{turns}` can judge multi-turn battles; without it, only single-turn ones.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { GRAMMAR_IDS, GRAMMAR_TOKENS } from "./grammar";
import { BUILTIN_TEMPLATES, PLACEHOLDERS, placeholdersIn, type JudgeTemplate } from "./templates";

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

export const customTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "id must be 1–64 characters of a-z, 0-9, '.', '_' or '-'"),
  name: z.string().min(1).max(200).optional(),
  grammar: z.enum(GRAMMAR_IDS as [string, ...string[]]),
  system: z.string().default(""),
  user: z.string().min(1, "user prompt must not be empty"),
});

export type CustomTemplateSpec = z.input<typeof customTemplateSchema>;

/**
 * Validates a custom template specification (e.g. parsed JSON) and returns a `JudgeTemplate`.
 * Throws `TemplateError` whose message lists every problem found.
 */
export function validateCustomTemplate(spec: unknown): JudgeTemplate {
  const parsed = customTemplateSchema.safeParse(spec);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new TemplateError(`Invalid custom template: ${issues.join("; ")}`);
  }
  const s = parsed.data;
  const problems: string[] = [];
  if (s.id in BUILTIN_TEMPLATES) problems.push(`id "${s.id}" is reserved for a built-in template`);
  const all = `${s.system}\n${s.user}`;
  const used = placeholdersIn(all);
  const unknown = used.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    problems.push(
      `unknown placeholder(s) ${unknown.map((p) => `{${p}}`).join(", ")}; allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
    );
  }
  if (!used.includes("turns")) {
    const missing = ["question", "answer_a", "answer_b"].filter((p) => !used.includes(p));
    if (missing.length > 0) {
      problems.push(`missing placeholder(s) ${missing.map((p) => `{${p}}`).join(", ")} (or use {turns})`);
    }
  }
  const grammar = s.grammar === "abc" ? "abc" : "five-level";
  const tokens = GRAMMAR_TOKENS[grammar];
  if (!tokens.some((t) => all.includes(t))) {
    problems.push(`grammar "${grammar}" declared, but the prompt never mentions its verdict tokens (${tokens.join(", ")})`);
  }
  if (problems.length > 0) throw new TemplateError(`Invalid custom template "${s.id}": ${problems.join("; ")}.`);
  const pair = { system: s.system, user: s.user };
  return {
    id: s.id,
    name: s.name ?? s.id,
    grammar,
    single: pair,
    multi: used.includes("turns") ? pair : undefined,
    builtin: false,
  };
}

/** Parses the front-matter text format described above into a spec (not yet validated). */
export function parseFrontMatterTemplate(text: string): Record<string, string> {
  const normalised = text.replace(/\r\n/g, "\n");
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!m) throw new TemplateError("Template text must start with a front matter block between '---' lines.");
  const spec: Record<string, string> = {};
  for (const line of m[1].split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const kv = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new TemplateError(`Front matter line is not "key: value": ${JSON.stringify(line)}`);
    spec[kv[1]] = kv[2].trim().replace(/^"(.*)"$/, "$1");
  }
  const body = m[2];
  const userAt = body.search(/^\[user\]\s*$/m);
  if (userAt < 0) {
    spec.system = "";
    spec.user = body.trim();
  } else {
    const before = body.slice(0, userAt);
    spec.system = before.replace(/^\s*\[system\]\s*\n?/, "").trim();
    spec.user = body.slice(userAt).replace(/^\[user\]\s*\n?/, "").trim();
  }
  return spec;
}

/** Loads and validates a custom template from a `.json` file or a front-matter text file. */
export async function loadTemplateFile(path: string): Promise<JudgeTemplate> {
  const text = await readFile(path, "utf8");
  return parseTemplateText(text, path.toLowerCase().endsWith(".json") ? "json" : "front-matter");
}

/** Parses template text in the given format and validates it (see the module documentation). */
export function parseTemplateText(text: string, format: "json" | "front-matter"): JudgeTemplate {
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new TemplateError(`Template file is not valid JSON: ${(e as Error).message}`);
    }
    return validateCustomTemplate(data);
  }
  return validateCustomTemplate(parseFrontMatterTemplate(text));
}
