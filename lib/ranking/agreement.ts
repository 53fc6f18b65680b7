import type { Outcome } from "./types";

/** One pairwise vote on a prompt, as shown (a first). `voter` identifies a human annotator (for the alt-test). */
export interface Vote {
  prompt: string | number;
  a: string;
  b: string;
  outcome: Outcome;
  turn?: number;
  voter?: string;
}

/** Canonical verdict on an unordered pair: the winning system's name, or "tie" (both-bad counts as a tie). */
export type Canonical = string;

/** Canonical outcome of a vote: winner name or "tie" (MT-Bench, both-bad = tie). */
export function canonical(v: Vote): Canonical {
  return v.outcome === "a" ? v.a : v.outcome === "b" ? v.b : "tie";
}

/** Key (prompt, unordered system pair, turn) used by MT-Bench agreement. */
export function voteKey(v: Vote): string {
  const [x, y] = v.a < v.b ? [v.a, v.b] : [v.b, v.a];
  return `${String(v.prompt)}\u0000${x}\u0000${y}\u0000${v.turn ?? 1}`;
}

function byKey(votes: Vote[]): Map<string, Vote[]> {
  const m = new Map<string, Vote[]>();
  for (const v of votes) {
    const k = voteKey(v);
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  }
  return m;
}

export interface AgreementResult {
  /** Share of equal canonical outcomes over all compared vote pairs. */
  withTies: number;
  /** Same share over comparisons where neither vote is a tie. */
  withoutTies: number;
  comparisons: number;
  comparisonsWithoutTies: number;
  /** Cohen's κ over the compared pairs, categories {lexically first system wins, second wins, tie}. */
  kappa: number;
}

function summarize(pairs: [Canonical, Canonical, string][]): AgreementResult {
  let eq = 0;
  let nt = 0;
  let eqNt = 0;
  const labels: [number, number][] = [];
  for (const [x, y, first] of pairs) {
    if (x === y) eq++;
    if (x !== "tie" && y !== "tie") {
      nt++;
      if (x === y) eqNt++;
    }
    const code = (c: Canonical): number => (c === "tie" ? 2 : c === first ? 0 : 1);
    labels.push([code(x), code(y)]);
  }
  return {
    withTies: pairs.length ? eq / pairs.length : NaN,
    withoutTies: nt ? eqNt / nt : NaN,
    comparisons: pairs.length,
    comparisonsWithoutTies: nt,
    kappa: cohensKappa(labels, 3),
  };
}

/**
 * Judge–human agreement, MT-Bench definition (Zheng et al. 2023, "Judging LLM-as-a-Judge", §4.2 and FastChat
 * `llm_judge/compute_agreement.py`): votes keyed by (prompt, unordered pair, turn); every human vote on a key is
 * compared with every judge vote on that key (each order the judge saw counts separately), outcomes in canonical
 * terms. withTies = P(equal); withoutTies = P(equal | neither vote is a tie). Both-bad counts as a tie.
 */
export function judgeHumanAgreement(human: Vote[], judge: Vote[]): AgreementResult {
  const h = byKey(human);
  const j = byKey(judge);
  const pairs: [Canonical, Canonical, string][] = [];
  for (const [k, hv] of h) {
    const jv = j.get(k);
    if (!jv) continue;
    const first = k.split("\u0000")[1];
    for (const x of hv) for (const y of jv) pairs.push([canonical(x), canonical(y), first]);
  }
  return summarize(pairs);
}

/**
 * Human–human agreement, MT-Bench definition: on each key, every unordered pair of distinct human votes once;
 * same with/without-ties shares as `judgeHumanAgreement`.
 */
export function humanHumanAgreement(human: Vote[]): AgreementResult {
  const pairs: [Canonical, Canonical, string][] = [];
  for (const [k, hv] of byKey(human)) {
    const first = k.split("\u0000")[1];
    for (let i = 0; i < hv.length; i++) for (let j = i + 1; j < hv.length; j++) pairs.push([canonical(hv[i]), canonical(hv[j]), first]);
  }
  return summarize(pairs);
}

