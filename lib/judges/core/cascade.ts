/**
 * Cascaded selective judging — "Trust or Escalate: LLM Judges with Provable Guarantees for Human Agreement"
 * (Jung, Brahman & Choi, ICLR 2025).
 *
 * Confidence of a judge on a battle = self-consistency share: the judge's canonical verdicts from both orders (and
 * optionally k extra samples at temperature > 0, a cheap stand-in for the paper's simulated-annotator ensemble)
 * are pooled; confidence = (votes for the most frequent verdict) / (number of verdicts).
 *
 * Calibration (fixed-sequence testing, paper §3): on battles with human labels, for thresholds λ₁ > λ₂ > … taken
 * from a grid fixed before seeing data (default 1.00, 0.99, …, 0.00), let S(λ) = battles with confidence ≥ λ,
 * n = |S(λ)|, k = disagreements with humans in S(λ). Test H₀: risk(λ) = P(disagree | conf ≥ λ) > α with the
 * exact one-sided binomial test p = P(Bin(n, α) ≤ k); reject when p ≤ δ (equivalently the Clopper–Pearson upper
 * bound on the disagreement rate is ≤ α). Go down the grid while H₀ is rejected and stop at the first failure;
 * λ̂ = the last rejected λ (none rejected → the judge is never trusted). Because the hypotheses are tested in a
 * fixed order, P(risk(λ̂) > α) ≤ δ without multiplicity correction, i.e. trusted verdicts agree with humans at
 * rate ≥ 1 − α with probability ≥ 1 − δ.
 *
 * Cascade: judges are tried cheapest first; a verdict with confidence ≥ the judge's λ̂ is trusted, otherwise the
 * battle escalates to the next judge; after the last judge it is abstained. Stage j is calibrated on the
 * calibration battles that stages < j did not trust, each stage at level δ/m (Bonferroni over m stages; our
 * choice, conservative), so that all stages' guarantees hold jointly.
 *
 * Agreement means the judge's canonical verdict equals the human's (A, B or tie).
 */
import type { Side } from "./grammar";
import { binomialTestLowerPValue, clopperPearsonUpper } from "./stats";

export interface Confidence {
  verdict: Side;
  /** Share of pooled verdicts agreeing with `verdict`, in (0, 1]. */
  confidence: number;
  votes: { A: number; B: number; tie: number };
}

/**
 * Self-consistency confidence over canonical verdicts (nulls = unparseable, ignored). When several verdicts tie
 * for most votes the verdict is `tie` (as the MT-Bench rule does for inconsistent orders) with confidence equal
 * to the leading share. Returns null when there is no verdict at all.
 */
export function selfConsistency(verdicts: Array<Side | null>): Confidence | null {
  const votes = { A: 0, B: 0, tie: 0 };
  let n = 0;
  for (const v of verdicts) {
    if (v === null) continue;
    votes[v]++;
    n++;
  }
  if (n === 0) return null;
  const max = Math.max(votes.A, votes.B, votes.tie);
  const leaders = (["A", "B", "tie"] as const).filter((s) => votes[s] === max);
  return { verdict: leaders.length === 1 ? leaders[0] : "tie", confidence: max / n, votes };
}

export interface CalibrationItem {
  confidence: number;
  verdict: Side;
  human: Side;
}

export interface CalibrateOptions {
  /** Tolerated disagreement rate: target agreement is 1 − α. */
  alpha: number;
  /** Allowed failure probability of the guarantee. */
  delta: number;
  /** Thresholds to test, most strict first; must be fixed before looking at the data. */
  grid?: number[];
}

export interface CalibrationStep {
  threshold: number;
  n: number;
  disagreements: number;
  pValue: number;
  /** One-sided Clopper–Pearson upper bound on the disagreement rate at level δ. */
  upperBound: number;
  passed: boolean;
}

export interface Calibration {
  /** λ̂, or null when even the strictest threshold failed (never trust). */
  threshold: number | null;
  alpha: number;
  delta: number;
  /** Tested steps in order; the last one is the failure that stopped the sequence (unless the grid ran out). */
  steps: CalibrationStep[];
}

/** Default grid: 1.00, 0.99, …, 0.00. */
export const DEFAULT_GRID: readonly number[] = Array.from({ length: 101 }, (_, i) => (100 - i) / 100);

const EPS = 1e-9;

