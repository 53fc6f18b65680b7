"use client";
/** A time-series line chart (recharts): x = time (ms since epoch, shown as dates), one line per series. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface LineSeries {
  name: string;
  color: string;
  points: { t: number; value: number }[];
}

export interface TimeLineChartProps {
  series: LineSeries[];
  yLabel: string;
  xLabel?: string;
  height?: number;
  digits?: number;
}

const day = (t: number) => new Date(t).toISOString().slice(5, 10);

export function TimeLineChart({ series, yLabel, xLabel = "date (UTC)", height = 280, digits = 0 }: TimeLineChartProps) {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const data = times.map((t) => {
    const row: Record<string, number> = { t };
    for (const s of series) {
      const p = s.points.find((q) => q.t === t);
      if (p) row[s.name] = p.value;
    }
    return row;
  });
  return (
    <div style={{ width: "100%", height }} data-testid="line-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 28, left: 12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={day}
            tick={{ fontSize: 11 }}
            label={{ value: xLabel, position: "insideBottom", offset: -16, fontSize: 12, fill: "#334155" }}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            domain={["auto", "auto"]}
            width={56}
            label={{ value: yLabel, angle: -90, position: "insideLeft", offset: 0, fontSize: 12, fill: "#334155", style: { textAnchor: "middle" } }}
          />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)}
            formatter={(v) => (typeof v === "number" ? v.toFixed(digits) : String(v))}
          />
          {series.length > 1 ? <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Line key={s.name} type="monotone" dataKey={s.name} stroke={s.color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
