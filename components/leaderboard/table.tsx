"use client";
/** The ranking table: sortable by any column (sort in the URL), downloadable as CSV / JSON. */
import Link from "next/link";
import type { LeaderboardEntry, LeaderboardResult } from "@/lib/leaderboard/service";
import { TableDownload, type TableColumn } from "@/components/charts";
import { useQueryState } from "./use-query";

type Key = "rank" | "system" | "rating" | "ci" | "battles" | "winRate" | "organization";

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");

export function exportColumns(r: LeaderboardResult): TableColumn<LeaderboardEntry>[] {
  return [
    { key: "rank", header: "rank (UB)", value: (x) => x.rank },
    { key: "system", header: "system", value: (x) => x.system },
    { key: "name", header: "name", value: (x) => x.name },
    { key: "rating", header: r.ratingLabel, value: (x) => x.rating },
    { key: "ci_low", header: `${r.ci.label} low`, value: (x) => x.ciLow },
    { key: "ci_high", header: `${r.ci.label} high`, value: (x) => x.ciHigh },
    { key: "battles", header: "votes", value: (x) => x.battles },
    { key: "wins", header: "wins", value: (x) => x.wins },
    { key: "losses", header: "losses", value: (x) => x.losses },
    { key: "ties", header: "ties", value: (x) => x.ties },
    { key: "win_rate", header: "win rate", value: (x) => x.winRate },
    { key: "organization", header: "organization", value: (x) => x.organization },
  ];
}

export function LeaderboardTable({ result, filename }: { result: LeaderboardResult; filename: string }) {
  const { params, set } = useQueryState();
  const [key, dir] = (params.get("sort") ?? "rank:asc").split(":") as [Key, "asc" | "desc"];
  const value = (x: LeaderboardEntry): number | string =>
    key === "system" ? x.name.toLowerCase() : key === "organization" ? x.organization.toLowerCase() : key === "ci" ? x.ciHigh - x.ciLow : key === "rank" ? x.rank * 1e6 - x.rating : (x[key] as number);
  const rows = [...result.rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === "string" ? va.localeCompare(String(vb)) : (Number.isFinite(va) ? va : -Infinity) - (Number.isFinite(vb as number) ? (vb as number) : -Infinity);
    return dir === "asc" ? c : -c;
  });
  const header = (k: Key, text: string, numeric = true) => {
    const active = k === key;
    const next = active && dir === "asc" ? "desc" : active ? "asc" : numeric && k !== "rank" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={`px-2 py-2 ${numeric ? "text-right" : "text-left"}`}>
        <button type="button" className="font-semibold hover:text-blue-700" onClick={() => set({ sort: k === "rank" && next === "asc" ? null : `${k}:${next}` })} data-testid={`sort-${k}`}>
          {text}
          {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
        </button>
      </th>
    );
  };
  return (
    <section className="space-y-2" aria-label="Ranking">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          Rank (UB): 1 + the number of systems whose lower bound is above this one&apos;s upper bound. Rating: {result.ratingLabel}; {result.ci.label}.
        </p>
        <TableDownload rows={result.rows} columns={exportColumns(result)} filename={filename} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="leaderboard-table">
          <thead className="bg-slate-50 text-xs text-slate-700">
            <tr>
              {header("rank", "Rank (UB)")}
              {header("system", "System", false)}
              {header("rating", "Rating")}
              {header("ci", result.ci.label)}
              {header("battles", "Votes")}
              {header("winRate", "Win rate")}
              {header("organization", "Organization", false)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.system} className="border-t border-slate-100" data-system={r.system}>
                <td className="px-2 py-1.5 text-right tabular-nums">{r.rank}</td>
                <td className="px-2 py-1.5">
                  <Link href={`/systems/${r.system}`} className="font-medium text-blue-800 hover:underline">
                    {r.name}
                  </Link>
                  {r.isDemo ? <span className="ml-1 rounded bg-amber-100 px-1 text-[10px] text-amber-800">demo</span> : null}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums" data-testid="rating">{f1(r.rating)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums text-slate-600">
                  {result.ci.method === "none" ? "–" : `${f1(r.ciLow)} – ${f1(r.ciHigh)}`}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{r.battles}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{Number.isFinite(r.winRate) ? `${(r.winRate * 100).toFixed(1)}%` : "–"}</td>
                <td className="px-2 py-1.5 text-slate-700">{r.organization}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
