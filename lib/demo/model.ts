/**
 * The known-truth model behind the demo votes: crowd parameters, per-answer features and the
 * Bradley–Terry/Davidson draw shared by the crowd and the judges. See the header of `simulate.ts`.
 */
import type { Rng } from "../random";
import { getDemoAnswers } from "./answers";
import type { DemoBothBadTable } from "./judges";
import { demoPromptSources } from "./prompts";
import { demoSystems } from "./systems";
import { approxTokens, countMarkdown, markdownScore } from "./text";
import type { DemoOutcome } from "./types";

/** Default seed of `simulateDemoVotes`. */
export const DEMO_SEED = 20_251_130;

/** Fixed "now" of the simulation: crowd votes are spread over the 30 days before it. */
export const DEMO_REFERENCE_TIME = new Date("2026-11-30T12:00:00.000Z");

/** Outlier voters planted in the crowd, and how they vote. */
export const DEMO_OUTLIER_VOTERS: Readonly<Record<string, "random" | "contrarian">> = {
  /** Ignores the answers: "a" 45%, "b" 45%, "tie" 10%, and votes fast (median 2.5 s). */
  "demo-voter-07": "random",
  /** Votes with the rating difference negated: systematically prefers the weaker answer. */
  "demo-voter-23": "contrarian",
};

/** Exact crowd-model parameters. */
export const DEMO_CROWD_MODEL = {
  /** Number of demo voters ("demo-voter-01" … "demo-voter-40"). */
  voterCount: 40,
  /** P(1, 2, 3, 4 voters on a battle). Mean 2.2 voters per battle. */
  votersPerBattleWeights: [0.3, 0.35, 0.2, 0.15] as const,
  /** Davidson tie parameter ν: P(tie) at equal strength = ν / (2 + ν) ≈ 0.149. */
  tieNu: 0.35,
  /**
   * Style effects β_f (rating points) on the normalised differences s_f = (f_A − f_B)/(f_A + f_B + 1) ∈ (−1, 1) of
   * the features Chatbot Arena's style control uses: headers, list items, bold spans (outside code; `countMarkdown`)
   * and answer length in tokens (`approxTokens`), each summed over all turns. The three markdown weights sum to 150,
   * so a fully formatted answer against a plain one gains ≈ 120 points (the old single markdown effect 120·s_m);
   * length adds a small extra preference for longer answers. See the header of `simulate.ts`.
   */
  styleBeta: { headers: 60, listItems: 50, bold: 40, tokens: 20 },
  /** Rating penalty of a bad (wrong or refusal) answer, re-centred per system so it averages 0 over prompts. */
  badAnswerPenalty: 150,
  /** P(both bad) when 0, 1 or 2 of the answers are bad. */
  bothBad: [0.02, 0.06, 0.45] as DemoBothBadTable,
  /** Time to vote: log-normal, median = baseMs + perTokenMs × (tokens of both answers), log-SD sigma. */
  timeToVote: { baseMs: 8000, perTokenMs: 60, sigma: 0.5, randomVoterMedianMs: 2500 },
  /** Crowd votes are spread uniformly over this many days before the reference time. */
  spreadDays: 30,
} as const;

/** Ground-truth features of one system's answers (all turns) to one prompt. */
export interface DemoAnswerFeatures {
  /** Any turn is wrong or a refusal. */
  bad: boolean;
  /** Markdown elements over all turns (`markdownScore` = headers + listItems + bold). */
  markdown: number;
  /** Header lines over all turns (outside code). */
  headers: number;
  /** List items over all turns (outside code). */
  listItems: number;
  /** Bold spans over all turns (outside code). */
  bold: number;
  /** Characters over all turns. */
  chars: number;
  /** Tokens over all turns. */
  tokens: number;
  /** Re-centred quality effect q in rating points (0 for systems that are never bad). */
  quality: number;
}

let featureCache: Map<string, DemoAnswerFeatures> | undefined;

/**
 * Features for every (system, prompt), keyed `${systemSlug}::${promptExternalId}`.
 * q = −penalty·bad + penalty·(share of the system's prompts that are bad), so Σ_prompts q = 0 per system.
 */