/** Fixed-sequence threshold calibration for one judge (see the module documentation for the procedure). */
export function calibrateThreshold(items: CalibrationItem[], opts: CalibrateOptions): Calibration {
  const { alpha, delta } = opts;
  if (!(alpha > 0 && alpha < 1) || !(delta > 0 && delta < 1)) throw new Error("alpha and delta must be in (0, 1).");
  const grid = opts.grid ?? DEFAULT_GRID;
  for (let i = 1; i < grid.length; i++) {
    if (grid[i] >= grid[i - 1]) throw new Error("Calibration grid must be strictly decreasing (most strict first).");
  }
  const steps: CalibrationStep[] = [];
  let threshold: number | null = null;
  for (const lambda of grid) {
    let n = 0;
    let k = 0;
    for (const it of items) {
      if (it.confidence + EPS < lambda) continue;
      n++;
      if (it.verdict !== it.human) k++;
    }
    const pValue = binomialTestLowerPValue(k, n, alpha);
    const passed = pValue <= delta;
    steps.push({ threshold: lambda, n, disagreements: k, pValue, upperBound: clopperPearsonUpper(k, n, delta), passed });
    if (!passed) break;
    threshold = lambda;
  }
  return { threshold, alpha, delta, steps };
}

/** One battle's per-stage results (null = that stage produced no verdict) plus, for calibration, the human label. */
export interface CascadeItem {
  stages: Array<Confidence | null>;
  human?: Side;
}

export type CascadeDecision = { decision: "trust"; stage: number; verdict: Side; confidence: number } | { decision: "abstain" };

/** Trusts the first stage whose confidence reaches its threshold; null threshold = never trusted. */
export function cascadeDecide(stages: Array<Confidence | null>, thresholds: Array<number | null>): CascadeDecision {
  for (let j = 0; j < thresholds.length; j++) {
    const r = stages[j];
    const t = thresholds[j];
    if (r && t !== null && r.confidence + EPS >= t) return { decision: "trust", stage: j, verdict: r.verdict, confidence: r.confidence };
  }
  return { decision: "abstain" };
}

/**
 * Runs a cascade lazily: calls each stage's judge only when the previous stages escalated. Stages with a null
 * threshold are skipped without calling their judge.
 */
export async function runCascade(
  stages: Array<{ threshold: number | null; judge: () => Promise<Confidence | null> }>,
): Promise<CascadeDecision & { called: number }> {
  let called = 0;
  for (let j = 0; j < stages.length; j++) {
    const { threshold, judge } = stages[j];
    if (threshold === null) continue;
    called++;
    const r = await judge();
    if (r && r.confidence + EPS >= threshold) return { decision: "trust", stage: j, verdict: r.verdict, confidence: r.confidence, called };
  }
  return { decision: "abstain", called };
}

/** Calibrates every stage of a cascade (stage j on battles not trusted by stages < j, at level δ/m each). */
export function calibrateCascade(items: CascadeItem[], opts: CalibrateOptions): Calibration[] {
  const m = items.reduce((acc, it) => Math.max(acc, it.stages.length), 0);
  const perStage: CalibrateOptions = { ...opts, delta: opts.delta / Math.max(1, m) };
  const result: Calibration[] = [];
  let remaining = items.filter((it) => it.human !== undefined);
  for (let j = 0; j < m; j++) {
    const data: CalibrationItem[] = [];
    for (const it of remaining) {
      const r = it.stages[j];
      if (r && it.human !== undefined) data.push({ confidence: r.confidence, verdict: r.verdict, human: it.human });
    }
    const cal = calibrateThreshold(data, perStage);
    result.push(cal);
    const t = cal.threshold;
    remaining = remaining.filter((it) => {
      const r = it.stages[j];
      return !(t !== null && r && r.confidence + EPS >= t);
    });
  }
  return result;
}

export interface CascadeReport {
  battles: number;
  trusted: number;
  /** trusted / battles. */
  coverage: number;
  /** Agreement with humans among trusted battles that have a human label (NaN when none). */
  agreement: number;
  abstained: number;
  perStage: Array<{ trusted: number; agreed: number }>;
}

/** Coverage and achieved human agreement of a calibrated cascade on (held-out) labelled battles. */
export function evaluateCascade(items: CascadeItem[], thresholds: Array<number | null>): CascadeReport {
  const perStage = thresholds.map(() => ({ trusted: 0, agreed: 0 }));
  let trusted = 0;
  let labelled = 0;
  let agreed = 0;
  for (const it of items) {
    const d = cascadeDecide(it.stages, thresholds);
    if (d.decision === "abstain") continue;
    trusted++;
    perStage[d.stage].trusted++;
    if (it.human === undefined) continue;
    labelled++;
    if (d.verdict === it.human) {
      agreed++;
      perStage[d.stage].agreed++;
    }
  }
  const battles = items.length;
  return {
    battles,
    trusted,
    coverage: battles === 0 ? 0 : trusted / battles,
    agreement: labelled === 0 ? Number.NaN : agreed / labelled,
    abstained: battles - trusted,
    perStage,
  };
}
