"use client";
/** The leaderboard's charts: CI whisker plot, the three pairwise heatmaps, style coefficients. */
import { useState } from "react";
import type { LeaderboardResult } from "@/lib/leaderboard/service";
import { ChartFrame, CiPlot, Heatmap, TableDownload } from "@/components/charts";

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function RatingCiChart({ result }: { result: LeaderboardResult }) {
  const demo = result.meta.demo;
  const points = result.rows.filter((r) => Number.isFinite(r.rating)).map((r) => ({ label: r.name, value: r.rating, low: r.ciLow, high: r.ciHigh }));
  return (
    <ChartFrame title="Ratings with confidence intervals" subtitle={`${result.source.label}; ${result.ratingLabel}; whiskers: ${result.ci.label}`} filename="leaderboard-ratings" demo={demo} testId="chart-ci">
      <CiPlot series={[{ name: result.ratingLabel, color: "#1d4ed8", points }]} xLabel={result.ratingLabel} />
    </ChartFrame>
  );
}

type MatrixKind = "winRateNoTies" | "winRateTiesHalf" | "battles" | "predicted";

const MATRICES: Record<MatrixKind, { title: string; subtitle: string }> = {
  winRateNoTies: { title: "Observed win rate (ties excluded)", subtitle: "share of decisive battles the row system won against the column system" },
  winRateTiesHalf: { title: "Observed win rate (ties as half)", subtitle: "(wins + ½ ties) / battles, row against column" },
  battles: { title: "Battle count", subtitle: "votes between the two systems (either order)" },
  predicted: { title: "Predicted win probability", subtitle: "P(row beats column) = 1 / (1 + 10^((R_col − R_row)/400)) from the ratings shown" },
};

export function MatrixCharts({ result, apiHref }: { result: LeaderboardResult; apiHref: string }) {
  const [kind, setKind] = useState<MatrixKind>("winRateNoTies");
  const m = result.matrices;
  const info = MATRICES[kind];
  const values = m[kind];
  const isCount = kind === "battles";
  const rows = m.names.map((name, i) => ({ name, ...Object.fromEntries(m.names.map((c, j) => [c, values[i][j]])) }));
  return (
    <div className="space-y-2">
      <div role="tablist" aria-label="Pairwise matrix" className="flex flex-wrap gap-1 text-xs">
        {(Object.keys(MATRICES) as MatrixKind[]).map((k) => (
          <button key={k} role="tab" aria-selected={k === kind} type="button" onClick={() => setKind(k)} className={`rounded border px-2 py-1 ${k === kind ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`}>
            {MATRICES[k].title}
          </button>
        ))}
      </div>
      {m.of ? (
        <p className="text-xs text-slate-600" data-testid="matrix-cut">
          The top {m.names.length} of {m.of} systems by rating. All {m.of}:{" "}
          <a className="underline" href={apiHref}>
            the JSON API with <code>include=matrices</code>
          </a>
          .
        </p>
      ) : null}
      <ChartFrame title={info.title} subtitle={info.subtitle} filename={`leaderboard-${kind}`} demo={result.meta.demo} testId="chart-heatmap">
        <Heatmap
          rows={m.names}
          cols={m.names}
          values={values}
          scale={isCount ? "sequential" : "diverging"}
          min={isCount ? 0 : 0}
          max={isCount ? undefined : 1}
          mid={0.5}
          format={isCount ? (v) => String(Math.round(v)) : pct}
          describe={(r, c, v) => (isCount ? `${r} vs ${c}: ${v} battles` : `${r} vs ${c}: ${v}`)}
          rowAxis="system"
          colAxis="opponent"
        />
        <div className="mt-2 flex justify-end">
          <TableDownload
            rows={rows}
            columns={[{ key: "system", header: "system", value: (x) => x.name }, ...m.names.map((c) => ({ key: c, header: c, value: (x: Record<string, unknown>) => x[c] as number }))]}
            filename={`leaderboard-${kind}`}
          />
        </div>
      </ChartFrame>
      {kind === "predicted" ? (
        <p className="text-xs text-slate-600">
          Average predicted win rate against all others (uniform opponents, no ties):{" "}
          {m.names.map((n, i) => `${n} ${pct(m.averageWinRate[i])}`).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}

export function StyleCoefficients({ result }: { result: LeaderboardResult }) {
  const s = result.style;
  if (!s) return null;
  const rows = s.coefficients;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3" aria-label="Style coefficients" data-testid="style-coefficients">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 className="font-semibold">Style coefficients</h3>
          <p className="text-xs text-slate-600">
            Logit units per SD of the normalised difference (a − b)/(a + b + 1); positive = voters prefer more of it. {s.battles} battles with both
            answers&apos; text{s.skipped ? `, ${s.skipped} without` : ""}; {s.ci.label}.
          </p>
        </div>
        <TableDownload
          rows={rows}
          columns={[
            { key: "feature", header: "feature", value: (c) => c.feature },
            { key: "value", header: "coefficient (logit/SD)", value: (c) => c.value },
            { key: "ci_low", header: "ci low", value: (c) => c.ciLow },
            { key: "ci_high", header: "ci high", value: (c) => c.ciHigh },
          ]}
          filename="style-coefficients"
        />
      </div>
      <table className="text-sm">
        <thead className="text-xs text-slate-600">
          <tr>
            <th className="pr-4 text-left">feature</th>
            <th className="pr-4 text-right">coefficient</th>
            <th className="text-right">{s.ci.label}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.feature}>
              <td className="pr-4">{c.feature}</td>
              <td className="pr-4 text-right tabular-nums">{c.value.toFixed(3)}</td>
              <td className="text-right tabular-nums text-slate-600">
                {c.ciLow.toFixed(3)} – {c.ciHigh.toFixed(3)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
