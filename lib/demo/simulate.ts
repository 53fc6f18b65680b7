/**
 * # Demo vote simulation (known-truth fixture)
 *
 * `simulateDemoVotes(seed = DEMO_SEED)` produces battles, crowd votes and judge votes on the demo answers.
 * Everything is a deterministic function of `seed` (and of the fixed answers, which use `DEMO_ANSWER_SEED`).
 *
 * ## Battles
 * For each of the 60 prompts, in prompt order, all 15 pairs of the 6 systems, in canonical order
 * (systemA.slug < systemB.slug, pairs enumerated i < j over `demoSystems`, which is sorted by slug): 900 battles.
 * A battle covers the whole conversation (every turn of both answers).
 *
 * ## Features (ground truth per system X and prompt p; see `model.ts`)
 * - R_X: `trueStrength` (400-point scale).
 * - bad_X,p: any turn of X's answer is wrong or a refusal.
 * - q_X,p = 150·(share of X's prompts that are bad − bad_X,p): a true per-answer quality effect, re-centred so it
 *   averages exactly 0 over prompts for every system (R_X stays the system's mean strength).
 * - h_X,p, l_X,p, b_X,p: header lines, list items and bold spans over all turns, outside code fences
 *   (`countMarkdown`); m_X,p = h + l + b. They vary within each system: every answer is rendered "plain", "light"
 *   or "full" (`DemoFormat`, drawn per system and prompt with the shares in `DEMO_STYLE_BEHAVIOUR.format`;
 *   markdown-heavy 80% formatted, strong-all-round and verbose 35%, often-wrong and refuses-often 20%,
 *   terse-correct 10%), with the same words, so formatting is not a proxy for content or system.
 * - t_X,p: tokens over all turns (`approxTokens`); len_X,p: characters over all turns.
 *
 * ## Crowd votes (stream `createRng(seed)`)
 * Per battle, in order: k voters with P(k = 1, 2, 3, 4) = 0.3, 0.35, 0.2, 0.15 (one uniform), drawn uniformly
 * without replacement from the 40 voters "demo-voter-01" … "demo-voter-40" (k uniforms). Per vote, in order:
 * shownLeft "a" or "b" with probability ½ each; then the outcome; then time to vote; then createdAt.
 * - Crowd effective difference: Δ = (R_A + q_A) − (R_B + q_B) + Σ_f β_f·s_f over the features Chatbot Arena's
 *   style control uses, with s_f = (f_A − f_B)/(f_A + f_B + 1) and (`DEMO_CROWD_MODEL.styleBeta`, rating points)
 *   β_headers = 60, β_listItems = 50, β_bold = 40 (Σ 150: a fully formatted answer against a plain one gains
 *   ≈ 120 points, the markdown-heavy system on average about as much as under the old single effect 120·s_m) and
 *   a small length effect β_tokens = 20 on s_t. The crowd thus favours formatted (and slightly longer) answers
 *   beyond their strength, whichever system wrote them; since formatting varies within systems, style control
 *   can tell that apart from strength (`style-control.test.ts`). No position bias.
 * - Outcome: "bothbad" with probability 0.02 / 0.06 / 0.45 when 0 / 1 / 2 answers are bad; otherwise a
 *   Davidson draw with ν = 0.35: π = 10^(Δ/400), P(a) = π/(π+1+ν√π), P(b) = 1/(…), P(tie) = ν√π/(…), so
 *   P(A beats B | not tie) = 1/(1 + 10^(−Δ/400)) exactly (Bradley–Terry).
 * - Outliers: demo-voter-07 votes at random ("a" 45%, "b" 45%, "tie" 10%) with median time to vote 2.5 s;
 *   demo-voter-23 is contrarian (uses −Δ, i.e. prefers the weaker answer). Everyone else follows the model.
 * - Time to vote: log-normal, median 8000 ms + 60 ms × (tokens of both answers), log-SD 0.5.
 * - createdAt: uniform over the 30 days before `now` (default `DEMO_REFERENCE_TIME`), whole seconds.
 * Votes are then sorted by createdAt (ties by battle order) and numbered "demo-vote-0001", ….
 *
 * ## Judge votes (stream `createRng(hashString(`${seed}|${judge.slug}`))` per judge)
 * Each judge votes on every battle twice, shownLeft "a" (canonical order) then "b" (swapped): 1,800 votes.
 * Per vote: one uniform for the position pick; with probability positionPickProb the verdict is the
 * first-shown side. Otherwise Δ_J = (R_A + q_A) − (R_B + q_B) + λ·log2(len_A/len_B) ± positionBonus (+ for the
 * side shown first) + noiseSd·N(0,1), and the outcome is drawn like the crowd's with the judge's ν and
 * both-bad table. No style (markdown) effect and no explicit self-preference for either judge. Parameters
 * (`DEMO_JUDGES`): fair: noise 40, position bonus +15, no position pick, λ = 0, ν = 0.25, both-bad
 * 0.01/0.05/0.6. Biased: noise 60, no bonus, position pick 30%, λ = 150 per doubling, ν = 0.15, both-bad
 * 0.01/0.03/0.3. Tokens: prompt = 180 + prompt turns + both answers; completion = rationale tokens.
 * Latency = baseMs + prompt × perPromptTokenMs + completion × perCompletionTokenMs, × (1 + 0.1·N(0,1)).
 * Judge runs are sequential: the fair judge starts 2 days before `now`, the biased one 1 day before; each
 * vote's createdAt is the previous one plus its latency, so votes are in time order.
 */
