/**
 * Types for the Concord demo dataset: prompts, systems, answers, battles and simulated votes.
 *
 * Everything here is plain, serialisable data (apart from `Date` timestamps) so that the DB seeding code can
 * insert it directly. All identifiers carry a "demo" prefix so the UI can label demo content.
 */

/** Prompt categories used by the demo (and by the arena's category filter). */
export type DemoCategory = "coding" | "math" | "writing" | "advice" | "reasoning" | "multilingual";

/** All demo categories, in display order. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  "coding",
  "math",
  "writing",
  "advice",
  "reasoning",
  "multilingual",
];

/** Languages used by demo prompts (BCP-47 primary subtags). */
export type DemoLanguage = "en" | "fr" | "es" | "de" | "ja" | "it";

/** A demo prompt as exposed to consumers: the user's turns and an optional reference answer. */
export interface DemoPrompt {
  /** Stable id, e.g. "demo-math-07". */
  externalId: string;
  category: DemoCategory;
  language: DemoLanguage;
  /** User turns, in order (one or two). */
  turns: string[];
  /** Reference answer for prompts with a clear answer (math, reasoning, coding). */
  reference?: string;
}

/** A fenced code block inside a core answer. */
export interface DemoCode {
  /** Language tag for the fence, e.g. "ts", "python", "sql". */
  lang: string;
  source: string;
}

/**
 * The content of a correct answer to one turn, written once and rendered differently by each system.
 * `answer` is the direct answer (for writing prompts: the piece itself); `points` are supporting reasons,
 * steps or notes; `example` is used by the strongest system's renderer.
 */
export interface DemoCore {
  answer: string;
  points: string[];
  code?: DemoCode;
  example?: string;
}

/** A plausible but wrong answer to one turn (replaces `answer` and, if given, `code`). */
export interface DemoWrongCore {
  answer: string;
  code?: DemoCode;
}

/** One turn of a prompt source: the user's message, the correct core and an optional wrong variant. */
export interface DemoTurnSource {
  user: string;
  core: DemoCore;
  wrong?: DemoWrongCore;
}

/** Authoring format of a prompt (internal): the exposed prompt fields plus per-turn answer content. */
export interface DemoPromptSource {
  externalId: string;
  category: DemoCategory;
  language: DemoLanguage;
  turns: DemoTurnSource[];
  reference?: string;
}

/** Behavioural archetype of a demo system; selects its renderer. */
export type DemoStyle =
  | "terse-correct"
  | "verbose"
  | "markdown-heavy"
  | "often-wrong"
  | "refuses-often"
  | "strong-all-round";

/** A fictional AI system competing in the demo arena. */
export interface DemoSystem {
  /** Stable id, e.g. "demo-quill-7b". */
  slug: string;
  name: string;
  organization: string;
  /** Model family; judges sharing a family with a system enable self-preference analysis. */
  family: string;
  style: DemoStyle;
  /** Human-readable description of how the system answers. */
  styleDescription: string;
  /** True Bradley–Terry strength on the 400-point (Elo-like) scale. The crowd simulation is driven by it. */
  trueStrength: number;
}

/**
 * How much markdown formatting an answer carries (drawn per system and prompt, see `answers.ts`):
 * - "plain": prose only (no headers, list items or bold outside code);
 * - "light": bold and/or list items, no headers;
 * - "full": light plus `##`/`###` section headers.
 * Every system mixes variants in its own shares (`DEMO_STYLE_BEHAVIOUR.format`), so formatting varies within a
 * system across answers, as it does in real arena data; that is what lets style control tell formatting from
 * system strength.
 */
export type DemoFormat = "plain" | "light" | "full";

/** What a generated answer actually is (ground truth; the UI should not show it to voters). */
export type DemoAnswerKind = "normal" | "wrong" | "refusal";

/** One system's answer to one turn of one prompt. */
export interface DemoAnswer {
  systemSlug: string;
  promptExternalId: string;
  /** 0-based turn index. */
  turnIndex: number;
  /** Markdown content. */
  content: string;
  kind: DemoAnswerKind;
  /** Formatting variant used for this answer (the same for all turns of a prompt; refusals are always plain text). */
  format: DemoFormat;
  /** Approximate completion tokens (≈ 4 characters per token; 1 per CJK character). */
  tokens: number;
  /** Simulated generation latency in milliseconds. */
  latencyMs: number;
}

/** A vote outcome in canonical terms: "a" and "b" are the battle's systemA and systemB. */
export type DemoOutcome = "a" | "b" | "tie" | "bothbad";

/** Which canonical side was displayed on the left (first). */
export type DemoShownLeft = "a" | "b";

/** An anonymous pairwise battle: both systems answered every turn of the prompt. */
export interface DemoBattle {
  /** Stable id, e.g. "demo-battle-demo-math-07-demo-quill-7b-vs-demo-sparrow-3b". */
  id: string;
  promptExternalId: string;
  /** Canonical order: systemA's slug sorts before systemB's slug. */
  systemA: string;
  systemB: string;
}

/** A simulated crowd vote. */
export interface DemoVote {
  /** Stable id, e.g. "demo-vote-0001". */
  id: string;
  battleId: string;
  /** Anonymous voter id, e.g. "demo-voter-07". */
  voterId: string;
  shownLeft: DemoShownLeft;
  outcome: DemoOutcome;
  timeToVoteMs: number;
  createdAt: Date;
}

/** A simulated LLM-judge vote on one battle in one display order. */
export interface DemoJudgeVote {
  /** Stable id, e.g. "demo-judge-fair-0001". */
  id: string;
  judgeSlug: string;
  battleId: string;
  shownLeft: DemoShownLeft;
  outcome: DemoOutcome;
  /** Short rationale in shown terms ("Assistant 1" is the left answer). */
  rationale: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  createdAt: Date;
}

/** The full result of a simulation run. */
export interface DemoSimulation {
  seed: number;
  battles: DemoBattle[];
  crowdVotes: DemoVote[];
  judgeVotes: DemoJudgeVote[];
  /** All demo voter ids (including the outliers). */
  voters: string[];
}
