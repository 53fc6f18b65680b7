"use client";
/** The run page: live progress (polls GET /api/judge-runs/{id} every second), totals, ETA, controls, cascade. */
import { useEffect, useState } from "react";
import { sendJson } from "@/components/admin/api";
import type { RunDetail } from "@/lib/judges/runs/service";

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

interface CascadeSection {
  judges: string[];
  alpha: number;
  delta: number;
  calibrationBattles: number;
  heldOutBattles: number;
  stages: Array<{ judge: string; threshold: number | null }>;
  heldOut: { coverage: number; agreement: number | null; abstained: number; trusted: number };
}

export function RunProgress({ initial }: { initial: RunDetail }) {
  const [run, setRun] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const live = run.status === "running" || run.status === "queued" || run.status === "paused";

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(async () => {
      const r = await sendJson<{ run: RunDetail }>(`/api/judge-runs/${run.id}`, "GET");
      if (r.ok) setRun(r.data.run);
      else setError(r.message);
    }, 1_000);
    return () => clearInterval(timer);
  }, [live, run.id]);

  const act = async (action: "start" | "pause" | "resume" | "cancel") => {
    const r = await sendJson<{ run: RunDetail }>(`/api/judge-runs/${run.id}`, "POST", { action });
    if (r.ok) setRun({ ...run, ...r.data.run });
    else setError(r.message);
  };
  const finished = run.doneTasks + run.failedTasks + run.unparseableTasks;
  const pct = (n: number) => (run.totalTasks === 0 ? 0 : (100 * n) / run.totalTasks);
  const cascade = (run.selection as { cascade?: CascadeSection }).cascade;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">
          Run {run.id} · {run.judge.name}
        </h1>
        <p className="text-sm text-slate-600">
          {run.label && <span>{run.label} · </span>}status <strong data-testid="run-status">{run.status}</strong> · combine {run.combine} ·
          selection <code>{JSON.stringify(run.selection.cascade ? { set: run.selection.set } : run.selection)}</code>
        </p>
      </div>
      <div>
        <div
          role="progressbar"
          aria-label="run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(run.percent)}
          data-testid="run-progress"
          className="flex h-5 w-full overflow-hidden rounded bg-slate-200"
        >
          <div className="bg-green-600" style={{ width: `${pct(run.doneTasks)}%` }} title="done" />
          <div className="bg-amber-500" style={{ width: `${pct(run.unparseableTasks)}%` }} title="unparseable" />
          <div className="bg-red-600" style={{ width: `${pct(run.failedTasks)}%` }} title="failed" />
        </div>
        <p className="mt-1 text-sm" data-testid="run-percent">
          {fmt(run.percent, 1)}% · {fmt(finished)} / {fmt(run.totalTasks)} tasks
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {[
          ["done", fmt(run.doneTasks)],
          ["failed", fmt(run.failedTasks)],
          ["unparseable", fmt(run.unparseableTasks)],
          ["remaining", fmt(run.remainingTasks)],
          ["throughput", `${fmt(run.throughput, 1)} tasks/s`],
          ["ETA", run.etaSeconds === null ? "—" : `${fmt(run.etaSeconds)} s`],
          ["tokens", `${fmt(run.promptTokens)} in · ${fmt(run.completionTokens)} out`],
          ["cost", `$${fmt(run.costUsd, 4)}`],
        ].map(([k, v]) => (
          <div key={k} className="rounded border border-slate-200 p-2">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium" data-testid={`run-${k}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <div className="flex gap-2">
        {run.status === "queued" && <button className="rounded bg-slate-800 px-3 py-1 text-white" onClick={() => act("start")}>Start</button>}
        {run.status === "running" && <button className="rounded border px-3 py-1" onClick={() => act("pause")}>Pause</button>}
        {run.status === "paused" && <button className="rounded border px-3 py-1" onClick={() => act("resume")}>Resume</button>}
        {live && <button className="rounded border border-red-600 px-3 py-1 text-red-700" onClick={() => act("cancel")}>Cancel</button>}
      </div>
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
      {run.recentErrors.length > 0 && (
        <div>
          <h2 className="font-semibold">Recent failures</h2>
          <ul className="text-sm">
            {run.recentErrors.map((e) => (
              <li key={e.id}>
                task {e.id} ({e.status}): <code className="break-all">{e.lastError}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {cascade && (
        <div className="rounded border border-slate-200 p-3 text-sm" data-testid="cascade">
          <h2 className="font-semibold">Cascade {cascade.judges.join(" → ")}</h2>
          <p>
            α {cascade.alpha}, δ {cascade.delta}: trusted verdicts agree with humans at ≥ {fmt(100 * (1 - cascade.alpha))}% with probability ≥{" "}
            {fmt(100 * (1 - cascade.delta))}%. Calibrated on {cascade.calibrationBattles} battles, evaluated on {cascade.heldOutBattles} held out.
          </p>
          <ul>
            {cascade.stages.map((s) => (
              <li key={s.judge}>
                {s.judge}: threshold {s.threshold ?? "never trusted"}
              </li>
            ))}
          </ul>
          <p>
            Held-out coverage {fmt(100 * cascade.heldOut.coverage, 1)}%, agreement{" "}
            {cascade.heldOut.agreement === null ? "—" : `${fmt(100 * cascade.heldOut.agreement, 1)}%`}, abstained {cascade.heldOut.abstained}.
          </p>
        </div>
      )}
    </div>
  );
}
