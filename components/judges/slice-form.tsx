/**
 * The slice filter as a plain GET form, so every filtered view is a stable, shareable URL and works without JS.
 * `hidden` carries view parameters (e.g. the alt-test ε) through a filter change.
 */
import type { Slice } from "@/lib/validation/slice";

export interface SliceFormProps {
  action: string;
  slice: Slice;
  options: { sets: { slug: string; name: string }[]; categories: string[]; languages: string[] };
  hidden?: Record<string, string>;
}

const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : "");
const field = "mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export function SliceForm({ action, slice, options, hidden = {} }: SliceFormProps) {
  return (
    <form method="get" action={action} className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-xs sm:grid-cols-4 lg:grid-cols-7" aria-label="Filter the battles">
      <label className="text-slate-700">
        Prompt set
        <select name="set" defaultValue={slice.set ?? ""} className={field}>
          <option value="">all</option>
          {options.sets.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-slate-700">
        Category
        <select name="category" defaultValue={slice.category ?? ""} className={field}>
          <option value="">all</option>
          {options.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-slate-700">
        Language
        <select name="language" defaultValue={slice.language ?? ""} className={field}>
          <option value="">all</option>
          {options.languages.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-slate-700">
        Votes from
        <input type="date" name="from" defaultValue={day(slice.from)} className={field} />
      </label>
      <label className="text-slate-700">
        Votes to
        <input type="date" name="to" defaultValue={day(slice.to)} className={field} />
      </label>
      <label className="flex items-end gap-1 pb-1 text-slate-700">
        <input type="checkbox" name="excludeFlagged" value="1" defaultChecked={slice.excludeFlagged} />
        Leave out flagged voters
      </label>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="flex items-end">
        <button type="submit" className="w-full rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          Apply
        </button>
      </div>
    </form>
  );
}
