/** What the judge dashboard shows. Numbers that cannot be computed are `null` (never NaN), so JSON stays valid. */

/** Thresholds below which the page says a figure rests on too little data. */
export const MIN_SHARED_BATTLES = 50;
export const MIN_COMMON_SYSTEMS = 5;
/** Alt-test: instances are keys with at least this many human votes; the test needs this many such keys. */
export const ALT_MIN_HUMANS = 3;
export const ALT_MIN_ITEMS = 30;
/**
 * Rows of the alt-test's per-person table: the annotators with the most items (ties by id), listed in id order. The
 * test itself uses every annotator; at a million votes there are tens of thousands, and rendering them all made
 * the page take seconds per request.
 */
export const ALT_ANNOTATORS_LISTED = 100;
export const DEFAULT_EPSILON = 0.2;
export const BOOTSTRAP_ROUNDS = 1000;

export interface SystemRating {
  system: string;
  name: string;
  family: string;
  rating: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** 1 = highest rating (ordinal, ties by name). */
  rank: number;
  battles: number;
}

export interface JudgeLeaderboardRow {
  judge: string;
  name: string;
  kind: "llm" | "panel" | "baseline" | "external";
  family: string;
  description: string;
  isDemo: boolean;
  /** mtbench | arena-hard: how the two orders combine for its ranking. */
  combine: string;
  kendallTau: number | null;
  tauCiLow: number | null;
  tauCiHigh: number | null;
  spearman: number | null;
  spearmanCiLow: number | null;
  spearmanCiHigh: number | null;
  /** MT-Bench judge–human agreement with ties, over `nAgreement` vote comparisons. */
  agreement: number | null;
  agreementNoTies: number | null;
  nAgreement: number;
  nAgreementNoTies: number;
  kappa: number | null;
  positionConsistency: number | null;
  /** Keys the judge saw in both orders. */
  nPositionPairs: number;
  /** JudgeTask status unparseable / all tasks; null without tasks. */
  unparseableShare: number | null;
  tasks: number;
  /** Share of crowd-voted keys the judge voted on. */
  coverage: number | null;
  /** Shared battles: (prompt, pair, turn) keys with at least one human and one judge vote. */
  battles: number;
  /** Common systems of the two rankings. */
  systems: number;
  judgeVotes: number;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
  /** Decisive verdicts for the answer shown first (left); 50% = no position bias. Wilson 95% CI. */
  firstShown: ProportionCi;
  /** Decisive verdicts for the longer answer (Response.tokenCount), on battles whose answers differ in length. */
  longer: ProportionCi;
  /** Plain-language reasons the figures are weak (too few battles or systems). */
  warnings: string[];
}

export interface HumanHumanAgreement {
  agreement: number | null;
  agreementNoTies: number | null;
  n: number;
  nNoTies: number;
  kappa: number | null;
  /** Keys with at least two human votes. */
  keys: number;
}

export interface JudgeLeaderboard {
  slice: string;
  watermark: string;
  computedAt: string;
  computeMs: number;
  /** True when served from an older watermark while a recompute runs. */
  stale: boolean;
  crowd: { systems: SystemRating[]; votes: number; keys: number };
  humanHuman: HumanHumanAgreement;
  /** The crowd's own first-shown and longer-answer shares, the reference for the judges' biases. */
  crowdBias: { firstShown: ProportionCi; longer: ProportionCi };
  judges: JudgeLeaderboardRow[];
  /** Judges with no vote on this slice. */
  silentJudges: { judge: string; name: string }[];
  thresholds: { minSharedBattles: number; minCommonSystems: number };
  /** Values for the filter form. */
  options: { sets: { slug: string; name: string }[]; categories: string[]; languages: string[] };
  /** Demo data present (judges or the demo prompt set): charts are marked. */
  demo: boolean;
}

export interface WinRatePointOut {
  system: string;
  opponent: string;
  human: number;
  judge: number;
  nHuman: number;
  nJudge: number;
}

export interface BinnedRate {
  label: string;
  /** How many tokens longer the longer answer is: lo..hi inclusive (hi null = no upper bound). */
  lo: number;
  hi: number | null;
  judge: number | null;
  nJudge: number;
  crowd: number | null;
  nCrowd: number;
}

export interface ProportionCi {
  share: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  k: number;
  n: number;
}

export interface DisagreementRow {
  battleId: number;
  promptId: number;
  systemA: string;
  systemB: string;
  turn: number;
  /** Mean score of system A (win 1, tie ½, loss 0). */
  humanScore: number;
  judgeScore: number;
  gap: number;
  human: { A: number; B: number; tie: number };
  judge: { A: number; B: number; tie: number };
}

export interface AltTestView {
  enough: boolean;
  items: number;
  annotators: number;
  epsilon: number;
  winningRate: number | null;
  advantageProbability: number | null;
  passed: boolean | null;
  /** At most ALT_ANNOTATORS_LISTED annotators (see there); `annotators` counts them all. */
  perAnnotator: { annotator: string; instances: number; judgeWinRate: number; humanWinRate: number; pValue: number; rejected: boolean }[];
  /** Annotators in the test but not in `perAnnotator`. */
  perAnnotatorOmitted: number;
}

export interface BattlePanel {
  battleId: number;
  turn: number;
  category: string;
  prompt: string[];
  systemA: { slug: string; name: string; answer: string[]; tokens: number | null };
  systemB: { slug: string; name: string; answer: string[]; tokens: number | null };
  humanVotes: { A: number; B: number; tie: number; bothbad: number };
  judgeVotes: { outcome: string; shownFirst: string; strength: number; rationale: string | null }[];
}

export interface JudgeDetail {
  slice: string;
  watermark: string;
  row: JudgeLeaderboardRow;
  humanHuman: HumanHumanAgreement;
  /** Per common system: crowd and judge ratings with CIs, ranks. */
  systems: { system: string; name: string; family: string; sameFamily: boolean; human: SystemRating; judge: SystemRating }[];
  decisiveness: { alpha: number | null; points: WinRatePointOut[]; curve: { human: number; judge: number }[] };
  bias: { system: string; name: string; bias: number; opponents: number; sameFamily: boolean }[];
  position: { judge: ProportionCi; crowd: ProportionCi };
  verbosity: { bins: BinnedRate[]; judgeLonger: ProportionCi; crowdLonger: ProportionCi };
  confusion: { labels: string[]; matrix: number[][]; keys: number; noMajority: number };
  disagreements: DisagreementRow[];
  arenaHard: {
    judgeSeparability: number | null;
    crowdSeparability: number | null;
    agreementWithConfidence: number | null;
    pairs: number;
    systems: number;
  };
  altTest: AltTestView;
  battle: BattlePanel | null;
  options: JudgeLeaderboard["options"];
  demo: boolean;
}
