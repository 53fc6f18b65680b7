/**
 * Baseline judges ("longer answer wins", "random") with one completed run over a prompt set, written directly
 * (no worker, no network): each task is judged by the worker's own database-free `judgeTask`, so the stored
 * votes are exactly what a worker run of the same judge would store. Used by the demo seed so the judge pages
 * show baselines offline. Idempotent: judges by slug, the run by label, tasks and votes by their unique keys.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BUILTIN_TEMPLATES } from "@/lib/judges/core";
import { judgeParams } from "@/lib/judges/configs/template";
import { findBattleInputs, type ClaimedTask } from "@/lib/judges/worker/queries";
import { judgeTask, type RunContext } from "@/lib/judges/worker/task";
import { createCompletedRun, findRunByLabel, findSetBattleIds, insertTasksAndVotes, upsertBaselineJudge } from "./queries-baseline";

export const BASELINE_JUDGES = [
  { slug: "baseline-longer", name: "Baseline: longer answer wins", rule: "longer" as const, description: "Prefers the longer answer; a tie when the lengths are within 5 %. A floor every LLM judge should beat." },
  { slug: "baseline-random", name: "Baseline: random", rule: "random" as const, description: "A deterministic coin flip per battle and order (hash of the battle id). Agreement with humans ≈ chance." },
];

export const BASELINE_RUN_LABEL = "demo baseline";

/** Seeds both baseline judges and, for each, one completed run over `promptSetId`. Returns the votes inserted. */
export async function seedBaselineRuns(db: PrismaClient, promptSetId: number, setSlug: string, at: Date = new Date()): Promise<{ runs: number; votes: number }> {
  const battleIds = await findSetBattleIds(db, promptSetId);
  const battles = battleIds.length ? await findBattleInputs(db, battleIds) : [];
  let runs = 0;
  let votes = 0;
  for (const j of BASELINE_JUDGES) {
    const judge = await upsertBaselineJudge(db, { slug: j.slug, name: j.name, rule: j.rule, description: j.description });
    if (battles.length === 0 || (await findRunByLabel(db, judge.id, BASELINE_RUN_LABEL))) continue;
    const ctx: RunContext = {
      runId: 0, judgeId: judge.id, kind: "baseline", rule: j.rule, template: BUILTIN_TEMPLATES["arena-hard"], params: judgeParams({}),
      client: null, slots: null, configHash: "", pricePromptPerM: 0, priceCompletionPerM: 0,
    };
    const results = await Promise.all(
      battles.flatMap((b) =>
        (["A", "B"] as const).map(async (shownLeft) => {
          const task: ClaimedTask = { id: 0, runId: 0, battleId: b.id, shownLeft, attempts: 1 };
          return { battleId: b.id, shownLeft, r: await judgeTask(ctx, task, b, null) };
        }),
      ),
    );
    const count = (s: string) => results.filter((x) => x.r.status === s).length;
    const run = await createCompletedRun(db, {
      judgeId: judge.id, label: BASELINE_RUN_LABEL, status: "completed", combine: "arena-hard", selection: { set: setSlug },
      totalTasks: results.length, doneTasks: count("done"), failedTasks: count("failed"), unparseableTasks: count("unparseable"),
      createdAt: at, startedAt: at, finishedAt: at,
    });
    votes += await insertTasksAndVotes(db, run.id, judge.id, at, results.map((x) => ({
      battleId: x.battleId, shownLeft: x.shownLeft, status: x.r.status === "pending" ? "failed" : x.r.status,
      raw: x.r.raw, err: x.r.err, outcome: x.r.outcome, strength: x.r.strength, rationale: x.r.rationale,
    })));
    runs++;
  }
  return { runs, votes };
}
