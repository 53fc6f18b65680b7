/**
 * Maintainer forms and `app/api/admin/...` handlers share these schemas: the form validates before it posts, the
 * handler validates again (a failure there is a 422 through lib/http/route.ts).
 */
import { z } from "zod";

/** A route's `[id]` segment. */
export const idParamSchema = z.coerce.number().int().positive().max(2_147_483_647);

const optionalText = (max: number) => z.string().trim().max(max);

/** Empty strings from a form mean "none". */
const nullableTrimmed = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(""), z.null(), schema])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : (v as string)));

/**
 * Generation parameters sent with every request to the system's endpoint. Only what lib/llm/client.ts sends is
 * accepted (an unknown key is a 422, never silently ignored): temperature, max_tokens, a system prompt prepended
 * to every conversation, and the per-attempt timeout.
 */
export const generationParamsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().min(1).max(65_536).optional(),
  system: z.string().max(8_000).optional(),
  timeoutMs: z.number().int().min(1_000).max(600_000).optional(),
});
export type GenerationParams = z.infer<typeof generationParamsSchema>;

/** The params textarea: JSON text → validated params. */
export const generationParamsTextSchema = z
  .string()
  .transform((text, ctx) => {
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "generation params must be valid JSON, e.g. {\"temperature\": 0.7}" });
      return z.NEVER;
    }
  })
  .pipe(generationParamsSchema);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const apiKeyEnvSchema = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !/^(sk-|sk_|key-|Bearer\s)/i.test(v) && !(v.length > 40 && /[a-z]/.test(v) && /\d/.test(v)), {
    message: "give the NAME of the environment variable that holds the key (e.g. OPENAI_API_KEY), never the key itself",
  })
  .refine((v) => ENV_NAME.test(v), { message: "an environment variable name: letters, digits and _, not starting with a digit" });

export const slugSchema = z
  .string()
  .trim()
  .min(1, "a slug is required")
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");

export const baseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .url("an http(s) URL, e.g. https://api.openai.com/v1")
  .refine((v) => /^https?:\/\//i.test(v), "an http(s) URL, e.g. https://api.openai.com/v1");

const systemFields = {
  slug: slugSchema,
  name: z.string().trim().min(1, "a name is required").max(100),
  organization: optionalText(100).default(""),
  family: optionalText(100).default(""),
  description: optionalText(2_000).default(""),
  baseUrl: nullableTrimmed(baseUrlSchema),
  model: nullableTrimmed(z.string().trim().max(200)),
  apiKeyEnv: nullableTrimmed(apiKeyEnvSchema),
  params: generationParamsSchema.default({}),
  weight: z.number().min(0).max(1_000).default(1),
  outage: z.boolean().default(false),
  boost: z.number().min(0).max(100).default(1),
  active: z.boolean().default(true),
};

const endpointComplete = (v: { baseUrl?: string | null; model?: string | null }) =>
  (v.baseUrl === undefined || v.model === undefined) ? true : (v.baseUrl === null) === (v.model === null);
const endpointMessage = { message: "give both an endpoint base URL and a model, or neither", path: ["model"] };

export const systemCreateSchema = z.object(systemFields).refine(endpointComplete, endpointMessage);
export type SystemCreateInput = z.infer<typeof systemCreateSchema>;

/** An edit: any subset of the fields (the slug may change too). */
export const systemUpdateSchema = z
  .object({
    slug: systemFields.slug.optional(),
    name: systemFields.name.optional(),
    organization: optionalText(100).optional(),
    family: optionalText(100).optional(),
    description: optionalText(2_000).optional(),
    baseUrl: z.union([z.literal(""), z.null(), baseUrlSchema]).optional().transform((v) => (v === "" ? null : v)),
    model: z.union([z.literal(""), z.null(), z.string().trim().max(200)]).optional().transform((v) => (v === "" ? null : v)),
    apiKeyEnv: z.union([z.literal(""), z.null(), apiKeyEnvSchema]).optional().transform((v) => (v === "" ? null : v)),
    params: generationParamsSchema.optional(),
    weight: z.number().min(0).max(1_000).optional(),
    outage: z.boolean().optional(),
    boost: z.number().min(0).max(100).optional(),
    active: z.boolean().optional(),
  })
  .refine(endpointComplete, endpointMessage);
export type SystemUpdateInput = z.infer<typeof systemUpdateSchema>;

/** PATCH /api/admin/prompt-sets/[id]: the whole set, or one category of it. */
export const promptSetToggleSchema = z.union([
  z.strictObject({ active: z.boolean() }),
  z.strictObject({ category: z.string().trim().min(1).max(100), active: z.boolean() }),
]);
export type PromptSetToggle = z.infer<typeof promptSetToggleSchema>;

/** PATCH /api/admin/voters/[id]. */
export const voterExcludeSchema = z.strictObject({ excluded: z.boolean() });

/** GET /api/admin/voters?filter=… */
export const voterListQuerySchema = z.object({
  filter: z.enum(["flagged", "excluded", "all"]).default("flagged"),
});
export type VoterFilter = z.infer<typeof voterListQuerySchema>["filter"];
