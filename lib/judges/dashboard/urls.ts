/** Stable dashboard URLs: the slice in sliceKey order (source left out: the dashboard ignores it), then extras. */
import { sliceKey, type Slice } from "@/lib/validation/slice";

export function dashboardQuery(slice: Slice, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams(sliceKey({ ...slice, source: "crowd" }));
  p.delete("source");
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
