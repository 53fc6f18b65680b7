/**
 * Outlier-voter flagging, after Chatbot Arena's anomalous-user detection (Chiang et al. 2024, §6 / App. "Detecting
 * anomalous users": compare each user's votes with the crowd's Bradley-Terry model and flag users whose votes are
 * improbable under it).
 *
 * Model: θ = Bradley-Terry strengths (natural log) fitted on all human decisive votes (ties count ½ each way) by
 * Hunter's MM algorithm (2004) with a ½-tie pseudo-count per observed pair so the fit always exists.
 * For voter u with decisive votes k = 1..n on pairs (a_k, b_k): p_k = σ(θ_a − θ_b),
 *   ℓ_k = log p_k if a won else log(1 − p_k);  mean log-likelihood  m_u = (1/n) Σ ℓ_k.
 * Under the null "u votes like the crowd model", each ℓ_k has E = p log p + q log q and
 * Var = p q (log p − log q)² (q = 1 − p), independent across votes, so
 *   z_u = (Σ ℓ_k − Σ E_k) / sqrt(Σ Var_k)  ≈ N(0, 1).
 * Flag when n ≥ minVotes (default 15) and z_u ≤ −zThreshold (default 3, one-sided p ≈ 0.0013; with a few hundred
 * voters that is ≲ 1 false flag). Two passes: after the first, θ is refitted without the flagged voters and every
 * voter is scored again, so a block of planted voters cannot drag the crowd model toward itself.
 * Ties and both-bad votes carry no direction and are not scored.
 */
export interface FlagVote {
  voterId: number;
  /** Canonical pair and outcome. */
  a: number;
  b: number;
  outcome: "A" | "B" | "tie" | "bothbad";
}

export interface FlagOptions {
  minVotes?: number;
  zThreshold?: number;
}

export interface VoterScore {
  voterId: number;
  /** Decisive votes scored. */
  n: number;
  meanLogLik: number;
  expectedMeanLogLik: number;
  z: number;
  flagged: boolean;
  reason: string | null;
}

/** Bradley-Terry strengths (natural log, mean 0) by MM. */
export function fitStrengths(votes: FlagVote[], iterations = 200): Map<number, number> {
  const ids = [...new Set(votes.flatMap((v) => [v.a, v.b]))].sort((x, y) => x - y);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const wins = new Float64Array(n);
  const games = new Map<string, number>();
  const add = (i: number, j: number, w: number) => {
    const k = i < j ? `${i}:${j}` : `${j}:${i}`;
    games.set(k, (games.get(k) ?? 0) + w);
  };
  for (const v of votes) {
    if (v.outcome === "bothbad") continue;
    const i = index.get(v.a)!;
    const j = index.get(v.b)!;
    if (v.outcome === "A") wins[i] += 1;
    else if (v.outcome === "B") wins[j] += 1;
    else {
      wins[i] += 0.5;
      wins[j] += 0.5;
    }
    add(i, j, 1);
  }
  // pseudo-count: one extra game per observed pair, half a win to each side
  const pairs = [...games.entries()].map(([k, g]) => {
    const [i, j] = k.split(":").map(Number);
    wins[i] += 0.5;
    wins[j] += 0.5;
    return { i, j, g: g + 1 };
  });
  let p = new Float64Array(n).fill(1);
  for (let it = 0; it < iterations; it++) {
    const denom = new Float64Array(n);
    for (const { i, j, g } of pairs) {
      const d = g / (p[i] + p[j]);
      denom[i] += d;
      denom[j] += d;
    }
    const next = new Float64Array(n);
    let logSum = 0;
    for (let i = 0; i < n; i++) {
      next[i] = denom[i] > 0 ? wins[i] / denom[i] : 1;
      logSum += Math.log(next[i]);
    }
    const scale = Math.exp(logSum / Math.max(1, n));
    for (let i = 0; i < n; i++) next[i] /= scale;
    p = next;
  }
  return new Map(ids.map((id, i) => [id, Math.log(p[i])]));
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function scoreVoters(votes: FlagVote[], theta: Map<number, number>, opts: FlagOptions = {}): VoterScore[] {
  const minVotes = opts.minVotes ?? 15;
  const zThreshold = opts.zThreshold ?? 3;
  const acc = new Map<number, { n: number; ll: number; e: number; v: number }>();
  for (const vote of votes) {
    if (vote.outcome !== "A" && vote.outcome !== "B") continue;
    const ta = theta.get(vote.a);
    const tb = theta.get(vote.b);
    if (ta === undefined || tb === undefined) continue;
    const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(ta - tb)));
    const q = 1 - p;
    const s = acc.get(vote.voterId) ?? { n: 0, ll: 0, e: 0, v: 0 };
    s.n += 1;
    s.ll += Math.log(vote.outcome === "A" ? p : q);
    s.e += p * Math.log(p) + q * Math.log(q);
    s.v += p * q * (Math.log(p) - Math.log(q)) ** 2;
    acc.set(vote.voterId, s);
  }
  return [...acc.entries()]
    .map(([voterId, s]) => {
      const z = s.v > 0 ? (s.ll - s.e) / Math.sqrt(s.v) : 0;
      const flagged = s.n >= minVotes && z <= -zThreshold;
      return {
        voterId,
        n: s.n,
        meanLogLik: s.ll / s.n,
        expectedMeanLogLik: s.e / s.n,
        z,
        flagged,
        reason: flagged
          ? `votes improbable under the crowd model: mean log-likelihood ${(s.ll / s.n).toFixed(3)} vs expected ${(s.e / s.n).toFixed(3)} over ${s.n} votes (z = ${z.toFixed(2)} ≤ −${zThreshold})`
          : null,
      };
    })
    .sort((x, y) => x.z - y.z);
}

/** Two-pass flagging (see the file comment). `theta` overrides the internal fit (e.g. the ranking engine's BT). */
export function flagVoters(votes: FlagVote[], opts: FlagOptions = {}, theta?: Map<number, number>): VoterScore[] {
  const first = scoreVoters(votes, theta ?? fitStrengths(votes), opts);
  if (theta) return first;
  const flagged = new Set(first.filter((s) => s.flagged).map((s) => s.voterId));
  if (flagged.size === 0) return first;
  const refit = fitStrengths(votes.filter((v) => !flagged.has(v.voterId)));
  return scoreVoters(votes, refit, opts);
}
