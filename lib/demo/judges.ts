/**
 * The two simulated demo judges and their exact bias parameters (see `simulate.ts` for how they are used).
 *
 * - demo-judge-fair (family "meridian", shared with demo-meridian-70b): Bradley–Terry on the true strengths
 *   and answer quality, little noise, a small position bias, no length or style bias, no self-preference.
 * - demo-judge-biased (family "cascade", shared with demo-cascade-34b): a strong length bias (prefers the
 *   longer answer) and a position bias (picks the first-shown answer outright 30% of the time). It has no
 *   explicit self-preference; any apparent preference for demo-cascade-34b comes from its length bias.
 */

/** Probabilities of a "both bad" verdict by how many of the two answers are bad (wrong or refusal): 0, 1, 2. */
export type DemoBothBadTable = readonly [none: number, one: number, both: number];

/** Exact configuration of a simulated judge. */
export interface DemoJudgeConfig {
  slug: string;
  name: string;
  family: string;
  /** Human-readable description of the judge and its biases. */
  description: string;
  /** SD (rating points) of Gaussian noise added to the rating difference of each vote. */
  noiseSd: number;
  /** Rating points added to the first-shown (left) answer. */
  positionBonus: number;
  /** Probability of picking the first-shown answer outright, ignoring the content. */
  positionPickProb: number;
  /** Rating points per doubling of answer length (characters), in favour of the longer answer. */
  lengthBonusPerDoubling: number;
  /** Davidson tie parameter ν (tie probability at equal strength is ν / (2 + ν)). */
  tieNu: number;
  bothBad: DemoBothBadTable;
  /** Simulated judge latency: baseMs + promptTokens × perPromptTokenMs + completionTokens × perCompletionTokenMs. */
  latency: { baseMs: number; perPromptTokenMs: number; perCompletionTokenMs: number };
}

/** The demo judges, in a fixed order. */
export const DEMO_JUDGES: readonly DemoJudgeConfig[] = [
  {
    slug: "demo-judge-fair",
    name: "Demo Judge (fair)",
    family: "meridian",
    description:
      "Close to the crowd's ground truth: Bradley–Terry on true strengths and answer quality, noise SD 40 points, +15 points for the first-shown answer, no length or formatting bias.",
    noiseSd: 40,
    positionBonus: 15,
    positionPickProb: 0,
    lengthBonusPerDoubling: 0,
    tieNu: 0.25,
    bothBad: [0.01, 0.05, 0.6],
    latency: { baseMs: 600, perPromptTokenMs: 0.4, perCompletionTokenMs: 22 },
  },
  {
    slug: "demo-judge-biased",
    name: "Demo Judge (length- and position-biased)",
    family: "cascade",
    description:
      "Length bias: +150 rating points per doubling of answer length in favour of the longer answer. Position bias: picks the first-shown answer outright in 30% of votes. Noise SD 60 points.",
    noiseSd: 60,
    positionBonus: 0,
    positionPickProb: 0.3,
    lengthBonusPerDoubling: 150,
    tieNu: 0.15,
    bothBad: [0.01, 0.03, 0.3],
    latency: { baseMs: 400, perPromptTokenMs: 0.25, perCompletionTokenMs: 15 },
  },
];

/** Look up a demo judge by slug (throws for unknown slugs). */
export function getDemoJudge(slug: string): DemoJudgeConfig {
  const judge = DEMO_JUDGES.find((j) => j.slug === slug);
  if (!judge) throw new Error(`Unknown demo judge: ${slug}`);
  return judge;
}