import { createRng, type Rng } from "../random";
import { DEMO_JUDGES, type DemoJudgeConfig } from "./judges";
import {
  DEMO_CROWD_MODEL,
  DEMO_OUTLIER_VOTERS,
  DEMO_REFERENCE_TIME,
  DEMO_SEED,
  crowdStyleEffect,
  drawOutcome,
  getDemoFeatures,
  promptTokens,
  type DemoAnswerFeatures,
} from "./model";
import { demoPromptSources } from "./prompts";
import { demoRationale } from "./rationale";
import { demoSystems, getDemoSystem } from "./systems";
import { approxTokens, hashString } from "./text";
import type { DemoBattle, DemoJudgeVote, DemoOutcome, DemoShownLeft, DemoSimulation, DemoVote } from "./types";

export { DEMO_SEED, DEMO_REFERENCE_TIME };

/** Options of `simulateDemoVotes`. */
export interface DemoSimulationOptions {
  /** End of the simulated 30-day window (default `DEMO_REFERENCE_TIME`, fixed for determinism). */
  now?: Date;
}

const DAY_MS = 86_400_000;

/** All demo voter ids, "demo-voter-01" … "demo-voter-40". */
export function demoVoterIds(): string[] {
  return Array.from({ length: DEMO_CROWD_MODEL.voterCount }, (_, i) => `demo-voter-${String(i + 1).padStart(2, "0")}`);
}

/** The 900 demo battles: every prompt × every canonical pair of systems. */
export function demoBattles(): DemoBattle[] {
  const battles: DemoBattle[] = [];
  for (const prompt of demoPromptSources) {
    for (let i = 0; i < demoSystems.length; i++) {
      for (let j = i + 1; j < demoSystems.length; j++) {
        const a = demoSystems[i].slug;
        const b = demoSystems[j].slug;
        battles.push({ id: `demo-battle-${prompt.externalId}-${a}-vs-${b}`, promptExternalId: prompt.externalId, systemA: a, systemB: b });
      }
    }
  }
  return battles;
}

/** Ground-truth strength difference (R_A + q_A) − (R_B + q_B) of a battle, without any bias. */
export function trueDelta(battle: DemoBattle): number {
  const fa = getDemoFeatures(battle.systemA, battle.promptExternalId);
  const fb = getDemoFeatures(battle.systemB, battle.promptExternalId);
  return getDemoSystem(battle.systemA).trueStrength + fa.quality - (getDemoSystem(battle.systemB).trueStrength + fb.quality);
}

/** The crowd's effective difference Δ = trueDelta + Σ_f β_f·s_f (style effect, `crowdStyleEffect`). */
export function crowdDelta(battle: DemoBattle): number {
  const fa = getDemoFeatures(battle.systemA, battle.promptExternalId);
  const fb = getDemoFeatures(battle.systemB, battle.promptExternalId);
  return trueDelta(battle) + crowdStyleEffect(fa, fb);
}

function badCount(fa: DemoAnswerFeatures, fb: DemoAnswerFeatures): 0 | 1 | 2 {
  return ((fa.bad ? 1 : 0) + (fb.bad ? 1 : 0)) as 0 | 1 | 2;
}

function drawVoterCount(rng: Rng): number {
  const u = rng.next();
  let acc = 0;
  const w = DEMO_CROWD_MODEL.votersPerBattleWeights;
  for (let k = 0; k < w.length; k++) {
    acc += w[k];
    if (u < acc) return k + 1;
  }
  return w.length;
}

function sampleVoters(rng: Rng, voters: readonly string[], k: number): string[] {
  const pool = [...voters];
  const chosen: string[] = [];
  for (let i = 0; i < k; i++) chosen.push(pool.splice(rng.int(pool.length), 1)[0]);
  return chosen;
}

