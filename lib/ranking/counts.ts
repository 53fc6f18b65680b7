import type { Battle, CountCell, CountRow, OutcomeCounts } from "./types";
import { OUTCOMES } from "./types";

/** Outcome → index 0..3 (order of `OUTCOMES`), or -1 for anything else (own-property check, no prototype keys). */
function outcomeIndex(o: unknown): number {
  switch (o) {
    case "a":
      return 0;
    case "b":
      return 1;
    case "tie":
      return 2;
    case "bothbad":
      return 3;
    default:
      return -1;
  }
}

/**
 * Accumulates (a, b, outcome) cells under integer keys: systems get first-seen indices (one Map<string, number>
 * lookup per side), ordered pairs get a slot through one Map<number, number> per first system, and each slot holds
 * 4 outcome counters. No string is built per battle.
 */
class CellAccumulator {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly rows: Map<number, number>[] = [];
  private count: number[] = [];
  private weight: number[] = [];
  private slotA: number[] = [];
  private slotB: number[] = [];

  constructor(extraSystems: string[]) {
    for (const s of extraSystems) this.system(s);
  }

  /** Index of a system name, registering it on first sight. */
  system(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(name, i);
      this.names.push(name);
      this.rows.push(new Map());
    }
    return i;
  }

  add(a: number, b: number, outcome: number, count: number, weight: number): void {
    const row = this.rows[a];
    let slot = row.get(b);
    if (slot === undefined) {
      slot = this.slotA.length;
      row.set(b, slot);
      this.slotA.push(a);
      this.slotB.push(b);
      this.count.push(0, 0, 0, 0);
      this.weight.push(0, 0, 0, 0);
    }
    this.count[4 * slot + outcome] += count;
    this.weight[4 * slot + outcome] += weight;
  }

  /** Systems sorted by name, cells with count > 0 sorted by (a, b, outcome index). */
  finish(total: number): OutcomeCounts {
    const order = this.names.map((_, i) => i).sort((x, y) => (this.names[x] < this.names[y] ? -1 : this.names[x] > this.names[y] ? 1 : 0));
    const rank = new Int32Array(order.length);
    order.forEach((old, i) => (rank[old] = i));
    const systems = order.map((i) => this.names[i]);
    const slots = this.slotA.map((_, k) => k).sort((x, y) => rank[this.slotA[x]] - rank[this.slotA[y]] || rank[this.slotB[x]] - rank[this.slotB[y]]);
    const cells: CountCell[] = [];
    for (const k of slots) {
      for (let o = 0; o < 4; o++) {
        const c = this.count[4 * k + o];
        if (c > 0) cells.push({ a: rank[this.slotA[k]], b: rank[this.slotB[k]], outcome: OUTCOMES[o], count: c, weight: this.weight[4 * k + o] });
      }
    }
    return { systems, cells, battles: total };
  }
}

/**
 * Reduces battles to unique (a, b, outcome) counts: count = #battles in the cell, weight = Σ weights (default 1).
 * Systems are sorted by name, so the result does not depend on input order. Cost O(#battles) with integer keys
 * (see `CellAccumulator`), memory O(#cells). `extraSystems` adds systems that have no battles (they are reported as
 * isolated by the fits).
 */
export function reduceToCounts(battles: Iterable<Battle>, extraSystems: string[] = []): OutcomeCounts {
  const acc = new CellAccumulator(extraSystems);
  let total = 0;
  for (const bt of battles) {
    const o = outcomeIndex(bt.outcome);
    if (o < 0) throw new Error(`unknown outcome "${String(bt.outcome)}"`);
    if (bt.a === bt.b) throw new Error(`battle of "${bt.a}" against itself`);
    const w = bt.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`invalid weight ${w}`);
    acc.add(acc.system(bt.a), acc.system(bt.b), o, 1, w);
    total++;
  }
  return acc.finish(total);
}

/**
 * Builds `OutcomeCounts` from rows that are already counted (e.g. a database rollup `GROUP BY a, b, outcome`).
 * Rows with the same key are summed; weight defaults to count.
 */
export function countsFromRows(rows: CountRow[], extraSystems: string[] = []): OutcomeCounts {
  const acc = new CellAccumulator(extraSystems);
  let total = 0;
  for (const r of rows) {
    const o = outcomeIndex(r.outcome);
    if (o < 0) throw new Error(`unknown outcome "${String(r.outcome)}"`);
    if (!(r.count >= 0)) throw new Error(`invalid count ${r.count}`);
    if (r.a === r.b) throw new Error(`row of "${r.a}" against itself`);
    acc.add(acc.system(r.a), acc.system(r.b), o, r.count, r.weight ?? r.count);
    total += r.count;
  }
  return acc.finish(total);
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
