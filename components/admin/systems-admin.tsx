"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { SystemView } from "@/lib/admin/systems";
import type { ConnectionReport } from "@/lib/admin/connection";
import { SystemForm } from "./system-form";
import { sendJson } from "./api";

function ConnectionResult({ report }: { report: ConnectionReport | { ok: false; error: string } }) {
  if (!report.ok) {
    return (
      <p role="status" data-testid="connection-result" className="text-sm text-red-700">
        Connection failed: {report.error}
      </p>
    );
  }
  return (
    <p role="status" data-testid="connection-result" className="text-sm text-green-800">
      Connected in {report.latencyMs} ms · model <code>{report.model}</code> · “{report.sample}”
    </p>
  );
}

function SystemRow({ system, onChanged }: { system: SystemView; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const [testing, setTesting] = useState(false);
  const [report, setReport] = useState<ConnectionReport | { ok: false; error: string } | null>(null);

  async function test() {
    setTesting(true);
    setReport(null);
    const res = await sendJson<{ report: ConnectionReport }>(`/api/admin/systems/${system.id}/test-connection`, "POST");
    setTesting(false);
    setReport(res.ok ? res.data.report : { ok: false, error: res.message });
  }

  return (
    <li className="space-y-2 rounded border border-slate-200 bg-white p-3" data-testid={`system-${system.slug}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <span className="font-semibold">{system.name}</span> <code className="text-xs text-slate-500">{system.slug}</code>
          {system.isDemo && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">demo</span>}
          {!system.active && <span className="ml-2 rounded bg-slate-200 px-1 text-xs">inactive</span>}
          {system.outage && <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-800">outage</span>}
          {system.live && <span className="ml-2 rounded bg-green-100 px-1 text-xs text-green-800">live</span>}
          <div className="text-xs text-slate-600">
            {[system.organization, system.family].filter(Boolean).join(" · ") || "—"} · weight {system.weight} · boost {system.boost}
          </div>
          <div className="text-xs text-slate-600">
            {system.baseUrl ? (
              <>
                <code>{system.baseUrl}</code> · <code>{system.model}</code>
                {system.apiKeyEnv && (
                  <>
                    {" "}
                    · key <code>{system.apiKeyEnv}</code> {system.keyPresent ? "(set)" : "(not set on this server)"}
                  </>
                )}
              </>
            ) : (
              "no endpoint (fixed-set answers only)"
            )}
          </div>
        </div>
        <div className="flex gap-2">
          {system.baseUrl && (
            <button type="button" onClick={test} disabled={testing} className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-50">
              {testing ? "Testing…" : "Test connection"}
            </button>
          )}
          <button type="button" onClick={() => setEditing((v) => !v)} className="rounded border border-slate-300 px-2 py-1 text-sm">
            {editing ? "Close" : "Edit"}
          </button>
        </div>
      </div>
      {report && <ConnectionResult report={report} />}
      {editing && (
        <SystemForm
          system={system}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

export function SystemsAdmin({ systems }: { systems: SystemView[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <button type="button" onClick={() => setCreating((v) => !v)} className="rounded bg-slate-900 px-3 py-1 text-sm text-white">
          {creating ? "Close" : "New system"}
        </button>
        {notice && (
          <p role="status" className="text-sm text-green-800">
            {notice}
          </p>
        )}
      </div>
      {creating && (
        <SystemForm
          onCancel={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            setNotice(`Created ${s.slug}.`);
            router.refresh();
          }}
        />
      )}
      <ul className="space-y-2">
        {systems.map((s) => (
          <SystemRow key={`${s.id}:${s.updatedAt}`} system={s} onChanged={() => router.refresh()} />
        ))}
      </ul>
      {systems.length === 0 && <p className="text-slate-600">No systems yet.</p>}
    </div>
  );
}
