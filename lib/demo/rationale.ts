/**
 * Short judge rationales for simulated demo judge votes, written in shown terms ("Assistant 1" is the
 * left/first answer). The text reflects why the simulation produced the verdict (refusal, error, length,
 * position pick), the way a real judge's explanation would, and ends with a verdict line.
 */
import type { DemoAnswerFeatures } from "./model";
import type { DemoOutcome, DemoShownLeft } from "./types";

/** Why the simulated judge chose as it did. */
export interface DemoRationaleInput {
  outcome: DemoOutcome;
  shownLeft: DemoShownLeft;
  featuresA: DemoAnswerFeatures;
  featuresB: DemoAnswerFeatures;
  /** The verdict came from the judge's position pick (first-shown answer chosen regardless of content). */
  positionPick: boolean;
  /** The judge has a length bias (its rationales praise thoroughness). */
  lengthBiased: boolean;
  /** Integer used to vary the wording. */
  pick: number;
}

const GENERIC_WIN = [
  "Assistant {W} answers the question more accurately and directly than Assistant {L}.",
  "Assistant {W} is clearer and more helpful; Assistant {L} is weaker on substance.",
  "Both are reasonable, but Assistant {W} addresses the request more precisely than Assistant {L}.",
];
const TIES = [
  "Both assistants give answers of similar quality; neither is clearly better.",
  "The two responses are comparable in accuracy and helpfulness.",
];
const BOTH_BAD = [
  "Neither assistant gives a satisfactory answer to the question.",
  "Both responses fail to answer the question correctly or helpfully.",
];

function fill(template: string, winner: 1 | 2): string {
  const loser = winner === 1 ? 2 : 1;
  return template.replace("{W}", String(winner)).replace("{L}", String(loser));
}

/** Build the rationale text for one simulated judge vote. */
export function demoRationale(input: DemoRationaleInput): string {
  const { outcome, shownLeft, featuresA, featuresB, pick } = input;
  if (outcome === "tie") return `${TIES[pick % TIES.length]} Verdict: tie.`;
  if (outcome === "bothbad") return `${BOTH_BAD[pick % BOTH_BAD.length]} Verdict: both bad.`;
  const winnerPos: 1 | 2 = outcome === shownLeft ? 1 : 2;
  const winner = outcome === "a" ? featuresA : featuresB;
  const loser = outcome === "a" ? featuresB : featuresA;
  let reason: string;
  if (input.positionPick) {
    reason = fill("Assistant {W} gives a solid response that covers the request well.", winnerPos);
  } else if (loser.bad && !winner.bad) {
    reason = fill("Assistant {L} declines or gets the key point wrong, while Assistant {W} answers correctly.", winnerPos);
  } else if (input.lengthBiased && winner.chars > loser.chars) {
    reason = fill("Assistant {W} is more thorough and detailed, explaining its answer more fully than Assistant {L}.", winnerPos);
  } else {
    reason = fill(GENERIC_WIN[pick % GENERIC_WIN.length], winnerPos);
  }
  return `${reason} Verdict: Assistant ${winnerPos}.`;
}
