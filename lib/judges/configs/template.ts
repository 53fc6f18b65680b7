/**
 * A judge config's template and request fingerprint. Built-in ids resolve to the core's templates; "custom"
 * parses the stored text (JSON when it starts with `{`, else front matter) with the core's validation.
 */
import { createHash } from "node:crypto";
import { BUILTIN_TEMPLATES, parseTemplateText, type JudgeTemplate } from "@/lib/judges/core";
import { judgeParamsSchema, type JudgeParams } from "@/lib/validation/judges";

export interface TemplateSource {
  template: string | null;
  customTemplate: string | null;
}

export function resolveTemplate(j: TemplateSource): JudgeTemplate {
  const id = j.template ?? "mtbench-pair-v2";
  if (id !== "custom") {
    const t = BUILTIN_TEMPLATES[id];
    if (!t) throw new Error(`unknown judge template "${id}" (built-in: ${Object.keys(BUILTIN_TEMPLATES).join(", ")}, or custom)`);
    return t;
  }
  const text = j.customTemplate ?? "";
  return parseTemplateText(text, text.trimStart().startsWith("{") ? "json" : "front-matter");
}

export function judgeParams(raw: unknown): JudgeParams {
  const p = judgeParamsSchema.safeParse(raw ?? {});
  return p.success ? p.data : judgeParamsSchema.parse({});
}

/**
 * The config hash used in request hashes: everything that changes what the judge would answer (kind, endpoint,
 * model, template text, temperature, max tokens, baseline/panel rule) and nothing else (not prices or limits).
 */
export function configHash(j: TemplateSource & { kind: string; baseUrl: string | null; model: string | null; params: unknown; rule: string | null }): string {
  const p = judgeParams(j.params);
  const key = JSON.stringify([j.kind, j.baseUrl, j.model, j.template, j.customTemplate, p.temperature, p.maxTokens, j.rule]);
  return createHash("sha256").update(key).digest("hex");
}

/** Request hash: config hash + battle + its answers + the shown order (the cache key). */
export function requestHash(config: string, battle: { id: number; responseAId: number | null; responseBId: number | null; turn: number }, shownLeft: "A" | "B"): string {
  return createHash("sha256")
    .update(`${config}|${battle.id}|${battle.responseAId}|${battle.responseBId}|${battle.turn}|${shownLeft}`)
    .digest("hex");
}
