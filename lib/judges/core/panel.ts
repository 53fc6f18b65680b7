/**
 * Panels of LLM judges ("PoLL", Verga et al. 2024, "Replacing Judges with Juries"): combine the stored canonical
 * verdicts of member judges on one battle. Pure function; members that abstained (verdict null) are left out.
 *
 * Methods:
 * - `majority`: each member casts one vote for A, B or tie; the option with the most votes wins (plurality).
 * - `mean`: each vote is scored and averaged. Scale `ternary`: A = +1, tie = 0, B = −1. Scale `five-level`
 *   (Arena-Hard labels): A>>B = +2, A>B = +1, A=B = 0, B>A = −1, B>>A = −2. Mean > 0 → A, < 0 → B, = 0 → tie.
 *   Scores are integers so the mean is compared through the exact integer sum (no float epsilon).
 *
 * Undecided outcomes and the tie-break rule (`tieBreak`):
 * - majority is undecided when two or more options share the top vote count;
 * - mean is undecided when the sum is 0 while at least one member voted for a side (members disagree).
 * With `tieBreak: "tie"` (default) an undecided panel returns tie. With `tieBreak: "priority"` it defers to the
 * highest-priority member (largest `priority`, then earliest in the list) — for majority, among members who voted
 * for one of the tied leading options; for mean, among all voting members.
 */
import type { Side, Strength } from "./grammar";

export interface PanelVote {
  memberId: string;
  /** Canonical verdict, or null when the member abstained / failed. */
  verdict: Side | null;
  /** 3 for a strong preference (used by the five-level mean), 1 otherwise. */
  strength?: Strength;
  /** Higher = more trusted, used by `tieBreak: "priority"`. Default 0. */
  priority?: number;
}

export interface PanelOptions {
  method: "majority" | "mean";
  /** Scale for `mean` (default `ternary`). */
  scale?: "ternary" | "five-level";
  tieBreak?: "tie" | "priority";
}

export interface PanelResult {
  /** Null when no member voted. */
  verdict: Side | null;
  votes: { A: number; B: number; tie: number };
  /** Mean score for `mean` (NaN for `majority` or when nobody voted). */
  meanScore: number;
  /** True when the tie-break rule decided. */
  tieBroken: boolean;
  /** Member whose verdict was adopted by the priority tie-break. */
  decidedBy?: string;
  /** Share of voting members who agree with the panel verdict (0 when no votes). */
  agreement: number;
}

/** Score of one vote on a scale (see module docs). */
export function voteScore(v: PanelVote, scale: "ternary" | "five-level"): number {
  if (v.verdict === null || v.verdict === "tie") return 0;
  const mag = scale === "five-level" && v.strength === 3 ? 2 : 1;
  return v.verdict === "A" ? mag : -mag;
}

function topPriority(votes: PanelVote[]): PanelVote | undefined {
  let best: PanelVote | undefined;
  for (const v of votes) if (best === undefined || (v.priority ?? 0) > (best.priority ?? 0)) best = v;
  return best;
}

/** Aggregates member verdicts on one battle (see module docs for the exact rules). */
export function aggregatePanel(members: PanelVote[], opts: PanelOptions): PanelResult {
  const voting = members.filter((m) => m.verdict !== null);
  const votes = { A: 0, B: 0, tie: 0 };
  for (const m of voting) votes[m.verdict as Side]++;
  const finish = (verdict: Side | null, extra: Partial<PanelResult>): PanelResult => ({
    verdict,
    votes,
    meanScore: Number.NaN,
    tieBroken: false,
    agreement: verdict === null || voting.length === 0 ? 0 : votes[verdict] / voting.length,
    ...extra,
  });
  if (voting.length === 0) return finish(null, {});
  const tieBreak = opts.tieBreak ?? "tie";

  if (opts.method === "majority") {
    const max = Math.max(votes.A, votes.B, votes.tie);
    const leaders = (["A", "B", "tie"] as const).filter((s) => votes[s] === max);
    if (leaders.length === 1) return finish(leaders[0], {});
    if (tieBreak === "tie") return finish("tie", { tieBroken: true });
    const chosen = topPriority(voting.filter((m) => leaders.includes(m.verdict as Side)));
    return finish(chosen?.verdict ?? "tie", { tieBroken: true, decidedBy: chosen?.memberId });
  }

  const scale = opts.scale ?? "ternary";
  const sum = voting.reduce((acc, m) => acc + voteScore(m, scale), 0);
  const meanScore = sum / voting.length;
  if (sum > 0) return finish("A", { meanScore });
  if (sum < 0) return finish("B", { meanScore });
  const disagree = voting.some((m) => m.verdict !== "tie");
  if (!disagree || tieBreak === "tie") return finish("tie", { meanScore, tieBroken: disagree });
  const chosen = topPriority(voting);
  return finish(chosen?.verdict ?? "tie", { meanScore, tieBroken: true, decidedBy: chosen?.memberId });
}