/**
 * Cohen's κ = (p_o − p_e)/(1 − p_e), p_o the observed agreement, p_e = Σ_c p_c^(1) p_c^(2) from the marginals
 * (Cohen 1960). `pairs` hold category codes 0..k−1 of the two raters; returns NaN when empty, 1 when p_e = 1 = p_o.
 */
export function cohensKappa(pairs: [number, number][], k: number): number {
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [x, y] of pairs) table[x][y]++;
  return cohensKappaFromTable(table);
}

/** Cohen's κ from a k × k contingency table (rows rater 1, columns rater 2). Cohen 1960. */
export function cohensKappaFromTable(table: number[][]): number {
  const k = table.length;
  let n = 0;
  let diag = 0;
  const row = new Array<number>(k).fill(0);
  const col = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      n += table[i][j];
      row[i] += table[i][j];
      col[j] += table[i][j];
      if (i === j) diag += table[i][j];
    }
  if (n === 0) return NaN;
  const po = diag / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (row[i] / n) * (col[i] / n);
  if (pe === 1) return po === 1 ? 1 : NaN;
  return (po - pe) / (1 - pe);
}

export interface PositionConsistency {
  /** Keys where the judge saw both orders. */
  pairs: number;
  /** Share of those keys with the same canonical verdict in both orders. */
  consistency: number;
  /** Share with different verdicts (these count as ties in `mergeOrders`). */
  inconsistent: number;
}

/**
 * Position consistency of a judge that saw both orders (Zheng et al. 2023 §3.3; Arena-Hard-Auto): on each key with
 * a vote for (a, b) and one for (b, a), the verdicts are consistent when their canonical outcomes are equal. With
 * several votes per order the first of each order is used.
 */
export function positionConsistency(judge: Vote[]): PositionConsistency {
  let pairs = 0;
  let same = 0;
  for (const vs of byKey(judge).values()) {
    const fwd = vs.find((v) => v.a < v.b);
    const rev = vs.find((v) => v.a > v.b);
    if (!fwd || !rev) continue;
    pairs++;
    if (canonical(fwd) === canonical(rev)) same++;
  }
  return { pairs, consistency: pairs ? same / pairs : NaN, inconsistent: pairs ? (pairs - same) / pairs : NaN };
}

/**
 * Merges a judge's two orders into one verdict per key: consistent verdicts are kept, inconsistent pairs become ties
 * (MT-Bench "inconsistent = tie" convention). Keys seen in one order only keep that vote. Output in canonical order.
 */
export function mergeOrders(judge: Vote[]): Vote[] {
  const out: Vote[] = [];
  for (const vs of byKey(judge).values()) {
    const fwd = vs.find((v) => v.a < v.b);
    const rev = vs.find((v) => v.a > v.b);
    const base = fwd ?? rev!;
    const [a, b] = base.a < base.b ? [base.a, base.b] : [base.b, base.a];
    let verdict: Canonical = canonical(base);
    if (fwd && rev && canonical(fwd) !== canonical(rev)) verdict = "tie";
    out.push({ prompt: base.prompt, turn: base.turn, a, b, outcome: verdict === a ? "a" : verdict === b ? "b" : "tie" });
  }
  return out;
}

/**
 * Outcome-class counts on one key (prompt, unordered pair, turn), in canonical classes relative to the key's first
 * system: [first wins, second wins, tie] (both-bad counts as a tie).
 */
export type ClassCounts = readonly [number, number, number];

/** One key's human and judge class counts (the judge's both shown orders added up); `keys` = how many keys share them (default 1). */
export interface KeyClassCounts {
  human: ClassCounts;
  judge: ClassCounts;
  keys?: number;
}

/** Class counts of human and judge votes per key (`voteKey`), class 0 = the lexically first system of the key. */
export function classCountsByKey(human: Vote[], judge: Vote[] = []): Map<string, { human: [number, number, number]; judge: [number, number, number] }> {
  const m = new Map<string, { human: [number, number, number]; judge: [number, number, number] }>();
  const add = (v: Vote, who: "human" | "judge") => {
    const k = voteKey(v);
    let t = m.get(k);
    if (!t) m.set(k, (t = { human: [0, 0, 0], judge: [0, 0, 0] }));
    const c = canonical(v);
    t[who][c === "tie" ? 2 : c === (v.a < v.b ? v.a : v.b) ? 0 : 1]++;
  };
  for (const v of human) add(v, "human");
  for (const v of judge) add(v, "judge");
  return m;
}

