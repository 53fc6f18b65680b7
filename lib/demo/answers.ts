/**
 * Deterministic demo answers: every system answers every turn of every prompt, rendered in its style.
 *
 * Per (system, prompt), an RNG seeded with hash(`${DEMO_ANSWER_SEED}|${systemSlug}|${promptExternalId}`)
 * draws, in order: u₁ (refuse the whole prompt if u₁ < refusalShare), u₂ (use the prompt's wrong variants if
 * u₂ < wrongShare and not refusing), a boilerplate pick, then one N(0,1) per turn for latency jitter.
 * The formatting variant comes from a separate stream, seeded with hash(`${DEMO_ANSWER_SEED}|format|${systemSlug}|
 * ${promptExternalId}`): one uniform u, "full" if u < format.full, else "light" if u < format.full + format.light,
 * else "plain"; it applies to every turn of the prompt (a refusal is recorded as "plain"). A separate stream keeps
 * the refusal, wrong and latency draws independent of the formatting shares.
 * Shares and latency constants are in `DEMO_STYLE_BEHAVIOUR` (systems.ts). Answers do not depend on the vote seed.
 */
import { createRng } from "../random";
import { demoPromptSources } from "./prompts";
import { renderDemoTurn } from "./render";
import { DEMO_STYLE_BEHAVIOUR, demoSystems } from "./systems";
import { approxTokens, hashString } from "./text";
import type { DemoAnswer, DemoAnswerKind, DemoFormat, DemoPromptSource, DemoSystem } from "./types";

/** Fixed seed of the answer generator (independent of the vote simulation seed). */
export const DEMO_ANSWER_SEED = 20_240_611;

/** Key of a (system, prompt) answer set in `demoAnswersByKey()`. */
export function demoAnswerKey(systemSlug: string, promptExternalId: string): string {
  return `${systemSlug}::${promptExternalId}`;
}

/** The formatting variant of one system's answers to one prompt (see the header). */
export function demoAnswerFormat(system: DemoSystem, promptExternalId: string): DemoFormat {
  const { light, full } = DEMO_STYLE_BEHAVIOUR[system.style].format;
  const u = createRng(hashString(`${DEMO_ANSWER_SEED}|format|${system.slug}|${promptExternalId}`)).next();
  return u < full ? "full" : u < full + light ? "light" : "plain";
}

/** Generate one system's answers to all turns of one prompt. */
export function generateDemoAnswers(system: DemoSystem, prompt: DemoPromptSource): DemoAnswer[] {
  const behaviour = DEMO_STYLE_BEHAVIOUR[system.style];
  const rng = createRng(hashString(`${DEMO_ANSWER_SEED}|${system.slug}|${prompt.externalId}`));
  const refuse = rng.next() < behaviour.refusalShare;
  const wrong = rng.next() < behaviour.wrongShare;
  const pick = rng.int(1000);
  const mode: DemoAnswerKind = refuse ? "refusal" : wrong ? "wrong" : "normal";
  const drawn = demoAnswerFormat(system, prompt.externalId);
  const format: DemoFormat = refuse ? "plain" : drawn;
  return prompt.turns.map((turn, turnIndex) => {
    const rendered = renderDemoTurn(system.style, turn, prompt.language, { mode, format, pick: pick + turnIndex });
    const tokens = approxTokens(rendered.content);
    const jitter = 1 + 0.15 * rng.normal();
    const latencyMs = Math.round(
      Math.max(behaviour.firstTokenMs * 0.8, behaviour.firstTokenMs + tokens * behaviour.perTokenMs * jitter),
    );
    return {
      systemSlug: system.slug,
      promptExternalId: prompt.externalId,
      turnIndex,
      content: rendered.content,
      kind: rendered.kind,
      format,
      tokens,
      latencyMs,
    };
  });
}

let cache: Map<string, DemoAnswer[]> | undefined;

/** All demo answers grouped by `demoAnswerKey(system, prompt)`, each list ordered by turn (memoised). */
export function demoAnswersByKey(): ReadonlyMap<string, readonly DemoAnswer[]> {
  if (!cache) {
    cache = new Map();
    for (const system of demoSystems) {
      for (const prompt of demoPromptSources) {
        cache.set(demoAnswerKey(system.slug, prompt.externalId), generateDemoAnswers(system, prompt));
      }
    }
  }
  return cache;
}

/** Every demo answer (systems × prompts × turns), in system then prompt then turn order. Returns fresh copies. */
export function demoAnswers(): DemoAnswer[] {
  return [...demoAnswersByKey().values()].flatMap((list) => list.map((a) => ({ ...a })));
}

/** One system's answers to one prompt, ordered by turn (throws for unknown pairs). */
export function getDemoAnswers(systemSlug: string, promptExternalId: string): readonly DemoAnswer[] {
  const list = demoAnswersByKey().get(demoAnswerKey(systemSlug, promptExternalId));
  if (!list) throw new Error(`No demo answers for ${systemSlug} on ${promptExternalId}`);
  return list;
}
