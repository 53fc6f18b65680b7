"use client";
/** Source switch, slice filters and toggles; every one lives in the URL. */
import type { LeaderboardFilters } from "@/lib/leaderboard/service";
import { useQueryState } from "./use-query";

const field = "max-w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

function Toggle({ label, on, onChange, testId }: { label: string; on: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm">
      <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

function Segmented({ label, value, options, onChange, testId }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void; testId: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex overflow-hidden rounded border border-slate-300 text-sm" data-testid={testId}>
      {options.map(([v, text]) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          onClick={() => onChange(v)}
          className={`px-2 py-1 ${value === v ? "bg-blue-700 text-white" : "bg-white hover:bg-slate-50"}`}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

export function LeaderboardControls({ filters }: { filters: LeaderboardFilters }) {
  const { params, set, pending } = useQueryState();
  const get = (k: string) => params.get(k) ?? "";
  return (
    <form className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3" aria-label="Filters" onSubmit={(e) => e.preventDefault()} data-pending={pending ? "1" : "0"}>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-0 max-w-full flex-col text-xs text-slate-600">
          Source
          <select className={field} value={get("source") || "crowd"} onChange={(e) => set({ source: e.target.value === "crowd" ? null : e.target.value })} data-testid="filter-source">
            {filters.sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
                {s.isDemo ? " (demo)" : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Prompt set
          <select className={field} value={get("set")} onChange={(e) => set({ set: e.target.value })} data-testid="filter-set">
            <option value="">all sets</option>
            {filters.sets.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
                {s.isDemo ? " (demo)" : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Category
          <select className={field} value={get("category")} onChange={(e) => set({ category: e.target.value })} data-testid="filter-category">
            <option value="">all categories</option>
            {filters.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Language
          <select className={field} value={get("language")} onChange={(e) => set({ language: e.target.value })} data-testid="filter-language">
            <option value="">all languages</option>
            {filters.languages.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          From
          <input type="date" className={field} value={get("from")} onChange={(e) => set({ from: e.target.value })} data-testid="filter-from" />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          To (inclusive)
          <input type="date" className={field} value={get("to")} onChange={(e) => set({ to: e.target.value })} data-testid="filter-to" />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Toggle label="Exclude flagged voters" on={get("excludeFlagged") === "1"} onChange={(v) => set({ excludeFlagged: v ? "1" : null })} testId="toggle-exclude-flagged" />
        <Toggle label="Style control" on={get("style") === "1"} onChange={(v) => set({ style: v ? "1" : null })} testId="toggle-style" />
        <Segmented label="Rating" value={get("rating") || "bt"} options={[["bt", "Bradley–Terry"], ["elo", "Online Elo"]]} onChange={(v) => set({ rating: v === "bt" ? null : v })} testId="toggle-rating" />
        <Segmented label="CI method" value={get("method") || "bootstrap"} options={[["bootstrap", "Bootstrap"], ["sandwich", "Sandwich"]]} onChange={(v) => set({ method: v === "bootstrap" ? null : v })} testId="toggle-method" />
        {pending ? <span className="text-xs text-slate-500">updating…</span> : null}
      </div>
    </form>
  );
}
