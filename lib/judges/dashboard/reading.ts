/**
 * Plain-language readings of the judge leaderboard, so a newcomer sees at once which judge ranks like the crowd and
 * why another does not. Flags are conservative: a bias is named only when its 95% interval clears the reference.
 */
import type { JudgeLeaderboard, JudgeLeaderboardRow, ProportionCi } from "./types";

export interface JudgeReading {
  judge: string;
  name: string;
  verdict: "close" | "partial" | "far" | "unknown";
  sentences: string[];
  biases: ("position" | "length")[];
}

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

/** Position bias: the first-shown share's 95% CI lies wholly above 50% (or below). */
export function hasPositionBias(p: ProportionCi): boolean {
  return p.ciLow !== null && p.ciHigh !== null && (p.ciLow > 0.5 || p.ciHigh < 0.5) && Math.abs((p.share ?? 0.5) - 0.5) >= 0.05;
}

/** Length bias: the judge's longer-answer share is ≥ 5 points above the crowd's and their CIs do not overlap. */
export function hasLengthBias(judge: ProportionCi, crowd: ProportionCi): boolean {
  if (judge.share === null || crowd.share === null || judge.ciLow === null || crowd.ciHigh === null) return false;
  return judge.share - crowd.share >= 0.05 && judge.ciLow > crowd.ciHigh;
}

export function readJudge(j: JudgeLeaderboardRow, lb: JudgeLeaderboard, best: string | null): JudgeReading {
  const sentences: string[] = [];
  const biases: JudgeReading["biases"] = [];
  let verdict: JudgeReading["verdict"] = "unknown";
  if (j.kendallTau !== null) {
    verdict = j.kendallTau >= 0.7 ? "close" : j.kendallTau >= 0.4 ? "partial" : "far";
    const ci = j.tauCiLow !== null ? ` (95% CI ${j.tauCiLow.toFixed(2)} to ${j.tauCiHigh!.toFixed(2)})` : "";
    sentences.push(
      `${j.judge === best ? "Ranks systems most like the crowd" : "Ranks systems"}: Kendall τ = ${j.kendallTau.toFixed(2)}${ci} over ${j.systems} systems and ${j.battles} shared battles.`,
    );
  } else sentences.push("No rank correlation: fewer than two systems ranked by both the judge and the crowd.");
  if (j.agreementNoTies !== null && lb.humanHuman.agreementNoTies !== null)
    sentences.push(
      `Agrees with individual people on ${pct(j.agreementNoTies)} of decisive vote pairs (n = ${j.nAgreementNoTies}); people agree with each other on ${pct(lb.humanHuman.agreementNoTies)}.`,
    );
  if (hasPositionBias(j.firstShown)) {
    biases.push("position");
    sentences.push(`Position bias: it picks the answer shown first in ${pct(j.firstShown.share)} of decisive verdicts (n = ${j.firstShown.n}; unbiased = 50%, the crowd: ${pct(lb.crowdBias.firstShown.share)}).`);
  } else if (j.firstShown.share !== null)
    sentences.push(`No clear position bias: ${pct(j.firstShown.share)} of decisive verdicts go to the first-shown answer (n = ${j.firstShown.n}).`);
  if (hasLengthBias(j.longer, lb.crowdBias.longer)) {
    biases.push("length");
    sentences.push(`Length bias: it picks the longer answer in ${pct(j.longer.share)} of decisive verdicts (n = ${j.longer.n}), the crowd in ${pct(lb.crowdBias.longer.share)}.`);
  } else if (j.longer.share !== null)
    sentences.push(`No clear length bias: it picks the longer answer in ${pct(j.longer.share)} of decisive verdicts, the crowd in ${pct(lb.crowdBias.longer.share)}.`);
  for (const w of j.warnings) sentences.push(`Caution: ${w}.`);
  return { judge: j.judge, name: j.name, verdict, sentences, biases };
}

export function readLeaderboard(lb: JudgeLeaderboard): JudgeReading[] {
  const reliable = lb.judges.filter((j) => j.kendallTau !== null && j.warnings.length === 0);
  const best = reliable[0]?.judge ?? null;
  return lb.judges.map((j) => readJudge(j, lb, best));
}
