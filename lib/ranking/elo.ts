import { DEFAULT_SCALE, type Battle, type RatingScale } from "./types";

/**
 * Online Elo in timestamp order (battles without `tstamp` keep their input position relative to each other; sort is
 * stable). For each battle: E_a = 1/(1 + base^((R_b − R_a)/scale)), S_a = 1 / 0 / ½ (tie and both-bad),
 * R_a += K·(S_a − E_a), R_b += K·((1 − S_a) − (1 − E_a)). Defaults K = 4, scale 400, base 10, init 1000.
 * Source: FastChat `fastchat/serve/monitor/elo_analysis.py` `compute_elo` (Chatbot Arena notebook, 2023).
 */
export function onlineElo(
  battles: Battle[],
  opts: { k?: number; scale?: RatingScale } = {},
): { systems: string[]; ratings: number[] } {
  const k = opts.k ?? 4;
  const sc = opts.scale ?? DEFAULT_SCALE;
  const order = battles.map((b, i) => ({ b, i }));
  order.sort((x, y) => (x.b.tstamp ?? 0) - (y.b.tstamp ?? 0) || x.i - y.i);
  const rating = new Map<string, number>();
  for (const { b } of order) {
    const ra = rating.get(b.a) ?? sc.init;
    const rb = rating.get(b.b) ?? sc.init;
    const ea = 1 / (1 + Math.pow(sc.base, (rb - ra) / sc.scale));
    const sa = b.outcome === "a" ? 1 : b.outcome === "b" ? 0 : 0.5;
    const w = b.weight ?? 1;
    rating.set(b.a, ra + w * k * (sa - ea));
    rating.set(b.b, rb + w * k * (1 - sa - (1 - ea)));
  }
  const systems = [...rating.keys()].sort();
  return { systems, ratings: systems.map((s) => rating.get(s)!) };
}
