/**
 * All demo prompt sources (internal authoring format, with per-turn answer cores), in category order.
 */
import type { DemoPrompt, DemoPromptSource } from "../types";
import { advicePrompts } from "./advice";
import { codingPrompts } from "./coding";
import { mathPrompts } from "./math";
import { multilingualPrompts } from "./multilingual";
import { reasoningPrompts } from "./reasoning";
import { writingPrompts } from "./writing";

/** Every demo prompt with its answer content: 10 per category, 60 in all. */
export const demoPromptSources: readonly DemoPromptSource[] = [
  ...codingPrompts,
  ...mathPrompts,
  ...writingPrompts,
  ...advicePrompts,
  ...reasoningPrompts,
  ...multilingualPrompts,
];

/** The demo prompts as consumers see them (no answer content). */
export const demoPrompts: readonly DemoPrompt[] = demoPromptSources.map((p) => ({
  externalId: p.externalId,
  category: p.category,
  language: p.language,
  turns: p.turns.map((t) => t.user),
  ...(p.reference !== undefined ? { reference: p.reference } : {}),
}));
