import { incompleteBeta } from "./special";

/** One (human win rate, judge win rate) point for an ordered system pair. */
export interface WinRatePoint {
  system: string;
  opponent: string;
  human: number;
  judge: number;
}

/**
 * JuStRank decisiveness (Gera et al. 2025, "JuStRank: Benchmarking LLM Judges for System Ranking", §6): fit
 * judge win rate ≈ BetaCDF(human win rate; α, α) = I_p(α, α) by least squares, α > 1 = a decisive judge (pushes win
 * rates towards 0/1), α < 1 = indecisive. One-dimensional search: a log-spaced grid on α ∈ [10⁻², 10²] then
 * golden-section refinement on the best bracket.
 */
export function fitDecisiveness(points: { human: number; judge: number }[]): { alpha: number; sse: number } {
  const sse = (logA: number): number => {
    const a = Math.exp(logA);
    let s = 0;
    for (const p of points) s += (p.judge - incompleteBeta(p.human, a, a)) ** 2;
    return s;
  };
  const lo = Math.log(1e-2);
  const hi = Math.log(1e2);
  const G = 120;
  let best = 0;
  let bestV = Infinity;
  const grid: number[] = [];
  for (let g = 0; g <= G; g++) {
    const x = lo + ((hi - lo) * g) / G;
    grid.push(x);
    const v = sse(x);
    if (v < bestV) {
      bestV = v;
      best = g;
    }
  }
  let a = grid[Math.max(0, best - 1)];
  let b = grid[Math.min(G, best + 1)];
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = sse(c);
  let fd = sse(d);
  for (let it = 0; it < 80; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = sse(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = sse(d);
    }
  }
  const x = (a + b) / 2;
  return { alpha: Math.exp(x), sse: sse(x) };
}

/**
 * JuStRank per-system bias (Gera et al. 2025 §6): bias(s) = mean over opponents o of
 * [judge win rate(s, o) − I_{human win rate(s, o)}(α, α)], the judge's preference for s beyond what its decisiveness
 * explains.
 */
export function judgeBias(points: WinRatePoint[], alpha: number): { system: string; bias: number; opponents: number }[] {
  const per = new Map<string, number[]>();
  for (const p of points) {
    const l = per.get(p.system) ?? [];
    l.push(p.judge - incompleteBeta(p.human, alpha, alpha));
    per.set(p.system, l);
  }
  return [...per]
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([system, l]) => ({ system, bias: l.reduce((s, v) => s + v, 0) / l.length, opponents: l.length }));
}
