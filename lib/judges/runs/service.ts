/**
 * Judge runs: a judge + a battle selection, every battle judged in BOTH orders (two JudgeTasks per battle).
 * Tasks are processed by workers (lib/judges/worker); a panel run is materialised from its members' stored votes
 * when it starts, without new calls. Pause/resume/cancel only change the run's status: workers claim tasks of
 * running runs only, so a paused run keeps its pending tasks and in-flight ones finish.
 */
import { conflict, notFound, unprocessable } from "@/lib/errors";
import { fixedBattleKey, canonicalPair } from "@/lib/battles/canonical";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunAction, RunCreateInput, RunSelection } from "@/lib/validation/judges";
import { findJudgeBySlug } from "@/lib/judges/configs/queries";
import {
  countTasksByStatus,
  findPromptSetBySlug,
  findRecentTaskErrors,
  findResponsesForPairs,
  findRunById,
  findRuns,
  findSelectedBattleIds,
  findSystemIdsBySlugs,
  insertFixedBattles,
  insertRunWithTasks,
  updateRunStatus,
  type RunRow,
} from "./queries";
import { materialisePanelRun } from "./panel";

export interface RunView {
  id: number;
  judge: { id: number; slug: string; name: string; kind: string };
  label: string;
  status: string;
  selection: Record<string, unknown>;
  combine: string;
  totalTasks: number;
  doneTasks: number;
  failedTasks: number;
  unparseableTasks: number;
  remainingTasks: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Finished tasks per second since the start. */
  throughput: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
  percent: number;
}

export function toRunView(r: RunRow, now = Date.now()): RunView {
  const finished = r.doneTasks + r.failedTasks + r.unparseableTasks;
  const end = r.finishedAt?.getTime() ?? now;
  const elapsed = r.startedAt ? Math.max(0, (end - r.startedAt.getTime()) / 1000) : 0;
  const throughput = elapsed > 0 ? finished / elapsed : 0;
  const remaining = Math.max(0, r.totalTasks - finished);
  return {
    id: r.id,
    judge: { id: r.judgeId, slug: r.judge.slug, name: r.judge.name, kind: r.judge.kind },
    label: r.label,
    status: r.status,
    selection: (r.selection ?? {}) as Record<string, unknown>,
    combine: r.combine,
    totalTasks: r.totalTasks,
    doneTasks: r.doneTasks,
    failedTasks: r.failedTasks,
    unparseableTasks: r.unparseableTasks,
    remainingTasks: remaining,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    costUsd: r.costUsd,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    throughput,
    etaSeconds: r.status === "running" && throughput > 0 ? remaining / throughput : null,
    elapsedSeconds: elapsed,
    percent: r.totalTasks === 0 ? 100 : (100 * finished) / r.totalTasks,
  };
}

/** Creates fixed battles (both answers present) for every system paired with the baseline system. */
async function ensureBaselinePairs(baselineId: number, promptSetId: number | undefined, sel: RunSelection, systemIds?: number[]): Promise<void> {
  const responses = await findResponsesForPairs({ promptSetId, category: sel.category, systemIds: systemIds ? [...systemIds, baselineId] : undefined });
  const byPrompt = new Map<number, typeof responses>();
  for (const r of responses) byPrompt.set(r.promptId, [...(byPrompt.get(r.promptId) ?? []), r]);
  const rows: Prisma.BattleCreateManyInput[] = [];
  for (const [promptId, list] of byPrompt) {
    const base = list.find((r) => r.systemId === baselineId);
    if (!base) continue;
    for (const other of list) {
      if (other.systemId === baselineId) continue;
      const pair = canonicalPair(base.systemId, other.systemId);
      const [ra, rb] = pair.swapped ? [other, base] : [base, other];
      rows.push({
        key: fixedBattleKey(promptId, pair.systemAId, pair.systemBId, 1),
        mode: "fixed",
        promptId,
        turn: 1,
        systemAId: pair.systemAId,
        systemBId: pair.systemBId,
        responseAId: ra.id,
        responseBId: rb.id,
        promptSetId: base.prompt.promptSetId,
        category: base.prompt.category,
        language: base.prompt.language,
      });
    }
  }
  await insertFixedBattles(rows);
}

