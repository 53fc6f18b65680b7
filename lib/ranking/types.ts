/** Input and output types of the ranking engine. */

/** A battle verdict from the point of view of the shown order (a first, b second). */
export type Outcome = "a" | "b" | "tie" | "bothbad";

export const OUTCOMES: readonly Outcome[] = ["a", "b", "tie", "bothbad"];

/** One battle outcome. `weight` (default 1) multiplies its contribution; `tstamp` orders online Elo. */
export interface Battle {
  a: string;
  b: string;
  outcome: Outcome;
  weight?: number;
  tstamp?: number;
}

/** One unique (a, b, outcome) cell: `count` raw battles whose weights sum to `weight`. Indices into `systems`. */
export interface CountCell {
  a: number;
  b: number;
  outcome: Outcome;
  count: number;
  weight: number;
}

/** Battles reduced to unique (a, b, outcome) counts. Every fit and bootstrap works on this. */
export interface OutcomeCounts {
  systems: string[];
  cells: CountCell[];
  /** Total raw battles (Σ count). */
  battles: number;
}

/** A count row as a database rollup would hold it (system names instead of indices). */
export interface CountRow {
  a: string;
  b: string;
  outcome: Outcome;
  count: number;
  /** Sum of weights; defaults to `count`. */
  weight?: number;
}

/** Rating scale: rating = init + scale · θ / ln(base), θ the natural-log BT strength. Chatbot Arena: 1000, 400, 10. */
export interface RatingScale {
  init: number;
  scale: number;
  base: number;
}

export const DEFAULT_SCALE: RatingScale = { init: 1000, scale: 400, base: 10 };

/** Confidence-interval method labels carried by results. */
export type CiMethod = "bootstrap" | "sandwich" | "none";
