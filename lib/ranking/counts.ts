import type { Battle, CountCell, CountRow, OutcomeCounts, Outcome } from "./types";
import { OUTCOMES } from "./types";

const OUTCOME_INDEX: Record<Outcome, number> = { a: 0, b: 1, tie: 2, bothbad: 3 };

/**
 * Reduces battles to unique (a, b, outcome) counts: count = #battles in the cell, weight = Σ weights (default 1).
 * Systems are sorted by name, so the result does not depend on input order. Cost O(#battles), memory O(#cells).
 * `extraSystems` adds systems that have no battles (they are reported as isolated by the fits).
 */
export function reduceToCounts(battles: Iterable<Battle>, extraSystems: string[] = []): OutcomeCounts {
  const byKey = new Map<string, { a: string; b: string; outcome: Outcome; count: number; weight: number }>();
  const names = new Set<string>(extraSystems);
  let total = 0;
  for (const bt of battles) {
    if (!(bt.outcome in OUTCOME_INDEX)) throw new Error(`unknown outcome "${String(bt.outcome)}"`);
    if (bt.a === bt.b) throw new Error(`battle of "${bt.a}" against itself`);
    const w = bt.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`invalid weight ${w}`);
    const key = `${bt.a}\u0000${bt.b}\u0000${bt.outcome}`;
    const cell = byKey.get(key);
    if (cell) {
      cell.count++;
      cell.weight += w;
    } else {
      byKey.set(key, { a: bt.a, b: bt.b, outcome: bt.outcome, count: 1, weight: w });
      names.add(bt.a);
      names.add(bt.b);
    }
    total++;
  }
  return fromNamedCells([...byKey.values()], names, total);
}

/**
 * Builds `OutcomeCounts` from rows that are already counted (e.g. a database rollup `GROUP BY a, b, outcome`).
 * Rows with the same key are summed.
 */
export function countsFromRows(rows: CountRow[], extraSystems: string[] = []): OutcomeCounts {
  const byKey = new Map<string, { a: string; b: string; outcome: Outcome; count: number; weight: number }>();
  const names = new Set<string>(extraSystems);
  let total = 0;
  for (const r of rows) {
    if (!(r.outcome in OUTCOME_INDEX)) throw new Error(`unknown outcome "${String(r.outcome)}"`);
    if (!(r.count >= 0)) throw new Error(`invalid count ${r.count}`);
    if (r.a === r.b) throw new Error(`row of "${r.a}" against itself`);
    const key = `${r.a}\u0000${r.b}\u0000${r.outcome}`;
    const w = r.weight ?? r.count;
    const cell = byKey.get(key);
    if (cell) {
      cell.count += r.count;
      cell.weight += w;
    } else byKey.set(key, { a: r.a, b: r.b, outcome: r.outcome, count: r.count, weight: w });
    names.add(r.a);
    names.add(r.b);
    total += r.count;
  }
  return fromNamedCells([...byKey.values()], names, total);
}

function fromNamedCells(
  named: { a: string; b: string; outcome: Outcome; count: number; weight: number }[],
  names: Set<string>,
  total: number,
): OutcomeCounts {
  const systems = [...names].sort();
  const index = new Map(systems.map((s, i) => [s, i]));
  const cells: CountCell[] = named
    .filter((c) => c.count > 0)
    .map((c) => ({ a: index.get(c.a)!, b: index.get(c.b)!, outcome: c.outcome, count: c.count, weight: c.weight }))
    .sort((x, y) => x.a - y.a || x.b - y.b || OUTCOME_INDEX[x.outcome] - OUTCOME_INDEX[y.outcome]);
  return { systems, cells, battles: total };
}

/**
 * Unordered-pair table for Bradley–Terry: for each pair i < j with battles, three categories
 * (0: i wins, 1: j wins, 2: tie or both-bad). Merging cells that the BT likelihood cannot tell apart (shown order,
 * tie vs both-bad) keeps the multinomial bootstrap exact, since a multinomial's merged cells are again multinomial.
 */
export interface PairTable {
  n: number;
  pi: Int32Array;
  pj: Int32Array;
  /** Raw battle counts, 3 per pair. */
  count: Float64Array;
  /** Weight sums, 3 per pair. */
  weight: Float64Array;
}

/** Builds the `PairTable` of a count set. */
export function pairTable(counts: OutcomeCounts): PairTable {
  const n = counts.systems.length;
  const slot = new Map<number, number>();
  const pi: number[] = [];
  const pj: number[] = [];
  const cnt: number[] = [];
  const wt: number[] = [];
  for (const c of counts.cells) {
    const i = Math.min(c.a, c.b);
    const j = Math.max(c.a, c.b);
    const key = i * n + j;
    let k = slot.get(key);
    if (k === undefined) {
      k = pi.length;
      slot.set(key, k);
      pi.push(i);
      pj.push(j);
      cnt.push(0, 0, 0);
      wt.push(0, 0, 0);
    }
    let cat: number;
    if (c.outcome === "a") cat = c.a === i ? 0 : 1;
    else if (c.outcome === "b") cat = c.b === i ? 0 : 1;
    else cat = 2;
    cnt[3 * k + cat] += c.count;
    wt[3 * k + cat] += c.weight;
  }
  return { n, pi: Int32Array.from(pi), pj: Int32Array.from(pj), count: Float64Array.from(cnt), weight: Float64Array.from(wt) };
}

/** Per-system raw tallies: battles, wins, losses, ties (ties include both-bad). */
export interface SystemTally {
  battles: number;
  wins: number;
  losses: number;
  ties: number;
}

/** Raw per-system tallies from counts (unweighted battle numbers). */
export function tallies(counts: OutcomeCounts): SystemTally[] {
  const t: SystemTally[] = counts.systems.map(() => ({ battles: 0, wins: 0, losses: 0, ties: 0 }));
  for (const c of counts.cells) {
    t[c.a].battles += c.count;
    t[c.b].battles += c.count;
    if (c.outcome === "a") {
      t[c.a].wins += c.count;
      t[c.b].losses += c.count;
    } else if (c.outcome === "b") {
      t[c.b].wins += c.count;
      t[c.a].losses += c.count;
    } else {
      t[c.a].ties += c.count;
      t[c.b].ties += c.count;
    }
  }
  return t;
}

/** Keeps only the given systems' battles (both sides in `keep`). */
export function filterCounts(counts: OutcomeCounts, keep: (system: string) => boolean): OutcomeCounts {
  const rows: CountRow[] = counts.cells
    .filter((c) => keep(counts.systems[c.a]) && keep(counts.systems[c.b]))
    .map((c) => ({ a: counts.systems[c.a], b: counts.systems[c.b], outcome: c.outcome, count: c.count, weight: c.weight }));
  return countsFromRows(rows);
}

export { OUTCOMES };
