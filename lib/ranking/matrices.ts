import { pairTable } from "./counts";
import { DEFAULT_SCALE, type OutcomeCounts, type RatingScale } from "./types";

/** Pairwise matrices, row-major n × n, entry [i][j] about row system i against column system j. NaN where undefined. */
export interface PairMatrices {
  systems: string[];
  /** Battles between i and j (raw count, either order). */
  battles: number[][];
  /** Observed win rate of i over j with ties excluded: wins_ij / (wins_ij + wins_ji). */
  winRateNoTies: number[][];
  /** Observed win rate with ties (and both-bad) as half: (wins_ij + ½ ties_ij) / battles_ij. */
  winRateTiesHalf: number[][];
}

/**
 * Observed pairwise matrices from counts (raw, unweighted battle numbers). Chatbot Arena notebook
 * ("Fraction of Model A Wins", "Battle Count for Each Combination of Models"), ties excluded or as half a win.
 */
export function pairMatrices(counts: OutcomeCounts): PairMatrices {
  const n = counts.systems.length;
  const t = pairTable(counts);
  const mk = (v: number): number[][] => Array.from({ length: n }, () => new Array<number>(n).fill(v));
  const battles = mk(0);
  const noTies = mk(NaN);
  const half = mk(NaN);
  for (let k = 0; k < t.pi.length; k++) {
    const i = t.pi[k];
    const j = t.pj[k];
    const wi = t.count[3 * k];
    const wj = t.count[3 * k + 1];
    const ti = t.count[3 * k + 2];
    const tot = wi + wj + ti;
    battles[i][j] = battles[j][i] = tot;
    if (wi + wj > 0) {
      noTies[i][j] = wi / (wi + wj);
      noTies[j][i] = wj / (wi + wj);
    }
    if (tot > 0) {
      half[i][j] = (wi + 0.5 * ti) / tot;
      half[j][i] = (wj + 0.5 * ti) / tot;
    }
  }
  return { systems: counts.systems, battles, winRateNoTies: noTies, winRateTiesHalf: half };
}

/**
 * Model-predicted win probabilities P(i beats j) = 1/(1 + base^((R_j − R_i)/scale)) (Chatbot Arena notebook
 * `predict_win_rate`). Diagonal NaN.
 */
export function predictedWinMatrix(ratings: number[], scale: RatingScale = DEFAULT_SCALE): number[][] {
  return ratings.map((ri, i) =>
    ratings.map((rj, j) => (i === j ? NaN : 1 / (1 + Math.pow(scale.base, (rj - ri) / scale.scale)))),
  );
}

/**
 * Average win rate against all others: mean over j ≠ i of matrix[i][j], skipping NaN (Chatbot Arena notebook,
 * "Average Win Rate Against All Other Models (Assuming Uniform Sampling and No Ties)" on the predicted matrix).
 */
export function averageWinRate(matrix: number[][]): number[] {
  return matrix.map((row, i) => {
    let s = 0;
    let c = 0;
    row.forEach((v, j) => {
      if (j !== i && !Number.isNaN(v)) {
        s += v;
        c++;
      }
    });
    return c ? s / c : NaN;
  });
}
