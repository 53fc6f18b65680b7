"use client";
/** `/systems/[slug]`: rating history, opponents, categories, sample battles with the reveal. */
import Link from "next/link";
import type { SystemPageData } from "@/lib/systems/service";
import { ChartFrame, TableDownload, TimeLineChart } from "@/components/charts";

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–");

export function SystemView({ data }: { data: SystemPageData }) {
  const { system, overall } = data;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/leaderboard" className="text-blue-800 hover:underline">
          ← Leaderboard
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">
          {system.name}
          {system.isDemo ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-800">demo</span> : null}
        </h1>
        <p className="text-sm text-slate-600">
          {system.organization}
          {system.family ? ` · family ${system.family}` : ""} · {system.description}
        </p>
        {overall ? (
          <p className="mt-1 text-sm" data-testid="system-overall">
            Crowd rank (UB) {overall.rank}: {f1(overall.rating)} ({data.ratingLabel}), {data.ciLabel} {f1(overall.ciLow)} – {f1(overall.ciHigh)}; {overall.battles} votes, win rate {pct(overall.winRate)}.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">No crowd votes yet.</p>
        )}
      </div>
      <ChartFrame title="Rating history" subtitle={data.historyLabel} filename={`${system.slug}-history`} demo={system.isDemo} testId="chart-history">
        <TimeLineChart series={[{ name: system.name, color: "#1d4ed8", points: data.history }]} yLabel="rating (Elo, 400-pt)" />
      </ChartFrame>
      <section className="space-y-2" aria-label="Opponents">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">Against each opponent (crowd)</h2>
          <TableDownload
            rows={data.opponents}
            columns={[
              { key: "opponent", header: "opponent", value: (o) => o.system },
              { key: "battles", header: "battles", value: (o) => o.battles },
              { key: "win_rate", header: "win rate (ties half)", value: (o) => o.winRate },
              { key: "win_rate_no_ties", header: "win rate (ties excluded)", value: (o) => o.winRateNoTies },
              { key: "predicted", header: "predicted win probability (BT)", value: (o) => o.predicted },
            ]}
            filename={`${system.slug}-opponents`}
          />
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-xs">
              <tr>
                <th className="px-2 py-1 text-left">Opponent</th>
                <th className="px-2 py-1 text-right">Battles</th>
                <th className="px-2 py-1 text-right">Win rate (ties ½)</th>
                <th className="px-2 py-1 text-right">Ties excluded</th>
                <th className="px-2 py-1 text-right">Predicted (BT)</th>
              </tr>
            </thead>
            <tbody>
              {data.opponents.map((o) => (
                <tr key={o.system} className="border-t border-slate-100">
                  <td className="px-2 py-1">
                    <Link className="text-blue-800 hover:underline" href={`/systems/${o.system}`}>
                      {o.name}
                    </Link>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{o.battles}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{pct(o.winRate)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{pct(o.winRateNoTies)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{pct(o.predicted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2" aria-label="Categories">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">By category (crowd, BT refit per category)</h2>
          <TableDownload
            rows={data.categories}
            columns={[
              { key: "category", header: "category", value: (c) => c.category },
              { key: "rank", header: "rank (UB)", value: (c) => c.rank },
              { key: "rating", header: "rating (BT)", value: (c) => c.rating },
              { key: "ci_low", header: "ci low", value: (c) => c.ciLow },
              { key: "ci_high", header: "ci high", value: (c) => c.ciHigh },
              { key: "battles", header: "votes", value: (c) => c.battles },
              { key: "win_rate", header: "win rate", value: (c) => c.winRate },
            ]}
            filename={`${system.slug}-categories`}
          />
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="category-table">
            <thead className="bg-slate-50 text-xs">
              <tr>
                <th className="px-2 py-1 text-left">Category</th>
                <th className="px-2 py-1 text-right">Rank (UB)</th>
                <th className="px-2 py-1 text-right">Rating</th>
                <th className="px-2 py-1 text-right">{data.ciLabel}</th>
                <th className="px-2 py-1 text-right">Votes</th>
                <th className="px-2 py-1 text-right">Win rate</th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.category} className="border-t border-slate-100">
                  <td className="px-2 py-1">
                    <Link className="text-blue-800 hover:underline" href={`/leaderboard?category=${encodeURIComponent(c.category)}`}>
                      {c.category}
                    </Link>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {c.rank} / {c.of}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{f1(c.rating)}</td>
                  <td className="px-2 py-1 text-right tabular-nums text-slate-600">
                    {f1(c.ciLow)} – {f1(c.ciHigh)}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{c.battles}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{pct(c.winRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2" aria-label="Sample battles">
        <h2 className="font-semibold">Recent battles (names revealed after voting)</h2>
        <ul className="space-y-3">
          {data.samples.map((s) => (
            <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <p className="mb-2 text-xs text-slate-500">
                battle {s.id} · {s.category} · crowd: {s.a.name} {s.votes.A} – {s.votes.B} {s.b.name}, {s.votes.tie} tie/both bad
              </p>
              <p className="mb-2 whitespace-pre-wrap font-medium">{s.prompt.slice(0, 400)}</p>
              <div className="grid gap-2 sm:grid-cols-2">
                {[s.a, s.b].map((side) => (
                  <div key={side.slug} className="rounded border border-slate-100 bg-slate-50 p-2">
                    <Link href={`/systems/${side.slug}`} className="text-xs font-semibold text-blue-800 hover:underline">
                      {side.name}
                    </Link>
                    <p className="mt-1 max-h-40 overflow-hidden whitespace-pre-wrap text-xs text-slate-700">{side.answer.slice(0, 600)}</p>
                  </div>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
