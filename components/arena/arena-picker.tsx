"use client";

import type { ArenaSetOption } from "@/lib/arena/types";

/** Keeps a voter inside one prompt set and/or category; "" means any. */
export function ArenaPicker({
  sets,
  value,
  onChange,
}: {
  sets: ArenaSetOption[];
  value: { set: string; category: string };
  onChange: (v: { set: string; category: string }) => void;
}) {
  const categories = [...new Set((value.set ? sets.filter((s) => s.slug === value.set) : sets).flatMap((s) => s.categories))].sort();
  const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-56";
  return (
    <form className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={(e) => e.preventDefault()} aria-label="Battle filter">
      <label className="text-sm text-slate-700">
        Prompt set
        <select className={field} value={value.set} onChange={(e) => onChange({ set: e.target.value, category: "" })} data-testid="pick-set">
          <option value="">All sets</option>
          {sets.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Category
        <select className={field} value={value.category} onChange={(e) => onChange({ ...value, category: e.target.value })} data-testid="pick-category">
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
