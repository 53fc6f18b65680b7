/**
 * Judge configs, runs, API keys and cascades: the schemas shared by the admin forms, `app/api/admin/judges/...`,
 * `app/api/judge-runs/...` and `concord judge …`.
 */
import { z } from "zod";
import { apiKeyEnvSchema, slugSchema } from "./admin";

export const BUILTIN_TEMPLATE_IDS = ["mtbench-pair-v2", "mtbench-ref", "arena-hard"] as const;

/** Endpoint call parameters stored in `Judge.params`. */
export const judgeParamsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().min(1).max(65_536).default(1024),
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /** Task-level attempts (each durable retry is one attempt) before a task is failed. */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** Durable back-off base and cap: delay = U(0, min(cap, base · 2^(attempt − 1))), at least Retry-After. */
  baseDelayMs: z.number().int().min(0).max(600_000).default(1_000),
  maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
});
export type JudgeParams = z.output<typeof judgeParamsSchema>;

const nullable = <T extends z.ZodType<string>>(s: T) =>
  z
    .union([z.literal(""), z.null(), s])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : (v as string)));

export const judgeKindSchema = z.enum(["llm", "panel", "baseline", "external"]);

export const judgeCreateSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().max(200).optional(),
    kind: judgeKindSchema.default("llm"),
    family: z.string().trim().max(100).default(""),
    description: z.string().trim().max(2_000).default(""),
    baseUrl: nullable(z.string().trim().url("a base URL such as http://localhost:8000/v1")),
    model: nullable(z.string().trim().min(1).max(200)),
    apiKeyEnv: nullable(apiKeyEnvSchema),
    /** A built-in template id, or "custom" with `customTemplate` (JSON or front-matter text). */
    template: z.string().trim().max(100).default("mtbench-pair-v2"),
    customTemplate: nullable(z.string().max(100_000)),
    params: judgeParamsSchema.partial().default({}),
    concurrency: z.coerce.number().int().min(1).max(1024).default(4),
    rpm: z.coerce.number().int().min(1).max(10_000_000).nullable().optional(),
    tpm: z.coerce.number().int().min(1).max(1_000_000_000).nullable().optional(),
    pricePromptPerM: z.coerce.number().min(0).max(10_000).default(0),
    priceCompletionPerM: z.coerce.number().min(0).max(10_000).default(0),
    /** Panels: majority | mean. Baselines: longer | random. */
    rule: nullable(z.enum(["majority", "mean", "longer", "random"])),
    /** Panels: member slugs, highest priority first (first member breaks ties). */
    members: z.array(slugSchema).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "llm") {
      if (!v.baseUrl) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "an LLM judge needs a base URL" });
      if (!v.model) ctx.addIssue({ code: "custom", path: ["model"], message: "an LLM judge needs a model" });
      if (v.template === "custom" && !v.customTemplate) {
        ctx.addIssue({ code: "custom", path: ["customTemplate"], message: "a custom template needs its text" });
      }
      if (v.template !== "custom" && !(BUILTIN_TEMPLATE_IDS as readonly string[]).includes(v.template)) {
        ctx.addIssue({ code: "custom", path: ["template"], message: `one of ${BUILTIN_TEMPLATE_IDS.join(", ")} or custom` });
      }
    }
    if (v.kind === "baseline" && v.rule !== "longer" && v.rule !== "random") {
      ctx.addIssue({ code: "custom", path: ["rule"], message: "a baseline judge's rule is longer or random" });
    }
    if (v.kind === "panel") {
      if (v.rule !== "majority" && v.rule !== "mean") ctx.addIssue({ code: "custom", path: ["rule"], message: "a panel's rule is majority or mean" });
      if (!v.members || v.members.length < 2) ctx.addIssue({ code: "custom", path: ["members"], message: "a panel needs at least two members" });
    }
  });
export type JudgeCreateInput = z.output<typeof judgeCreateSchema>;

/** Editable fields of an existing judge (slug and kind are fixed). */
export const judgeUpdateSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  family: z.string().trim().max(100).optional(),
  description: z.string().trim().max(2_000).optional(),
  baseUrl: nullable(z.string().trim().url()),
  model: nullable(z.string().trim().min(1).max(200)),
  apiKeyEnv: nullable(apiKeyEnvSchema),
  template: z.string().trim().max(100).optional(),
  customTemplate: nullable(z.string().max(100_000)),
  params: judgeParamsSchema.partial().optional(),
  concurrency: z.coerce.number().int().min(1).max(1024).optional(),
  rpm: z.coerce.number().int().min(1).nullable().optional(),
  tpm: z.coerce.number().int().min(1).nullable().optional(),
  pricePromptPerM: z.coerce.number().min(0).max(10_000).optional(),
  priceCompletionPerM: z.coerce.number().min(0).max(10_000).optional(),
});
export type JudgeUpdateInput = z.output<typeof judgeUpdateSchema>;

/** Which battles a run judges. Every field narrows the selection. */
export const runSelectionSchema = z.strictObject({
  /** Prompt-set slug. */
  set: slugSchema.optional(),
  category: z.string().trim().min(1).max(100).optional(),
  /** Only battles between systems in this list (slugs). */
  systems: z.array(slugSchema).max(200).optional(),
  /** Only battles that have at least one human vote. */
  humanVotedOnly: z.boolean().optional(),
  /** Pairs against a baseline system (slug): every other system's answer vs the baseline's, creating battles. */
  baseline: slugSchema.optional(),
  /** At most this many battles (two tasks each). */
  limit: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export type RunSelection = z.infer<typeof runSelectionSchema>;

export const runCreateSchema = z.object({
  judge: slugSchema,
  label: z.string().trim().max(200).default(""),
  combine: z.enum(["mtbench", "arena-hard"]).default("mtbench"),
  selection: runSelectionSchema.default({}),
  /** Start immediately (default) or leave queued. */
  start: z.boolean().default(true),
});
export type RunCreateInput = z.output<typeof runCreateSchema>;

export const runActionSchema = z.object({ action: z.enum(["start", "pause", "resume", "cancel"]) });
export type RunAction = z.infer<typeof runActionSchema>["action"];

export const apiKeyCreateSchema = z.object({ name: z.string().trim().max(100).default("") });

export const cascadeSchema = z.object({
  /** Judge slugs, cheapest first. */
  judges: z.array(slugSchema).min(1).max(5),
  alpha: z.number().gt(0).lt(1).default(0.1),
  delta: z.number().gt(0).lt(1).default(0.1),
  set: slugSchema.optional(),
  /** Share of the human-voted battles used for calibration (the rest is held out). */
  calibrationShare: z.number().gt(0).lt(1).default(0.5),
});
export type CascadeInput = z.output<typeof cascadeSchema>;

export const judgeIdParam = z.coerce.number().int().positive().max(2_147_483_647);
