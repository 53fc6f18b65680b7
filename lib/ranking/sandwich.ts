import { invertSpd, matMul } from "./linalg";
import { components } from "./graph";
import { pairTable } from "./counts";
import { btHessian, fitPairTable, pairStats, type BTFit, type BTOptions } from "./bt";
import { normalQuantile } from "./special";
import type { OutcomeCounts } from "./types";

export interface SandwichResult {
  method: "sandwich";
  level: number;
  systems: string[];
  fit: BTFit;
  ciLow: number[];
  ciHigh: number[];
  /** Standard errors in rating points (of R_i − mean, or of R_i − R_anchor when anchored). */
  se: number[];
  /** Robust covariance of θ (natural-log units), row-major n × n. */
  covariance: Float64Array;
}

/**
 * Robust (Huber–White sandwich) confidence intervals for BT ratings, the method LMArena switched to in 2025:
 * Var(θ̂) = H⁻¹ J H⁻¹ with H the negative Hessian of ℓ at θ̂ (with the per-component gauge 1_c1_cᵀ/|c|, or the ridge)
 * and J = Σ_battles s_b s_bᵀ, s_b = w_b (y_b − p_ij)(e_i − e_j), y = 1 / 0 / ½ for i wins / j wins / tie. All battles
 * of a count cell share one score, so J = Σ_cells (W_cell²/count_cell)(y − p)²(e_i−e_j)(e_i−e_j)ᵀ (each battle given
 * its cell's mean weight). Intervals: R_i ± z_{(1+level)/2}·(scale/ln base)·√Var, with Var(θ_i − θ_anchor) when anchored.
 * Sources: Huber (1967), White (1980); LMArena blog "Statistical extensions" / leaderboard notebook (2025).
 */
export function sandwich(counts: OutcomeCounts, opts: { level?: number; bt?: BTOptions } = {}): SandwichResult {
  const level = opts.level ?? 0.95;
  const table = pairTable(counts);
  const fit = fitPairTable(table, counts.systems, opts.bt ?? {});
  const n = table.n;
  const s = pairStats(table);
  const { members } = components(n, s.pi, s.pj, s.tot);
  const h = btHessian(s, fit.theta, fit.ridge, members);
  const hinv = invertSpd(h, n);
  if (!hinv) throw new Error("Hessian is not positive definite");
  const j = new Float64Array(n * n);
  for (let k = 0; k < table.pi.length; k++) {
    const a = table.pi[k];
    const b = table.pj[k];
    const p = 1 / (1 + Math.exp(fit.theta[b] - fit.theta[a]));
    let v = 0;
    const ys = [1, 0, 0.5];
    for (let c = 0; c < 3; c++) {
      const cnt = table.count[3 * k + c];
      if (cnt <= 0) continue;
      const w = table.weight[3 * k + c];
      const r = ys[c] - p;
      v += ((w * w) / cnt) * r * r;
    }
    j[a * n + a] += v;
    j[b * n + b] += v;
    j[a * n + b] -= v;
    j[b * n + a] -= v;
  }
  const cov = matMul(matMul(hinv, j, n), hinv, n);
  const z = normalQuantile((1 + level) / 2);
  const f = fit.scale.scale / Math.log(fit.scale.base);
  const ai = fit.anchor ? counts.systems.indexOf(fit.anchor.system) : -1;
  const se: number[] = [];
  const ciLow: number[] = [];
  const ciHigh: number[] = [];
  for (let i = 0; i < n; i++) {
    let v = cov[i * n + i];
    if (ai >= 0) v = cov[i * n + i] + cov[ai * n + ai] - 2 * cov[i * n + ai];
    const sd = f * Math.sqrt(Math.max(0, v));
    se.push(sd);
    ciLow.push(fit.ratings[i] - z * sd);
    ciHigh.push(fit.ratings[i] + z * sd);
  }
  return { method: "sandwich", level, systems: counts.systems, fit, ciLow, ciHigh, se, covariance: cov };
}
