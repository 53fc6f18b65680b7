"use client";

import { useRef, useState } from "react";

interface Summary {
  rowsRead: number;
  imported: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  systemsCreated: number;
  promptsCreated: number;
  errors: { file: string; line: number; reason: string; message: string }[];
  aborted: boolean;
  dryRun: boolean;
  seconds: number;
}

interface Job {
  id: number;
  status: string;
  totalBytes: number;
  bytesRead: number;
  rowsRead: number;
  imported: number;
  skipped: number;
  summary: Summary | null;
  error: string | null;
}

async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `request failed (${res.status})`);
  return body;
}

export function ImportForm({ formats }: { formats: string[] }) {
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "running" | "done" | "failed">("idle");
  const [progress, setProgress] = useState(0);
  const [job, setJob] = useState<Job | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const files = [...(filesRef.current?.files ?? []), ...(folderRef.current?.files ?? [])];
    if (files.length === 0) {
      setMessage("Choose at least one file or folder.");
      return;
    }
    setMessage(null);
    setJob(null);
    setPhase("uploading");
    setProgress(0);
    try {
      const created = await api<Job>("/api/admin/import", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          format: form.get("format"),
          ...(form.get("set") ? { set: form.get("set") } : {}),
          strict: form.get("strict") === "on",
          dryRun: form.get("dryRun") === "on",
        }),
      });
      const total = files.reduce((n, f) => n + f.size, 0) || 1;
      let sent = 0;
      for (const f of files) {
        const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
        await api(`/api/admin/import/${created.id}/files?path=${encodeURIComponent(rel)}`, { method: "PUT", body: f });
        sent += f.size;
        setProgress(sent / total);
      }
      await api(`/api/admin/import/${created.id}/start`, { method: "POST" });
      setPhase("running");
      setProgress(0);
      for (;;) {
        const j = await api<Job>(`/api/admin/import/${created.id}`);
        setJob(j);
        setProgress(j.totalBytes > 0 ? j.bytesRead / j.totalBytes : 0);
        if (j.status === "completed") {
          setProgress(1);
          setPhase("done");
          return;
        }
        if (j.status === "failed") {
          setPhase("failed");
          setMessage(j.error ?? "the import failed");
          return;
        }
        await new Promise((r) => setTimeout(r, 400));
      }
    } catch (err) {
      setPhase("failed");
      setMessage(err instanceof Error ? err.message : String(err));
    }
  }

  const busy = phase === "uploading" || phase === "running";
  const s = job?.summary ?? null;
  return (
    <form onSubmit={submit} className="space-y-4 rounded border border-slate-200 bg-white p-4" aria-label="Import">
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">Format</span>
          <select name="format" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" defaultValue="fastchat-battles">
            {formats.map((f) => (
              <option key={f} value={f}>{f}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">Prompt set (optional)</span>
          <input name="set" placeholder="default for the format" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="block text-sm">
          <span className="font-medium">Files</span>
          <input ref={filesRef} type="file" multiple name="files" aria-label="Files" className="mt-1 block w-full text-sm" />
        </label>
        <label className="block text-sm">
          <span className="font-medium">Or a folder (mtbench, prd, arena-hard layouts)</span>
          <input ref={folderRef} type="file" multiple aria-label="Folder" className="mt-1 block w-full text-sm" {...{ webkitdirectory: "" }} />
        </label>
      </div>
      <div className="flex gap-6 text-sm">
        <label><input type="checkbox" name="strict" /> Strict (abort on any bad row)</label>
        <label><input type="checkbox" name="dryRun" /> Dry run (validate only)</label>
      </div>
      <button disabled={busy} className="rounded bg-slate-900 px-4 py-2 text-white disabled:opacity-50">
        {busy ? "Importing…" : "Import"}
      </button>
      {phase !== "idle" && (
        <div className="space-y-1">
          <div className="text-sm text-slate-700" data-testid="import-phase">
            {phase === "uploading" ? "Uploading…" : phase === "running" ? "Importing…" : phase === "done" ? "Done" : "Failed"}
          </div>
          <progress
            aria-label="Import progress"
            className="h-3 w-full"
            max={100}
            value={Math.round(progress * 100)}
            data-testid="import-progress"
          />
          {job && (
            <p className="text-sm text-slate-600">
              {job.rowsRead} rows read, {job.imported} votes imported, {job.skipped} skipped
            </p>
          )}
        </div>
      )}
      {message && <p role="alert" className="text-sm text-red-700">{message}</p>}
      {s && (
        <div data-testid="import-summary" className="space-y-1 text-sm">
          <p>
            {s.dryRun ? "Dry run: " : ""}
            {s.aborted ? "Aborted (strict): nothing written. " : ""}
            <strong>{s.imported}</strong> votes {s.dryRun ? "valid" : "imported"}, {s.rowsRead} rows read, {s.skipped} skipped,{" "}
            {s.systemsCreated} systems and {s.promptsCreated} prompts {s.dryRun ? "seen" : "created"} in {s.seconds.toFixed(1)} s.
          </p>
          {Object.keys(s.skippedByReason).length > 0 && (
            <p>Skipped: {Object.entries(s.skippedByReason).map(([k, v]) => `${k} ${v}`).join(", ")}</p>
          )}
          {s.errors.length > 0 && (
            <ul className="list-disc pl-5 font-mono text-xs" aria-label="Bad rows">
              {s.errors.map((e, i) => (
                <li key={i}>{`${e.file.split("/").slice(-2).join("/")}:${e.line}: ${e.reason}: ${e.message}`}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
