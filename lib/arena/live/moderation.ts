/**
 * The moderation hook for live prompts: when CONCORD_MODERATION_URL is set, every user turn goes to that
 * OpenAI-compatible `POST /v1/moderations` first. Flagged → 422 naming the flagged categories. The hook fails
 * closed: an unreachable or broken moderation endpoint answers 503, never lets the prompt through unchecked.
 */
import OpenAI from "openai";
import { AppError, unprocessable } from "@/lib/errors";
import { moderationConfig } from "./config";

export async function moderatePrompt(text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cfg = moderationConfig(env);
  if (!cfg) return;
  const apiKey = cfg.apiKeyEnv ? env[cfg.apiKeyEnv] : "sk-no-key-required";
  if (!apiKey) throw new AppError("unavailable", `moderation is configured but its key variable ${cfg.apiKeyEnv} is not set`);
  const client = new OpenAI({ baseURL: cfg.baseURL, apiKey, maxRetries: 1, timeout: 10_000 });
  let flagged: { categories: string[] } | null = null;
  try {
    const res = await client.moderations.create({ model: cfg.model, input: text });
    const hit = res.results.find((r) => r.flagged);
    if (hit) {
      const categories = Object.entries(hit.categories ?? {})
        .filter(([, on]) => on === true)
        .map(([name]) => name);
      flagged = { categories };
    }
  } catch (err) {
    console.error("[concord] moderation request failed:", err);
    throw new AppError("unavailable", "the moderation service is unavailable; try again in a moment");
  }
  if (flagged) {
    const why = flagged.categories.length > 0 ? ` (${flagged.categories.join(", ")})` : "";
    throw unprocessable(`this prompt was flagged by moderation${why}; please rephrase it`, { moderation: flagged.categories });
  }
}
