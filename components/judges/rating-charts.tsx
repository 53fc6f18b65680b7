"use client";
/**
 * Ranking charts of one judge against the crowd: rating scatter with the identity line and both 95% CIs, the
 * rank-change slope chart, and the JuStRank decisiveness curve (win rates with the fitted Beta CDF).
 */
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  LabelList,
} from "recharts";
import { ChartFrame } from "@/components/charts";
import type { JudgeDetail } from "@/lib/judges/dashboard/types";

const JUDGE = "#2563eb";
const FAMILY = "#d97706";
const f0 = (v: number | null) => (v === null ? "—" : v.toFixed(0));

interface ScatterDatum {
  name: string;
  x: number;
  y: number;
  ex: [number, number];
  ey: [number, number];
  sameFamily: boolean;
  text: string;
}

export function RatingScatter({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const data: ScatterDatum[] = detail.systems.map((s) => ({
    name: s.name,
    x: s.human.rating,
    y: s.judge.rating,
    ex: [s.human.ciLow === null ? 0 : s.human.rating - s.human.ciLow, s.human.ciHigh === null ? 0 : s.human.ciHigh - s.human.rating],
    ey: [s.judge.ciLow === null ? 0 : s.judge.rating - s.judge.ciLow, s.judge.ciHigh === null ? 0 : s.judge.ciHigh - s.judge.rating],
    sameFamily: s.sameFamily,
    text: `crowd ${f0(s.human.rating)} [${f0(s.human.ciLow)}, ${f0(s.human.ciHigh)}] · judge ${f0(s.judge.rating)} [${f0(s.judge.ciLow)}, ${f0(s.judge.ciHigh)}]`,
  }));
  const vals = detail.systems.flatMap((s) => [s.human.ciLow ?? s.human.rating, s.human.ciHigh ?? s.human.rating, s.judge.ciLow ?? s.judge.rating, s.judge.ciHigh ?? s.judge.rating]);
  const lo = Math.floor((Math.min(...vals) - 20) / 50) * 50;
  const hi = Math.ceil((Math.max(...vals) + 20) / 50) * 50;
  const own = data.filter((d) => d.sameFamily);
  const other = data.filter((d) => !d.sameFamily);
  return (
    <ChartFrame
      title="Crowd rating vs judge rating"
      subtitle={`Bradley–Terry ratings (Elo-like points, mean 1000) of the ${data.length} systems both ranked, with 95% bootstrap CIs on both axes. On the dashed identity line the judge rates a system exactly as the crowd does.`}
      filename={`${detail.row.judge}-rating-scatter`}
      demo={demo}
      testId="rating-scatter"
    >
      <div style={{ width: "100%", height: 360 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 24, bottom: 34, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis type="number" dataKey="x" domain={[lo, hi]} tick={{ fontSize: 11 }} label={{ value: "crowd rating (points)", position: "insideBottom", offset: -20, fontSize: 12, fill: "#334155" }} />
            <YAxis type="number" dataKey="y" domain={[lo, hi]} tick={{ fontSize: 11 }} width={52} label={{ value: "judge rating (points)", angle: -90, position: "insideLeft", offset: 4, fontSize: 12, fill: "#334155", style: { textAnchor: "middle" } }} />
            <ReferenceLine segment={[{ x: lo, y: lo }, { x: hi, y: hi }]} stroke="#94a3b8" strokeDasharray="6 4" ifOverflow="hidden" />
            <Tooltip content={({ active, payload }) => (active && payload?.length ? <Tip title={(payload[0].payload as ScatterDatum).name} body={(payload[0].payload as ScatterDatum).text} /> : null)} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Scatter name="system" data={other} fill={JUDGE} isAnimationActive={false}>
              <ErrorBar dataKey="ex" direction="x" width={4} stroke={JUDGE} isAnimationActive={false} />
              <ErrorBar dataKey="ey" direction="y" width={4} stroke={JUDGE} isAnimationActive={false} />
              <LabelList dataKey="name" position="right" style={{ fontSize: 10, fill: "#334155" }} />
            </Scatter>
            {own.length ? (
              <Scatter name={`same family as the judge (${detail.row.family})`} data={own} fill={FAMILY} shape="diamond" isAnimationActive={false}>
                <ErrorBar dataKey="ex" direction="x" width={4} stroke={FAMILY} isAnimationActive={false} />
                <ErrorBar dataKey="ey" direction="y" width={4} stroke={FAMILY} isAnimationActive={false} />
                <LabelList dataKey="name" position="right" style={{ fontSize: 10, fill: "#92400e" }} />
              </Scatter>
            ) : null}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

function Tip({ title, body }: { title: string; body: string }) {
  return (
    <div className="max-w-xs rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow">
      <div className="font-semibold">{title}</div>
      <div>{body}</div>
    </div>
  );
}

/** Plain-SVG slope chart: crowd rank on the left, judge rank on the right, one line per system. */
export function RankSlope({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const rows = detail.systems.map((s) => ({ ...s, h: 0, j: 0 }));
  [...rows].sort((a, b) => b.human.rating - a.human.rating).forEach((r, i) => (r.h = i + 1));
  [...rows].sort((a, b) => b.judge.rating - a.judge.rating).forEach((r, i) => (r.j = i + 1));
  const n = rows.length;
  const W = 520;
  const rowH = 30;
  const top = 34;
  const H = top + n * rowH + 10;
  const xl = 170;
  const xr = W - 170;
  const y = (rank: number) => top + (rank - 0.5) * rowH;
  return (
    <ChartFrame
      title="Rank change: crowd → judge"
      subtitle="Each line joins a system's rank by the crowd (left) to its rank by the judge (right); 1 = best. Steep lines are systems the judge ranks differently."
      filename={`${detail.row.judge}-rank-slope`}
      demo={demo}
      testId="rank-slope"
    >
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="rank change from crowd to judge" style={{ maxHeight: H * 1.4 }}>
        <text x={xl} y={18} textAnchor="middle" fontSize={12} fontWeight={600} fill="#334155">crowd rank</text>
        <text x={xr} y={18} textAnchor="middle" fontSize={12} fontWeight={600} fill="#334155">judge rank</text>
        {rows.map((r) => {
          const moved = r.h !== r.j;
          const color = r.sameFamily ? FAMILY : moved ? JUDGE : "#94a3b8";
          return (
            <g key={r.system}>
              <title>{`${r.name}: crowd #${r.h} → judge #${r.j}`}</title>
              <line x1={xl} y1={y(r.h)} x2={xr} y2={y(r.j)} stroke={color} strokeWidth={moved ? 2.5 : 1.5} />
              <circle cx={xl} cy={y(r.h)} r={4} fill={color} />
              <circle cx={xr} cy={y(r.j)} r={4} fill={color} />
              <text x={xl - 8} y={y(r.h) + 4} textAnchor="end" fontSize={11} fill="#0f172a">{`${r.h}. ${r.name}`}</text>
              <text x={xr + 8} y={y(r.j) + 4} fontSize={11} fill="#0f172a">{`${r.j}. ${r.name}`}</text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

interface WinDatum {
  human: number;
  judge: number;
  label: string;
}

export function DecisivenessChart({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const { alpha, points, curve } = detail.decisiveness;
  const pts: WinDatum[] = points.map((p) => ({ human: p.human, judge: p.judge, label: `${p.system} vs ${p.opponent}: crowd ${(p.human * 100).toFixed(0)}% (n=${p.nHuman}), judge ${(p.judge * 100).toFixed(0)}% (n=${p.nJudge})` }));
  const reading =
    alpha === null ? "" : alpha > 1.1 ? "α > 1: the judge is more decisive than the crowd (pushes win rates towards 0% and 100%)." : alpha < 0.9 ? "α < 1: the judge is less decisive than the crowd (pulls win rates towards 50%)." : "α ≈ 1: about as decisive as the crowd.";
  return (
    <ChartFrame
      title={`Decisiveness (JuStRank): α = ${alpha === null ? "—" : alpha.toFixed(2)}`}
      subtitle={`One point per ordered system pair (${pts.length}): the crowd's win rate against the judge's. The line is the fitted Beta CDF I(p; α, α). ${reading}`}
      filename={`${detail.row.judge}-decisiveness`}
      demo={demo}
      testId="decisiveness"
    >
      <div style={{ width: "100%", height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart margin={{ top: 10, right: 20, bottom: 34, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis type="number" dataKey="human" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={{ value: "crowd win rate of the system", position: "insideBottom", offset: -20, fontSize: 12, fill: "#334155" }} />
            <YAxis type="number" dataKey="judge" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} width={48} label={{ value: "judge win rate", angle: -90, position: "insideLeft", offset: 4, fontSize: 12, fill: "#334155", style: { textAnchor: "middle" } }} />
            <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#94a3b8" strokeDasharray="6 4" />
            <Tooltip content={({ active, payload }) => (active && payload?.length && (payload[0].payload as WinDatum).label ? <Tip title="pair" body={(payload[0].payload as WinDatum).label} /> : null)} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Line data={curve} dataKey="judge" name={`Beta CDF fit (α = ${alpha?.toFixed(2) ?? "—"})`} stroke="#dc2626" dot={false} strokeWidth={2} isAnimationActive={false} type="monotone" />
            <Scatter data={pts} dataKey="judge" name="system pair" fill={JUDGE} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
