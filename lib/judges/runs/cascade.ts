/**
 * Cascades ("Trust or Escalate", Jung et al. 2025) over stored judge votes: no new calls. A judge's confidence on
 * a battle is the self-consistency of its newest canonical verdicts in the two orders (core `selfConsistency`;
 * `bothbad` counts as tie), so each judge must have been run on the battles first.
 *
 * The human label of a battle is the plurality of its human votes (ties between the leaders → tie). Human-voted
 * battles are split deterministically by FNV-1a(battle id): `calibrationShare` of them calibrate the thresholds
 * (core `calibrateCascade`: trusted verdicts agree with humans at rate ≥ 1 − α with probability ≥ 1 − δ), the
 * rest are held out to report coverage and achieved agreement (core `evaluateCascade`). The report is saved as
 * a completed JudgeRun of the first judge (label "cascade", `selection.cascade`), shown on its run page.
 */
import { calibrateCascade, evaluateCascade, fnv1a, selfConsistency, type CascadeItem, type CascadeReport, type Side } from "@/lib/judges/core";
import { notFound, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CascadeInput } from "@/lib/validation/judges";
import { findJudgeIdsBySlugs } from "@/lib/judges/configs/queries";
import { findPromptSetBySlug } from "./queries";
import { findHumanVotes, findJudgeVotesOn, insertCompletedRun } from "./queries-cascade";

export interface CascadeResult {
  runId: number;
  judges: string[];
  alpha: number;
  delta: number;
  calibrationBattles: number;
  heldOutBattles: number;
  stages: Array<{ judge: string; threshold: number | null }>;
  heldOut: CascadeReport;
  calibration: CascadeReport;
}

const side = (o: string): Side => (o === "A" || o === "B" ? o : "tie");

function plurality(votes: Side[]): Side {
  const c = { A: 0, B: 0, tie: 0 };
  for (const v of votes) c[v]++;
  const max = Math.max(c.A, c.B, c.tie);
  const leaders = (["A", "B", "tie"] as const).filter((s) => c[s] === max);
  return leaders.length === 1 ? leaders[0] : "tie";
}

export async function runCascadeReport(input: CascadeInput): Promise<CascadeResult> {
  const found = await findJudgeIdsBySlugs(input.judges);
  const missing = input.judges.filter((s) => !found.some((f) => f.slug === s));
  if (missing.length) throw notFound(`judge(s) ${missing.join(", ")}`);
  const ids = input.judges.map((s) => found.find((f) => f.slug === s)!.id);
  const promptSetId = input.set ? (await findPromptSetBySlug(input.set))?.id : undefined;
  if (input.set && promptSetId === undefined) throw notFound(`prompt set "${input.set}"`);

  const humans = new Map<number, Side[]>();
  for (const v of await findHumanVotes(promptSetId)) humans.set(v.battleId, [...(humans.get(v.battleId) ?? []), side(v.outcome)]);
  const battleIds = [...humans.keys()].sort((a, b) => a - b);
  if (battleIds.length === 0) throw unprocessable("no battles with human votes in this selection");

  // newest verdict per (judge, battle, order)
  const verdicts = new Map<string, Side>();
  for (const v of await findJudgeVotesOn(ids, battleIds)) {
    const k = `${v.judgeId}:${v.battleId}:${v.shownLeft}`;
    if (!verdicts.has(k)) verdicts.set(k, side(v.outcome));
  }
  const item = (battleId: number): CascadeItem => ({
    human: plurality(humans.get(battleId) ?? []),
    stages: ids.map((j) => selfConsistency([verdicts.get(`${j}:${battleId}:A`) ?? null, verdicts.get(`${j}:${battleId}:B`) ?? null])),
  });
  const cut = Math.round(input.calibrationShare * 1000);
  const cal: CascadeItem[] = [];
  const held: CascadeItem[] = [];
  for (const b of battleIds) (fnv1a(`cascade:${b}`) % 1000 < cut ? cal : held).push(item(b));

  const calibrations = calibrateCascade(cal, { alpha: input.alpha, delta: input.delta });
  const thresholds = calibrations.map((c) => c.threshold);
  const result = {
    judges: input.judges,
    alpha: input.alpha,
    delta: input.delta,
    calibrationBattles: cal.length,
    heldOutBattles: held.length,
    stages: input.judges.map((judge, i) => ({ judge, threshold: thresholds[i] ?? null })),
    heldOut: evaluateCascade(held, thresholds),
    calibration: evaluateCascade(cal, thresholds),
  };
  const json = JSON.parse(JSON.stringify(result, (_k, v: unknown) => (typeof v === "number" && Number.isNaN(v) ? null : v))) as Prisma.InputJsonValue;
  const runId = await insertCompletedRun(ids[0], "cascade", { cascade: json, set: input.set ?? null } as Prisma.InputJsonValue);
  return { runId, ...result };
}
