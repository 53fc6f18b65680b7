/**
 * Live-battle settings. Each comes from a Setting row when present, else an environment variable, else a default:
 * - `live.maxPromptChars` / CONCORD_LIVE_MAX_PROMPT_CHARS (4000): the longest user turn accepted (longer → 422);
 * - `live.maxTurns` / CONCORD_LIVE_MAX_TURNS (6): user turns per battle;
 * - `live.identityWords`: `{ "<system slug>": ["word", …] }`, extra words that count as an identity leak;
 * - `live.rateLimits`: `{ turnsPerMinute, turnsPerDay, ipTurnsPerMinute }` (8, 200, 30; 0 disables one).
 * Moderation (optional, environment only): CONCORD_MODERATION_URL (an OpenAI-compatible base URL ending in /v1),
 * CONCORD_MODERATION_MODEL (default omni-moderation-latest), CONCORD_MODERATION_KEY_ENV (the NAME of the env var
 * holding its key).
 */
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LIVE_PROMPT_HARD_MAX } from "@/lib/validation/live";
import { findLiveSettings } from "./queries";

export interface LiveConfig {
  maxPromptChars: number;
  maxTurns: number;
  identityWords: Record<string, unknown>;
  rateLimits: { turnsPerMinute: number; turnsPerDay: number; ipTurnsPerMinute: number };
}

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const rateLimitsSchema = z.object({
  turnsPerMinute: z.number().int().min(0).default(8),
  turnsPerDay: z.number().int().min(0).default(200),
  ipTurnsPerMinute: z.number().int().min(0).default(30),
});

function pick<T>(schema: z.ZodType<T>, ...values: unknown[]): T | undefined {
  for (const v of values) {
    if (v === undefined || v === null || v === "") continue;
    const parsed = schema.safeParse(v);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

export async function loadLiveConfig(db: PrismaClient, env: NodeJS.ProcessEnv = process.env): Promise<LiveConfig> {
  const rows = await findLiveSettings(db);
  const setting = (k: string) => rows.find((r) => r.key === k)?.value;
  const words = setting("live.identityWords");
  return {
    maxPromptChars: pick(positiveInt(LIVE_PROMPT_HARD_MAX), setting("live.maxPromptChars"), env.CONCORD_LIVE_MAX_PROMPT_CHARS) ?? 4_000,
    maxTurns: pick(positiveInt(50), setting("live.maxTurns"), env.CONCORD_LIVE_MAX_TURNS) ?? 6,
    identityWords: words && typeof words === "object" && !Array.isArray(words) ? (words as Record<string, unknown>) : {},
    rateLimits: pick(rateLimitsSchema, setting("live.rateLimits")) ?? rateLimitsSchema.parse({}),
  };
}

export interface ModerationConfig {
  baseURL: string;
  model: string;
  apiKeyEnv: string | null;
}

export function moderationConfig(env: NodeJS.ProcessEnv = process.env): ModerationConfig | null {
  const url = env.CONCORD_MODERATION_URL?.trim();
  if (!url) return null;
  return {
    baseURL: url.replace(/\/+$/, "").replace(/\/moderations$/, ""),
    model: env.CONCORD_MODERATION_MODEL?.trim() || "omni-moderation-latest",
    apiKeyEnv: env.CONCORD_MODERATION_KEY_ENV?.trim() || null,
  };
}