export function demoAnswerFeatures(): ReadonlyMap<string, DemoAnswerFeatures> {
  if (featureCache) return featureCache;
  const map = new Map<string, DemoAnswerFeatures>();
  const penalty = DEMO_CROWD_MODEL.badAnswerPenalty;
  for (const system of demoSystems) {
    const rows = demoPromptSources.map((prompt) => {
      const answers = getDemoAnswers(system.slug, prompt.externalId);
      const text = answers.map((a) => a.content).join("\n\n");
      const counts = answers.map((a) => countMarkdown(a.content));
      return {
        key: `${system.slug}::${prompt.externalId}`,
        bad: answers.some((a) => a.kind !== "normal"),
        markdown: answers.reduce((s, a) => s + markdownScore(a.content), 0),
        headers: counts.reduce((s, c) => s + c.headers, 0),
        listItems: counts.reduce((s, c) => s + c.listItems, 0),
        bold: counts.reduce((s, c) => s + c.bold, 0),
        chars: text.length,
        tokens: answers.reduce((s, a) => s + a.tokens, 0),
      };
    });
    const badShare = rows.filter((r) => r.bad).length / rows.length;
    for (const r of rows) {
      const { key, ...rest } = r;
      map.set(key, { ...rest, quality: penalty * (badShare - (r.bad ? 1 : 0)) });
    }
  }
  featureCache = map;
  return map;
}

/** Features of one system's answers to one prompt. */
export function getDemoFeatures(systemSlug: string, promptExternalId: string): DemoAnswerFeatures {
  const f = demoAnswerFeatures().get(`${systemSlug}::${promptExternalId}`);
  if (!f) throw new Error(`No demo features for ${systemSlug} on ${promptExternalId}`);
  return f;
}

/** Normalised difference s = (m_A − m_B) / (m_A + m_B + 1), in (−1, 1) (for counts m ≥ 0). */
export function styleDifference(mA: number, mB: number): number {
  return (mA - mB) / (mA + mB + 1);
}

/** The crowd's style effect in rating points: Σ_f β_f · s_f over headers, list items, bold and tokens. */
export function crowdStyleEffect(fa: DemoAnswerFeatures, fb: DemoAnswerFeatures): number {
  const beta = DEMO_CROWD_MODEL.styleBeta;
  return (
    beta.headers * styleDifference(fa.headers, fb.headers) +
    beta.listItems * styleDifference(fa.listItems, fb.listItems) +
    beta.bold * styleDifference(fa.bold, fb.bold) +
    beta.tokens * styleDifference(fa.tokens, fb.tokens)
  );
}

/** Tokens of a prompt's user turns (for judge prompt-token accounting). */
export function promptTokens(promptExternalId: string): number {
  const prompt = demoPromptSources.find((p) => p.externalId === promptExternalId);
  return prompt ? prompt.turns.reduce((s, t) => s + approxTokens(t.user), 0) : 0;
}

/**
 * Davidson probabilities for a rating difference Δ = R_A − R_B (400-point scale):
 * with π = 10^(Δ/400), P(a) = π / (π + 1 + ν√π), P(b) = 1 / (…), P(tie) = ν√π / (…).
 * Given "not a tie", P(a) = 1 / (1 + 10^(−Δ/400)): plain Bradley–Terry.
 */
export function davidsonProbs(delta: number, nu: number): { a: number; b: number; tie: number } {
  const pi = Math.pow(10, delta / 400);
  const t = nu * Math.sqrt(pi);
  const z = pi + 1 + t;
  return { a: pi / z, b: 1 / z, tie: t / z };
}

/** Bradley–Terry P(A beats B | not a tie) for a rating difference Δ = R_A − R_B. */
export function btWinProb(delta: number): number {
  return 1 / (1 + Math.pow(10, -delta / 400));
}

/**
 * Draw one outcome: first "bothbad" with probability bothBad[number of bad answers], otherwise a Davidson
 * draw on Δ. Uses exactly two uniforms from `rng`.
 */
export function drawOutcome(rng: Rng, delta: number, nu: number, bothBad: DemoBothBadTable, badCount: 0 | 1 | 2): DemoOutcome {
  const u1 = rng.next();
  const u2 = rng.next();
  if (u1 < bothBad[badCount]) return "bothbad";
  const p = davidsonProbs(delta, nu);
  if (u2 < p.a) return "a";
  if (u2 < p.a + p.b) return "b";
  return "tie";
}