/** Resolves a selection to battle ids (creating baseline pairs when asked). */
export async function selectBattles(sel: RunSelection): Promise<number[]> {
  let promptSetId: number | undefined;
  if (sel.set) {
    const ps = await findPromptSetBySlug(sel.set);
    if (!ps) throw notFound(`prompt set "${sel.set}"`);
    promptSetId = ps.id;
  }
  const slugs = [...(sel.systems ?? []), ...(sel.baseline ? [sel.baseline] : [])];
  const found = slugs.length ? await findSystemIdsBySlugs(slugs) : [];
  const missing = slugs.filter((s) => !found.some((f) => f.slug === s));
  if (missing.length) throw notFound(`system(s) ${missing.join(", ")}`);
  const idOf = (s: string) => found.find((f) => f.slug === s)!.id;
  const systemIds = sel.systems ? sel.systems.map(idOf) : undefined;
  const baselineId = sel.baseline ? idOf(sel.baseline) : undefined;
  if (baselineId !== undefined) await ensureBaselinePairs(baselineId, promptSetId, sel, systemIds);
  return findSelectedBattleIds(sel, { promptSetId, systemIds: systemIds && baselineId !== undefined ? [...systemIds, baselineId] : systemIds, baselineId });
}

export async function createRun(input: RunCreateInput): Promise<RunView> {
  const judge = await findJudgeBySlug(input.judge);
  if (!judge) throw notFound(`judge "${input.judge}"`);
  if (judge.kind === "external") throw unprocessable(`judge ${judge.slug} is external: it votes through the battle API with an API key`);
  const battleIds = await selectBattles(input.selection);
  if (battleIds.length === 0) throw unprocessable("the selection matches no battle with both answers");
  const panel = judge.kind === "panel";
  const status = input.start && !panel ? "running" : "queued";
  const id = await insertRunWithTasks(
    { judgeId: judge.id, label: input.label, combine: input.combine, selection: input.selection as Prisma.InputJsonValue, status },
    panel ? [] : battleIds,
  );
  if (panel && input.start) await materialisePanelRun(id, judge.id, judge.rule === "mean" ? "mean" : "majority", battleIds);
  return getRun(id);
}

export async function getRun(id: number): Promise<RunView> {
  const row = await findRunById(id);
  if (!row) throw notFound(`judge run ${id}`);
  return toRunView(row);
}

export async function listRuns(opts: { judgeSlug?: string; take?: number } = {}): Promise<RunView[]> {
  let judgeId: number | undefined;
  if (opts.judgeSlug) {
    const j = await findJudgeBySlug(opts.judgeSlug);
    if (!j) throw notFound(`judge "${opts.judgeSlug}"`);
    judgeId = j.id;
  }
  return (await findRuns({ judgeId, take: opts.take })).map((r) => toRunView(r));
}

export interface RunDetail extends RunView {
  tasks: Record<string, number>;
  recentErrors: Array<{ id: number; status: string; lastError: string | null }>;
}

/** The run plus task counts and recent errors (the run page's JSON endpoint). */
export async function getRunDetail(id: number): Promise<RunDetail> {
  const run = await getRun(id);
  const [counts, recentErrors] = await Promise.all([countTasksByStatus(id), findRecentTaskErrors(id)]);
  return { ...run, tasks: Object.fromEntries(counts.map((c) => [c.status, c.n])), recentErrors };
}

export async function runAction(id: number, action: RunAction): Promise<RunView> {
  const run = await findRunById(id);
  if (!run) throw notFound(`judge run ${id}`);
  let ok: boolean;
  if (action === "start") {
    if (run.judge.kind === "panel" && run.status === "queued") {
      const judge = await findJudgeBySlug(run.judge.slug);
      const battleIds = await selectBattles((run.selection ?? {}) as RunSelection);
      await materialisePanelRun(id, run.judgeId, judge?.rule === "mean" ? "mean" : "majority", battleIds);
      return getRun(id);
    }
    ok = await updateRunStatus(id, ["queued"], "running", { startedAt: new Date() });
  } else if (action === "pause") ok = await updateRunStatus(id, ["running"], "paused");
  else if (action === "resume") ok = await updateRunStatus(id, ["paused"], "running");
  else ok = await updateRunStatus(id, ["queued", "running", "paused"], "cancelled", { finishedAt: new Date() });
  if (!ok) throw conflict(`cannot ${action} a run that is ${run.status}`);
  return getRun(id);
}