function fromTable(table: number[][], comparisons: number, eq: number, nt: number, eqNt: number): AgreementResult {
  return {
    withTies: comparisons ? eq / comparisons : NaN,
    withoutTies: nt ? eqNt / nt : NaN,
    comparisons,
    comparisonsWithoutTies: nt,
    kappa: cohensKappaFromTable(table),
  };
}

/**
 * `judgeHumanAgreement` from per-key class counts, without building the vote pairs (Zheng et al. 2023, "Judging
 * LLM-as-a-Judge with MT-Bench and Chatbot Arena", §4.2 and App. agreement definitions; FastChat
 * `compute_agreement.py`). With h_c, j_c the human and judge votes of class c ∈ {A, B, tie} on a key, H = Σ h_c,
 * J = Σ j_c (each order the judge saw counts as its own vote):
 *   withTies    = Σ_keys Σ_c h_c·j_c / Σ_keys H·J,
 *   withoutTies = Σ_keys (h_A·j_A + h_B·j_B) / Σ_keys (h_A + h_B)(j_A + j_B),
 *   κ           = Cohen's κ of the 3×3 table T[c][d] = Σ_keys h_c·j_d (rows human, columns judge).
 * Every human vote meets every judge vote on its key once, so these are exactly the pairwise counts of
 * `judgeHumanAgreement` (κ too, when class A is the key's lexically first system there).
 */
export function judgeHumanAgreementFromCounts(keys: Iterable<KeyClassCounts>): AgreementResult {
  const table = [0, 1, 2].map(() => [0, 0, 0]);
  let n = 0;
  let eq = 0;
  let nt = 0;
  let eqNt = 0;
  for (const { human: h, judge: j, keys: w = 1 } of keys) {
    for (let c = 0; c < 3; c++) for (let d = 0; d < 3; d++) table[c][d] += w * h[c] * j[d];
    n += w * (h[0] + h[1] + h[2]) * (j[0] + j[1] + j[2]);
    eq += w * (h[0] * j[0] + h[1] * j[1] + h[2] * j[2]);
    nt += w * (h[0] + h[1]) * (j[0] + j[1]);
    eqNt += w * (h[0] * j[0] + h[1] * j[1]);
  }
  return fromTable(table, n, eq, nt, eqNt);
}

const pairsOf = (x: number) => (x * (x - 1)) / 2;

/**
 * `humanHumanAgreement` from per-key human class counts (MT-Bench, as `judgeHumanAgreementFromCounts`): every
 * unordered pair of distinct human votes on a key once,
 *   withTies    = Σ_keys Σ_c C(h_c, 2) / Σ_keys C(H, 2),
 *   withoutTies = Σ_keys (C(h_A, 2) + C(h_B, 2)) / Σ_keys C(h_A + h_B, 2).
 * κ: Cohen's κ over both orders of every pair, T[c][c] = Σ h_c(h_c − 1), T[c][d] = Σ h_c·h_d (c ≠ d) — symmetric,
 * so it does not depend on which vote of a pair is "rater 1" (it equals Scott's π over the pairs). The pairwise
 * `humanHumanAgreement` takes the votes' list order for that and can differ in κ; the shares and counts are equal.
 */
export function humanHumanAgreementFromCounts(keys: Iterable<{ human: ClassCounts; keys?: number }>): AgreementResult {
  const table = [0, 1, 2].map(() => [0, 0, 0]);
  let n = 0;
  let eq = 0;
  let nt = 0;
  let eqNt = 0;
  for (const { human: h, keys: w = 1 } of keys) {
    for (let c = 0; c < 3; c++) for (let d = 0; d < 3; d++) table[c][d] += w * h[c] * (c === d ? h[c] - 1 : h[d]);
    n += w * pairsOf(h[0] + h[1] + h[2]);
    eq += w * (pairsOf(h[0]) + pairsOf(h[1]) + pairsOf(h[2]));
    nt += w * pairsOf(h[0] + h[1]);
    eqNt += w * (pairsOf(h[0]) + pairsOf(h[1]));
  }
  return fromTable(table, n, eq, nt, eqNt);
}
