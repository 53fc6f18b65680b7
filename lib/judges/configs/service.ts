/**
 * Judge configs (maintainers): create, list, edit, test the connection. An LLM judge stores the NAME of the env
 * var that holds its key, never the key. Custom templates are validated by the core before they are stored.
 */
import { conflict, notFound, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LlmClient } from "@/lib/llm/client";
import { LlmError } from "@/lib/llm/retry";
import { isUniqueViolation } from "@/lib/admin/prisma-errors";
import type { JudgeCreateInput, JudgeParams, JudgeUpdateInput } from "@/lib/validation/judges";
import { findAllJudges, findJudgeById, findJudgeBySlug, findJudgeIdsBySlugs, findPanelMembers, insertJudge, updateJudgeRow, type JudgeRow } from "./queries";
import { judgeParams, resolveTemplate } from "./template";

export interface JudgeView {
  id: number;
  slug: string;
  name: string;
  kind: "llm" | "panel" | "baseline" | "external";
  family: string;
  description: string;
  baseUrl: string | null;
  model: string | null;
  apiKeyEnv: string | null;
  keyPresent: boolean;
  template: string | null;
  customTemplate: string | null;
  params: JudgeParams;
  concurrency: number;
  rpm: number | null;
  tpm: number | null;
  pricePromptPerM: number;
  priceCompletionPerM: number;
  rule: string | null;
  isDemo: boolean;
  members: string[];
  updatedAt: string;
}

export function toJudgeView(row: JudgeRow, members: string[] = [], env: NodeJS.ProcessEnv = process.env): JudgeView {
  return {
    ...row,
    params: judgeParams(row.params),
    keyPresent: Boolean(row.apiKeyEnv && env[row.apiKeyEnv]),
    members,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checkTemplate(template: string | null, customTemplate: string | null): void {
  try {
    resolveTemplate({ template, customTemplate });
  } catch (err) {
    throw unprocessable(err instanceof Error ? err.message : String(err));
  }
}

export async function listJudges(): Promise<JudgeView[]> {
  return (await findAllJudges()).map((r) => toJudgeView(r));
}

export async function getJudge(idOrSlug: number | string): Promise<JudgeView> {
  const row = typeof idOrSlug === "number" ? await findJudgeById(idOrSlug) : await findJudgeBySlug(idOrSlug);
  if (!row) throw notFound(`judge ${idOrSlug}`);
  const members = row.kind === "panel" ? (await findPanelMembers(row.id)).map((m) => m.slug) : [];
  return toJudgeView(row, members);
}

export async function createJudge(input: JudgeCreateInput): Promise<JudgeView> {
  const llm = input.kind === "llm";
  if (llm) checkTemplate(input.template, input.customTemplate);
  let members: Array<{ memberId: number; priority: number }> = [];
  if (input.kind === "panel") {
    const slugs = input.members ?? [];
    const found = await findJudgeIdsBySlugs(slugs);
    const missing = slugs.filter((s) => !found.some((f) => f.slug === s));
    if (missing.length) throw unprocessable(`unknown panel member(s): ${missing.join(", ")}`);
    // First listed = highest priority (breaks ties under tieBreak "priority").
    members = slugs.map((s, i) => ({ memberId: found.find((f) => f.slug === s)!.id, priority: slugs.length - i }));
  }
  const data: Prisma.JudgeCreateInput = {
    slug: input.slug,
    name: input.name || input.slug,
    kind: input.kind,
    family: input.family,
    description: input.description,
    baseUrl: llm ? input.baseUrl : null,
    model: llm ? input.model : null,
    apiKeyEnv: llm ? input.apiKeyEnv : null,
    template: llm ? input.template : input.kind === "baseline" ? "arena-hard" : null,
    customTemplate: llm && input.template === "custom" ? input.customTemplate : null,
    params: input.params,
    concurrency: input.concurrency,
    rpm: input.rpm ?? null,
    tpm: input.tpm ?? null,
    pricePromptPerM: input.pricePromptPerM,
    priceCompletionPerM: input.priceCompletionPerM,
    rule: input.rule,
  };
  try {
    return toJudgeView(await insertJudge(data, members), input.members ?? []);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`a judge with slug "${input.slug}" already exists`);
    throw err;
  }
}

export async function updateJudge(id: number, input: JudgeUpdateInput): Promise<JudgeView> {
  const current = await findJudgeById(id);
  if (!current) throw notFound(`judge ${id}`);
  const template = input.template ?? current.template;
  const customTemplate = input.customTemplate !== undefined && input.customTemplate !== null ? input.customTemplate : current.customTemplate;
  if (current.kind === "llm") checkTemplate(template, customTemplate);
  const params = input.params ? { ...judgeParams(current.params), ...input.params } : undefined;
  const row = await updateJudgeRow(id, {
    ...input,
    template,
    customTemplate: template === "custom" ? customTemplate : null,
    params,
  });
  return getJudge(row.id);
}

export type JudgeConnectionReport =
  | { ok: true; latencyMs: number; model: string; sample: string }
  | { ok: false; error: string; kind: string; status: number | null };

/** One tiny call (8 tokens, single attempt) to the judge's endpoint; a failure is a result, not an error. */
export async function testJudgeConnection(id: number, env: NodeJS.ProcessEnv = process.env): Promise<JudgeConnectionReport> {
  const judge = await findJudgeById(id);
  if (!judge) throw notFound(`judge ${id}`);
  if (judge.kind !== "llm" || !judge.baseUrl || !judge.model) throw unprocessable(`judge ${judge.slug} has no endpoint`);
  const p = judgeParams(judge.params);
  let client: LlmClient;
  try {
    client = new LlmClient(
      { baseURL: judge.baseUrl, model: judge.model, apiKeyEnv: judge.apiKeyEnv ?? undefined, timeoutMs: Math.min(p.timeoutMs, 30_000), maxAttempts: 1 },
      { env },
    );
  } catch (err) {
    if (err instanceof LlmError) return { ok: false, error: err.message, kind: err.kind, status: null };
    throw err;
  }
  const r = await client.testConnection();
  if (!r.ok) return { ok: false, error: r.error.message, kind: r.error.kind, status: r.error.status ?? null };
  const sample = r.text.trim().replace(/\s+/g, " ").slice(0, 80);
  return { ok: true, latencyMs: Math.round(r.latencyMs), model: r.model, sample };
}