function simulateCrowd(rng: Rng, battles: readonly DemoBattle[], voters: readonly string[], now: Date): DemoVote[] {
  const m = DEMO_CROWD_MODEL;
  const drafts: { order: number; vote: Omit<DemoVote, "id"> }[] = [];
  battles.forEach((battle, battleIndex) => {
    const fa = getDemoFeatures(battle.systemA, battle.promptExternalId);
    const fb = getDemoFeatures(battle.systemB, battle.promptExternalId);
    const delta = crowdDelta(battle);
    const chosen = sampleVoters(rng, voters, drawVoterCount(rng));
    for (const voterId of chosen) {
      const shownLeft: DemoShownLeft = rng.next() < 0.5 ? "a" : "b";
      const kind = DEMO_OUTLIER_VOTERS[voterId];
      let outcome: DemoOutcome;
      if (kind === "random") {
        const u = rng.next();
        rng.next(); // keep two uniforms per outcome, like drawOutcome
        outcome = u < 0.45 ? "a" : u < 0.9 ? "b" : "tie";
      } else {
        outcome = drawOutcome(rng, kind === "contrarian" ? -delta : delta, m.tieNu, m.bothBad, badCount(fa, fb));
      }
      const median = kind === "random" ? m.timeToVote.randomVoterMedianMs : m.timeToVote.baseMs + m.timeToVote.perTokenMs * (fa.tokens + fb.tokens);
      const timeToVoteMs = Math.round(median * Math.exp(m.timeToVote.sigma * rng.normal()));
      const offsetSec = Math.floor(rng.next() * m.spreadDays * 86_400);
      const createdAt = new Date(now.getTime() - m.spreadDays * DAY_MS + offsetSec * 1000);
      drafts.push({ order: battleIndex, vote: { battleId: battle.id, voterId, shownLeft, outcome, timeToVoteMs, createdAt } });
    }
  });
  drafts.sort((x, y) => x.vote.createdAt.getTime() - y.vote.createdAt.getTime() || x.order - y.order);
  return drafts.map((d, i) => ({ id: `demo-vote-${String(i + 1).padStart(4, "0")}`, ...d.vote }));
}

function simulateJudge(judge: DemoJudgeConfig, judgeIndex: number, seed: number, battles: readonly DemoBattle[], now: Date): DemoJudgeVote[] {
  const rng = createRng(hashString(`${seed}|${judge.slug}`));
  const votes: DemoJudgeVote[] = [];
  let clock = now.getTime() - (2 - judgeIndex) * DAY_MS;
  for (const battle of battles) {
    const fa = getDemoFeatures(battle.systemA, battle.promptExternalId);
    const fb = getDemoFeatures(battle.systemB, battle.promptExternalId);
    for (const shownLeft of ["a", "b"] as const) {
      const positionPick = rng.next() < judge.positionPickProb;
      let outcome: DemoOutcome;
      if (positionPick) {
        outcome = shownLeft;
      } else {
        const delta =
          trueDelta(battle) +
          judge.lengthBonusPerDoubling * Math.log2(fa.chars / fb.chars) +
          judge.positionBonus * (shownLeft === "a" ? 1 : -1) +
          judge.noiseSd * rng.normal();
        outcome = drawOutcome(rng, delta, judge.tieNu, judge.bothBad, badCount(fa, fb));
      }
      const rationale = demoRationale({
        outcome,
        shownLeft,
        featuresA: fa,
        featuresB: fb,
        positionPick,
        lengthBiased: judge.lengthBonusPerDoubling > 0,
        pick: rng.int(1000),
      });
      const inTokens = 180 + promptTokens(battle.promptExternalId) + fa.tokens + fb.tokens;
      const outTokens = approxTokens(rationale);
      const l = judge.latency;
      const latencyMs = Math.max(
        l.baseMs,
        Math.round((l.baseMs + inTokens * l.perPromptTokenMs + outTokens * l.perCompletionTokenMs) * (1 + 0.1 * rng.normal())),
      );
      clock += latencyMs;
      votes.push({
        id: `${judge.slug}-${String(votes.length + 1).padStart(4, "0")}`,
        judgeSlug: judge.slug,
        battleId: battle.id,
        shownLeft,
        outcome,
        rationale,
        promptTokens: inTokens,
        completionTokens: outTokens,
        latencyMs,
        createdAt: new Date(clock),
      });
    }
  }
  return votes;
}

/**
 * Simulate the demo's battles, crowd votes and judge votes for a seed (see the model above).
 * The same seed (and `now`) always gives identical results.
 */
export function simulateDemoVotes(seed: number = DEMO_SEED, options: DemoSimulationOptions = {}): DemoSimulation {
  const now = options.now ?? DEMO_REFERENCE_TIME;
  const battles = demoBattles();
  const voters = demoVoterIds();
  const crowdVotes = simulateCrowd(createRng(seed), battles, voters, now);
  const judgeVotes = DEMO_JUDGES.flatMap((judge, i) => simulateJudge(judge, i, seed, battles, now));
  return { seed, battles, crowdVotes, judgeVotes, voters };
}
