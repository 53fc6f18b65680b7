/**
 * Concord's demo dataset: fictional systems, prompts and answers written for the project, and a seeded
 * simulation of crowd and judge votes with known ground truth (see `simulate.ts` for the exact model).
 * Everything is named "demo" so the UI can label it.
 */
export * from "./types";
export { demoSystems, getDemoSystem, DEMO_STYLE_BEHAVIOUR } from "./systems";
export { demoPrompts } from "./prompts";
export { DEMO_ANSWER_SEED, demoAnswers, demoAnswersByKey, demoAnswerKey, getDemoAnswers } from "./answers";
export { DEMO_JUDGES, getDemoJudge, type DemoJudgeConfig, type DemoBothBadTable } from "./judges";
export {
  DEMO_CROWD_MODEL,
  DEMO_OUTLIER_VOTERS,
  DEMO_REFERENCE_TIME,
  DEMO_SEED,
  btWinProb,
  crowdStyleEffect,
  davidsonProbs,
  demoAnswerFeatures,
  getDemoFeatures,
  styleDifference,
  type DemoAnswerFeatures,
} from "./model";
export {
  crowdDelta,
  demoBattles,
  demoVoterIds,
  simulateDemoVotes,
  trueDelta,
  type DemoSimulationOptions,
} from "./simulate";
export { approxTokens, countMarkdown, markdownScore, type DemoMarkdownCounts } from "./text";
