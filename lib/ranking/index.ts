/**
 * Concord's ranking engine: pure, deterministic for a seed, no database or React. Everything the leaderboard,
 * dashboard and CLI need is re-exported here.
 */
export * from "./types";
export { reduceToCounts, countsFromRows, pairTable, tallies, filterCounts, type PairTable, type SystemTally } from "./counts";
export { fitBradleyTerry, fitPairTable, btLogLik, thetaToRatings, type BTFit, type BTOptions, type PairStats } from "./bt";
export { bootstrap, bootstrapTable, type BootstrapOptions, type BootstrapResult } from "./bootstrap";
export { sandwich, type SandwichResult } from "./sandwich";
export { leaderboard, ranksFromIntervals, type LeaderboardRow, type LeaderboardMeta, type LeaderboardOptions } from "./leaderboard";
export { onlineElo } from "./elo";
export { pairMatrices, predictedWinMatrix, averageWinRate, type PairMatrices } from "./matrices";
export { styleFeatures, styleRows, styleControl, STYLE_FEATURE_NAMES, type StyleFeatures, type StyleBattle, type StyleControlResult } from "./style";
export { fitContextual, type ContextRows, type ContextFit } from "./contextual";
export { lengthControlledWinRate, type LengthBattle, type LcRow } from "./lc";
export {
  judgeHumanAgreement,
  humanHumanAgreement,
  judgeHumanAgreementFromCounts,
  humanHumanAgreementFromCounts,
  classCountsByKey,
  cohensKappa,
  cohensKappaFromTable,
  positionConsistency,
  mergeOrders,
  canonical,
  voteKey,
  type Vote,
  type AgreementResult,
  type ClassCounts,
  type KeyClassCounts,
  type PositionConsistency,
} from "./agreement";
export { kendallTauB, spearman, pearson, averageRanks, topKOverlap, compareRankings, type RatingSet, type RankingComparison, type CorrelationWithCi } from "./correlation";
export { fitDecisiveness, judgeBias, type WinRatePoint } from "./justrank";
export { separability, agreementWithConfidence, type IntervalSet } from "./arenahard";
export { altTest, altTestFromCounts, benjaminiYekutieli, type AltItem, type AltAnnotatorCounts, type AltTestResult, type AltAnnotatorResult } from "./alttest";
export { incompleteBeta, logGamma, studentTCdf, normalCdf, normalQuantile } from "./special";
export { binomial, multinomial } from "./sampling";
export { quantileSorted, percentileInterval } from "./quantile";
