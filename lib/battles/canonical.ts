/**
 * Canonical battle order: systemAId < systemBId. Every stored outcome and shown side is in canonical terms; these
 * helpers convert from "as given" (first/second) order.
 */
export type CanonicalOutcome = "A" | "B" | "tie" | "bothbad";
export type CanonicalSide = "A" | "B";

export interface CanonicalPair {
  systemAId: number;
  systemBId: number;
  /** True when the given first system became canonical B. */
  swapped: boolean;
}

export function canonicalPair(firstId: number, secondId: number): CanonicalPair {
  if (firstId === secondId) throw new Error("a battle needs two different systems");
  return firstId < secondId
    ? { systemAId: firstId, systemBId: secondId, swapped: false }
    : { systemAId: secondId, systemBId: firstId, swapped: true };
}

/** Maps an outcome given relative to (first, second) to canonical terms. */
export function toCanonicalOutcome(outcome: "first" | "second" | "tie" | "bothbad", swapped: boolean): CanonicalOutcome {
  if (outcome === "tie" || outcome === "bothbad") return outcome;
  const firstWins = outcome === "first";
  return firstWins !== swapped ? "A" : "B";
}

export function flipSide(side: CanonicalSide): CanonicalSide {
  return side === "A" ? "B" : "A";
}

/** Maps an outcome in canonical terms to the order shown (left = first). */
export function toShownOutcome(outcome: CanonicalOutcome, shownLeft: CanonicalSide): "left" | "right" | "tie" | "bothbad" {
  if (outcome === "tie" || outcome === "bothbad") return outcome;
  return outcome === shownLeft ? "left" : "right";
}

/** The natural key of a fixed-set battle. */
export function fixedBattleKey(promptId: number, systemAId: number, systemBId: number, turn: number): string {
  return `fixed:${promptId}:${systemAId}:${systemBId}:${turn}`;
}
