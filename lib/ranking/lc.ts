import type { Outcome } from "./types";

/** A battle with answer lengths (tokens), for length control. */
export interface LengthBattle {
  a: string;
  b: string;
  outcome: Outcome;
  lenA: number;
  lenB: number;
}

export interface LcRow {
  system: string;
  battles: number;
  /** Raw win rate against the baseline, ties as half. */
  winRate: number;
  /** Length-controlled win rate σ(β_m): predicted win rate at zero length difference. */
  lcWinRate: number;
  /** Length coefficient γ_m (logit per unit of d). */
  lengthCoef: number;
}

/**
 * Length-controlled win rate against a baseline — a simplified AlpacaEval-LC (Dubois et al. 2024, "Length-Controlled
 * AlpacaEval"): for each system m, on its battles against `baseline`, fit the logistic regression
 * P(m beats baseline) = σ(β_m + γ_m·d), d = tanh((len_m − len_base)/σ_len), σ_len the SD of length differences over
 * all baseline battles, ties as ½ (soft label); report LC = σ(β_m), the win rate predicted at equal length. Unlike
 * AlpacaEval there is no per-instruction difficulty term. A ridge 1e-6 on γ keeps the fit defined when d is constant.
 */
export function lengthControlledWinRate(battles: LengthBattle[], baseline: string): LcRow[] {
  const per = new Map<string, { y: number; diff: number }[]>();
  const diffs: number[] = [];
  for (const bt of battles) {
    let m: string;
    let y: number;
    let diff: number;
    if (bt.a === baseline && bt.b !== baseline) {
      m = bt.b;
      y = bt.outcome === "b" ? 1 : bt.outcome === "a" ? 0 : 0.5;
      diff = bt.lenB - bt.lenA;
    } else if (bt.b === baseline && bt.a !== baseline) {
      m = bt.a;
      y = bt.outcome === "a" ? 1 : bt.outcome === "b" ? 0 : 0.5;
      diff = bt.lenA - bt.lenB;
    } else continue;
    diffs.push(diff);
    const list = per.get(m) ?? [];
    list.push({ y, diff });
    per.set(m, list);
  }
  const mean = diffs.reduce((s, v) => s + v, 0) / (diffs.length || 1);
  const sd = Math.sqrt(diffs.reduce((s, v) => s + (v - mean) ** 2, 0) / (diffs.length || 1)) || 1;
  const rows: LcRow[] = [];
  for (const [system, list] of [...per].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const d = list.map((r) => Math.tanh(r.diff / sd));
    const ys = list.map((r) => r.y);
    let beta = 0;
    let gamma = 0;
    const ridge = 1e-6;
    for (let it = 0; it < 100; it++) {
      let g0 = 0;
      let g1 = -ridge * gamma;
      let h00 = 1e-12;
      let h01 = 0;
      let h11 = ridge;
      for (let k = 0; k < d.length; k++) {
        const p = 1 / (1 + Math.exp(-(beta + gamma * d[k])));
        const r = ys[k] - p;
        const v = p * (1 - p);
        g0 += r;
        g1 += r * d[k];
        h00 += v;
        h01 += v * d[k];
        h11 += v * d[k] * d[k];
      }
      const det = h00 * h11 - h01 * h01;
      const s0 = (h11 * g0 - h01 * g1) / det;
      const s1 = (h00 * g1 - h01 * g0) / det;
      // cap steps: with all wins the MLE is infinite, the cap keeps σ(β) → 1 without overflow
      const cap = Math.max(1, Math.abs(s0), Math.abs(s1));
      beta += s0 / cap;
      gamma += s1 / cap;
      if (Math.abs(s0) < 1e-12 && Math.abs(s1) < 1e-12) break;
    }
    rows.push({
      system,
      battles: list.length,
      winRate: ys.reduce((s, v) => s + v, 0) / ys.length,
      lcWinRate: 1 / (1 + Math.exp(-beta)),
      lengthCoef: gamma,
    });
  }
  return rows;
}
