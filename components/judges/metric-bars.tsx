"use client";
/**
 * Horizontal bars (one per row) with optional 95% CI whiskers and labelled reference lines — the judge leaderboard's
 * τ, agreement-vs-ceiling and bias-share charts. Values are fractions or correlations; `percent` formats as %.
 */
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface MetricBar {
  label: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
  /** Shown in the tooltip, e.g. "n = 3,978 comparisons". */
  note?: string;
  color?: string;
}

export interface MetricBarsProps {
  bars: MetricBar[];
  domain: [number, number];
  xLabel: string;
  percent?: boolean;
  references?: { value: number; label: string; color?: string }[];
  testId?: string;
}

interface Datum {
  label: string;
  value: number;
  err: [number, number];
  text: string;
  note: string;
  color: string;
}

export const fmtMetric = (v: number | null | undefined, percent = false, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : percent ? `${(v * 100).toFixed(digits === 2 ? 0 : digits)}%` : v.toFixed(digits);

export function MetricBars({ bars, domain, xLabel, percent = false, references = [], testId }: MetricBarsProps) {
  const data: Datum[] = bars.map((b) => {
    const v = b.value ?? 0;
    const lo = b.low ?? v;
    const hi = b.high ?? v;
    return {
      label: b.label,
      value: v,
      err: [Math.max(0, v - lo), Math.max(0, hi - v)],
      text: b.value === null ? "n/a" : fmtMetric(b.value, percent) + (b.low != null && b.high != null ? ` [${fmtMetric(b.low, percent)}, ${fmtMetric(b.high, percent)}]` : ""),
      note: b.note ?? "",
      color: b.color ?? "#2563eb",
    };
  });
  const longest = Math.max(8, ...bars.map((b) => b.label.length));
  const yWidth = Math.min(150, 10 + longest * 6.2);
  const height = Math.max(120, bars.length * 40 + (references.length ? 70 : 50));
  const tick = (v: number) => (percent ? `${Math.round(v * 100)}%` : v.toFixed(1));
  return (
    <div style={{ width: "100%", height }} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: references.length ? 22 : 6, right: 24, bottom: 26, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis
            type="number"
            domain={domain}
            tickFormatter={tick}
            tick={{ fontSize: 11 }}
            label={{ value: xLabel, position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }}
          />
          <YAxis type="category" dataKey="label" width={yWidth} tick={{ fontSize: 11 }} interval={0} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={({ active, payload }) => {
              if (!active || !payload?.length) return null;
              const d = payload[0].payload as Datum;
              return (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  <div className="font-semibold">{d.label}</div>
                  <div>{d.text}</div>
                  {d.note ? <div className="text-slate-600">{d.note}</div> : null}
                </div>
              );
            }}
          />
          <Bar dataKey="value" isAnimationActive={false} barSize={18}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.color} />
            ))}
            <ErrorBar dataKey="err" width={6} strokeWidth={1.5} stroke="#0f172a" direction="x" isAnimationActive={false} />
          </Bar>
          {references.map((r) => (
            <ReferenceLine
              key={r.label}
              x={r.value}
              stroke={r.color ?? "#dc2626"}
              strokeDasharray="5 3"
              strokeWidth={1.5}
              label={{ value: r.label, position: "top", fontSize: 11, fill: r.color ?? "#dc2626" }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
