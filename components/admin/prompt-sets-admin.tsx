"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { PromptSetView } from "@/lib/admin/prompt-sets";
import { sendJson } from "./api";

export function PromptSetsAdmin({ sets }: { sets: PromptSetView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Optimistic checkbox states until the refreshed page arrives (reverted on error).
  const [override, setOverride] = useState<Record<string, boolean>>({});
  const keyOf = (id: number, category?: string) => (category === undefined ? `${id}` : `${id}:${category}`);
  const checked = (id: number, server: boolean, category?: string) => override[keyOf(id, category)] ?? server;

  async function toggle(id: number, body: { active: boolean } | { category: string; active: boolean }) {
    const k = keyOf(id, "category" in body ? body.category : undefined);
    setOverride((o) => ({ ...o, [k]: body.active }));
    setBusy(true);
    setError(null);
    const res = await sendJson(`/api/admin/prompt-sets/${id}`, "PATCH", body);
    setBusy(false);
    if (!res.ok) {
      setError(res.message);
      setOverride((o) => ({ ...o, [k]: !body.active }));
    }
    router.refresh();
  }

  if (sets.length === 0) return <p className="text-slate-600">No prompt sets yet. Import one from the import page.</p>;
  return (
    <div className="space-y-3">
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <ul className="space-y-3">
        {sets.map((s) => (
          <li key={s.id} className="rounded border border-slate-200 bg-white p-3" data-testid={`set-${s.slug}`}>
            <label className="flex items-center gap-2 font-semibold">
              <input type="checkbox" checked={checked(s.id, s.active)} disabled={busy} onChange={(e) => toggle(s.id, { active: e.target.checked })} />
              {s.name} <code className="text-xs font-normal text-slate-500">{s.slug}</code>
              <span className="text-xs font-normal text-slate-500">
                {s.prompts} prompts · source {s.source}
              </span>
              {s.isDemo && <span className="rounded bg-amber-100 px-1 text-xs font-normal text-amber-900">demo</span>}
            </label>
            <fieldset className="mt-2 flex flex-wrap gap-x-4 gap-y-1 pl-6 text-sm" disabled={!checked(s.id, s.active) || busy}>
              <legend className="sr-only">Categories of {s.name}</legend>
              {s.categories.map((c) => (
                <label key={c.name} className={`flex items-center gap-1 ${s.active ? "" : "text-slate-400"}`}>
                  <input type="checkbox" checked={checked(s.id, c.active, c.name)} onChange={(e) => toggle(s.id, { category: c.name, active: e.target.checked })} />
                  {c.name} <span className="text-xs text-slate-500">({c.prompts})</span>
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
    </div>
  );
}
