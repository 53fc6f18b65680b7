"use client";
/** /admin/judges: create a judge, test its connection, start a run, issue API keys for external judges. */
import { useState } from "react";
import { useRouter } from "next/navigation";
import { sendJson, zodMessage } from "@/components/admin/api";
import { judgeCreateSchema, runCreateSchema } from "@/lib/validation/judges";
import type { JudgesAdminView } from "@/lib/judges/admin-view";
import type { JudgeView } from "@/lib/judges/configs/service";
import type { RunView } from "@/lib/judges/runs/service";
import { JudgeKeys } from "./judge-keys";

const input = "w-full rounded border border-slate-300 px-2 py-1";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="text-slate-600">{label}</span>
      {children}
    </label>
  );
}

function CreateJudge({ onCreated }: { onCreated: () => void }) {
  const [f, setF] = useState<Record<string, string>>({ kind: "llm", template: "mtbench-pair-v2", concurrency: "4", temperature: "0", maxTokens: "1024" });
  const [error, setError] = useState<string | null>(null);
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value });
  const num = (k: string) => (f[k] ? Number(f[k]) : undefined);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = {
      slug: f.slug, name: f.name, kind: f.kind, family: f.family ?? "", baseUrl: f.baseUrl, model: f.model, apiKeyEnv: f.apiKeyEnv,
      template: f.template, customTemplate: f.template === "custom" ? f.customTemplate : undefined,
      params: { temperature: num("temperature"), maxTokens: num("maxTokens"), timeoutMs: num("timeoutMs") },
      concurrency: num("concurrency"), rpm: num("rpm") ?? null, tpm: num("tpm") ?? null,
      pricePromptPerM: num("pricePromptPerM") ?? 0, priceCompletionPerM: num("priceCompletionPerM") ?? 0,
      rule: f.rule || undefined, members: f.members ? f.members.split(",").map((s) => s.trim()).filter(Boolean) : undefined,
    };
    const parsed = judgeCreateSchema.safeParse(body);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    const r = await sendJson("/api/admin/judges", "POST", body);
    if (!r.ok) return setError(r.message);
    setError(null);
    onCreated();
  };
  const llm = f.kind === "llm";
  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-2 rounded border border-slate-200 p-3 sm:grid-cols-3" aria-label="new judge">
      <h2 className="font-semibold sm:col-span-3">New judge</h2>
      <Field label="Slug"><input name="slug" className={input} value={f.slug ?? ""} onChange={set("slug")} /></Field>
      <Field label="Name"><input name="name" className={input} value={f.name ?? ""} onChange={set("name")} /></Field>
      <Field label="Kind">
        <select name="kind" className={input} value={f.kind} onChange={set("kind")}>
          <option value="llm">LLM</option><option value="baseline">baseline</option><option value="panel">panel</option><option value="external">external (API key)</option>
        </select>
      </Field>
      <Field label="Family"><input name="family" className={input} value={f.family ?? ""} onChange={set("family")} /></Field>
      {llm && (
        <>
          <Field label="Base URL"><input name="baseUrl" className={input} value={f.baseUrl ?? ""} onChange={set("baseUrl")} placeholder="http://localhost:8000/v1" /></Field>
          <Field label="Model"><input name="model" className={input} value={f.model ?? ""} onChange={set("model")} /></Field>
          <Field label="API key env var (name)"><input name="apiKeyEnv" className={input} value={f.apiKeyEnv ?? ""} onChange={set("apiKeyEnv")} placeholder="OPENAI_API_KEY" /></Field>
          <Field label="Template">
            <select name="template" className={input} value={f.template} onChange={set("template")}>
              <option value="mtbench-pair-v2">mtbench-pair-v2</option><option value="mtbench-ref">mtbench-ref</option><option value="arena-hard">arena-hard</option><option value="custom">custom…</option>
            </select>
          </Field>
          <Field label="Temperature"><input name="temperature" className={input} value={f.temperature} onChange={set("temperature")} /></Field>
          <Field label="Max tokens"><input name="maxTokens" className={input} value={f.maxTokens} onChange={set("maxTokens")} /></Field>
          <Field label="Timeout (ms)"><input name="timeoutMs" className={input} value={f.timeoutMs ?? ""} onChange={set("timeoutMs")} placeholder="60000" /></Field>
          <Field label="Concurrency"><input name="concurrency" className={input} value={f.concurrency} onChange={set("concurrency")} /></Field>
          <Field label="RPM"><input name="rpm" className={input} value={f.rpm ?? ""} onChange={set("rpm")} /></Field>
          <Field label="TPM"><input name="tpm" className={input} value={f.tpm ?? ""} onChange={set("tpm")} /></Field>
          <Field label="$ / M prompt tokens"><input name="pricePromptPerM" className={input} value={f.pricePromptPerM ?? ""} onChange={set("pricePromptPerM")} /></Field>
          <Field label="$ / M completion tokens"><input name="priceCompletionPerM" className={input} value={f.priceCompletionPerM ?? ""} onChange={set("priceCompletionPerM")} /></Field>
          {f.template === "custom" && (
            <div className="sm:col-span-3">
              <Field label="Custom template (JSON or front matter)"><textarea name="customTemplate" rows={6} className={input} value={f.customTemplate ?? ""} onChange={set("customTemplate")} /></Field>
            </div>
          )}
        </>
      )}
      {(f.kind === "baseline" || f.kind === "panel") && (
        <Field label="Rule">
          <select name="rule" className={input} value={f.rule ?? ""} onChange={set("rule")}>
            <option value="">—</option>
            {f.kind === "baseline" ? (<><option value="longer">longer answer wins</option><option value="random">random</option></>) : (<><option value="majority">majority</option><option value="mean">mean</option></>)}
          </select>
        </Field>
      )}
      {f.kind === "panel" && <Field label="Members (slugs, first breaks ties)"><input name="members" className={input} value={f.members ?? ""} onChange={set("members")} /></Field>}
      <div className="sm:col-span-3">
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">Create judge</button>
        {error && <p role="alert" className="mt-1 text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}

function JudgeRow({ judge, sets }: { judge: JudgeView; sets: JudgesAdminView["sets"] }) {
  const router = useRouter();
  const [report, setReport] = useState<string | null>(null);
  const [run, setRun] = useState({ set: sets[0]?.slug ?? "", limit: "", category: "", baseline: "", humanVotedOnly: false, combine: "mtbench" });
  const [error, setError] = useState<string | null>(null);
  const test = async () => {
    setReport("testing…");
    const r = await sendJson<{ report: { ok: boolean; latencyMs?: number; model?: string; sample?: string; error?: string } }>(`/api/admin/judges/${judge.id}/test-connection`, "POST");
    if (!r.ok) return setReport(r.message);
    const rep = r.data.report;
    setReport(rep.ok ? `OK · ${rep.latencyMs} ms · ${rep.model} · “${rep.sample}”` : `failed: ${rep.error}`);
  };
  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    const selection = Object.fromEntries(
      Object.entries({ set: run.set || undefined, limit: run.limit ? Number(run.limit) : undefined, category: run.category || undefined, baseline: run.baseline || undefined, humanVotedOnly: run.humanVotedOnly || undefined }).filter(([, v]) => v !== undefined),
    );
    const body = { judge: judge.slug, selection, combine: run.combine };
    const parsed = runCreateSchema.safeParse(body);
    if (!parsed.success) return setError(zodMessage(parsed.error.issues));
    const r = await sendJson<{ run: RunView }>("/api/judge-runs", "POST", body);
    if (!r.ok) return setError(r.message);
    router.push(`/admin/judges/runs/${r.data.run.id}`);
  };
  return (
    <li className="space-y-2 rounded border border-slate-200 p-3" data-testid={`judge-${judge.slug}`}>
      <div className="flex flex-wrap items-center gap-2">
        <strong>{judge.name}</strong> <code className="text-xs">{judge.slug}</code>
        <span className="rounded bg-slate-100 px-1 text-xs">{judge.kind}</span>
        {judge.model && <span className="text-xs text-slate-600">{judge.model} · {judge.template} · ×{judge.concurrency}</span>}
        {judge.rule && <span className="text-xs text-slate-600">rule {judge.rule}</span>}
        {judge.members.length > 0 && <span className="text-xs text-slate-600">members {judge.members.join(", ")}</span>}
        {judge.kind === "llm" && <button type="button" onClick={test} className="rounded border px-2 text-sm">Test connection</button>}
        {report && <span className="text-sm" data-testid="connection-report">{report}</span>}
      </div>
      {judge.kind === "external" ? (
        <JudgeKeys judgeId={judge.id} />
      ) : (
        <form onSubmit={start} className="flex flex-wrap items-end gap-2 text-sm" aria-label={`run ${judge.slug}`}>
          <Field label="Prompt set">
            <select name="set" className={input} value={run.set} onChange={(e) => setRun({ ...run, set: e.target.value })}>
              <option value="">all</option>
              {sets.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
            </select>
          </Field>
          <Field label="Limit (battles)"><input name="limit" className={input} value={run.limit} onChange={(e) => setRun({ ...run, limit: e.target.value })} /></Field>
          <Field label="Category"><input name="category" className={input} value={run.category} onChange={(e) => setRun({ ...run, category: e.target.value })} /></Field>
          <Field label="Baseline system"><input name="baseline" className={input} value={run.baseline} onChange={(e) => setRun({ ...run, baseline: e.target.value })} /></Field>
          <label className="flex items-center gap-1"><input type="checkbox" checked={run.humanVotedOnly} onChange={(e) => setRun({ ...run, humanVotedOnly: e.target.checked })} /> human-voted only</label>
          <Field label="Combine">
            <select name="combine" className={input} value={run.combine} onChange={(e) => setRun({ ...run, combine: e.target.value })}>
              <option value="mtbench">mtbench</option><option value="arena-hard">arena-hard</option>
            </select>
          </Field>
          <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-white">Start run</button>
          {error && <p role="alert" className="text-red-700">{error}</p>}
        </form>
      )}
    </li>
  );
}

export function JudgesAdmin({ view }: { view: JudgesAdminView }) {
  const router = useRouter();
  return (
    <div className="space-y-4">
      <CreateJudge onCreated={() => router.refresh()} />
      <ul className="space-y-2">{view.judges.map((j) => <JudgeRow key={j.id} judge={j} sets={view.sets} />)}</ul>
      <div>
        <h2 className="font-semibold">Recent runs</h2>
        <table className="w-full text-sm">
          <thead><tr className="text-left"><th>run</th><th>judge</th><th>status</th><th>progress</th><th>cost</th></tr></thead>
          <tbody>
            {view.runs.map((r) => (
              <tr key={r.id}>
                <td><a className="text-blue-700 underline" href={`/admin/judges/runs/${r.id}`}>{r.id}{r.label ? ` · ${r.label}` : ""}</a></td>
                <td>{r.judge.slug}</td><td>{r.status}</td><td>{r.percent.toFixed(0)}% of {r.totalTasks}</td><td>${r.costUsd.toFixed(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
