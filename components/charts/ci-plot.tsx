"use client";
/**
 * Confidence-interval whisker plot: one row per item (ordered as given, normally by rating), a point at the estimate
 * and whiskers from the interval's low to high end. Horizontal layout so long system names stay readable on phones.
 */
import { CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

export interface CiPoint {
  label: string;
  value: number;
  low: number;
  high: number;
}

export interface CiSeries {
  name: string;
  color: string;
  points: CiPoint[];
}

export interface CiPlotProps {
  series: CiSeries[];
  /** Axis label with units, e.g. "rating (BT, 400-pt scale)". */
  xLabel: string;
  /** Digits shown in the tooltip. */
  digits?: number;
}

interface Datum extends CiPoint {
  err: [number, number];
}

const fmt = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : "–");

export function CiPlot({ series, xLabel, digits = 0 }: CiPlotProps) {
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.low) && Number.isFinite(p.high));
  const min = Math.min(...all.map((p) => p.low));
  const max = Math.max(...all.map((p) => p.high));
  const pad = Math.max(5, (max - min) * 0.05);
  const domain: [number, number] = all.length ? [Math.floor((min - pad) / 10) * 10, Math.ceil((max + pad) / 10) * 10] : [0, 1];
  const longest = Math.max(40, ...labels.map((l) => l.length));
  const yWidth = Math.min(150, 8 + longest * 6);
  const height = Math.max(160, labels.length * (series.length > 1 ? 34 : 28) + 80);
  return (
    <div style={{ width: "100%", height }} data-testid="ci-plot">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            type="number"
            dataKey="value"
            domain={domain}
            tick={{ fontSize: 11 }}
            tickCount={5}
            label={{ value: xLabel, position: "insideBottom", offset: -16, fontSize: 12, fill: "#334155" }}
          />
          <YAxis type="category" dataKey="label" allowDuplicatedCategory={false} width={yWidth} tick={{ fontSize: 11 }} interval={0} reversed />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            content={({ active, payload }) => {
              if (!active || !payload?.length) return null;
              const d = payload[0].payload as Datum;
              return (
                <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
                  <div className="font-semibold">{d.label}</div>
                  <div>
                    {fmt(d.value, digits)} [{fmt(d.low, digits)}, {fmt(d.high, digits)}]
                  </div>
                </div>
              );
            }}
          />
          {series.length > 1 ? <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Scatter
              key={s.name}
              name={s.name}
              data={s.points.map((p): Datum => ({ ...p, err: [p.value - p.low, p.high - p.value] }))}
              fill={s.color}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="err" direction="x" width={6} strokeWidth={1.5} stroke={s.color} />
            </Scatter>
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
