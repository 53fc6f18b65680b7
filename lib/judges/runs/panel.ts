/**
 * Panel runs (PoLL, Verga et al. 2024): a panel's votes are derived from its members' stored judge votes, no new
 * LLM calls. For each battle and shown order, each member's newest vote in that order is one panel vote
 * (canonical A / B / tie; `bothbad` counts as tie), aggregated by `aggregatePanel` under the panel's rule
 * (majority, or mean on the five-level scale). Tie-break rule: `priority` — an undecided panel follows its
 * highest-priority member (the first member listed when the panel was created). Orders where no member voted
 * produce no panel vote. The votes are stored in the panel's JudgeRun, so a panel ranks like any judge.
 */
import { aggregatePanel, type PanelVote } from "@/lib/judges/core";
import { findPanelMembers } from "@/lib/judges/configs/queries";
import type { Outcome, Side } from "@/lib/generated/prisma/client";
import { findMemberVotes, insertPanelVotesAndComplete } from "./queries-panel";

export async function materialisePanelRun(runId: number, panelId: number, rule: "majority" | "mean", battleIds: number[]): Promise<number> {
  const members = await findPanelMembers(panelId);
  const priority = new Map(members.map((m) => [m.memberId, m.priority]));
  const rows = await findMemberVotes(members.map((m) => m.memberId), battleIds);
  const groups = new Map<string, Map<number, PanelVote>>();
  for (const r of rows) {
    const key = `${r.battleId}:${r.shownLeft}`;
    const g = groups.get(key) ?? new Map<number, PanelVote>();
    groups.set(key, g);
    if (g.has(r.judgeId)) continue; // newest vote of this member in this order wins
    g.set(r.judgeId, {
      memberId: String(r.judgeId),
      verdict: r.outcome === "A" || r.outcome === "B" ? r.outcome : "tie",
      strength: r.strength === 3 ? 3 : 1,
      priority: priority.get(r.judgeId) ?? 0,
    });
  }
  const votes: Array<{ battleId: number; shownLeft: Side; outcome: Outcome; strength: number; rationale: string }> = [];
  for (const [key, g] of groups) {
    const [battleId, shownLeft] = key.split(":");
    const res = aggregatePanel([...g.values()], { method: rule, scale: "five-level", tieBreak: "priority" });
    if (res.verdict === null) continue;
    votes.push({
      battleId: Number(battleId),
      shownLeft: shownLeft as Side,
      outcome: res.verdict,
      strength: 1,
      rationale: `panel ${rule}: A ${res.votes.A}, B ${res.votes.B}, tie ${res.votes.tie}${res.tieBroken ? ` (tie broken${res.decidedBy ? ` by judge ${res.decidedBy}` : ""})` : ""}`,
    });
  }
  votes.sort((a, b) => a.battleId - b.battleId || a.shownLeft.localeCompare(b.shownLeft));
  return insertPanelVotesAndComplete(runId, panelId, votes);
}
