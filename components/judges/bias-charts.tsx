"use client";
/**
 * Bias charts of one judge: JuStRank per-system bias (own family highlighted), position bias (first-shown share with
 * Wilson 95% CIs), verbosity bias (the longer answer's win rate by length difference) and the confusion matrix
 * against the human majority.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartFrame, Heatmap } from "@/components/charts";
import type { JudgeDetail, ProportionCi } from "@/lib/judges/dashboard/types";
import { MetricBars } from "./metric-bars";

const JUDGE = "#2563eb";
const CROWD = "#64748b";
const FAMILY = "#d97706";
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(0)}%`);
const ciText = (p: ProportionCi) => `${pct(p.share)} [${pct(p.ciLow)}, ${pct(p.ciHigh)}], n = ${p.n.toLocaleString("en")}`;

export function SystemBiasChart({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const data = detail.bias.map((b) => ({ ...b, label: b.sameFamily ? `${b.name} ★` : b.name, pts: b.bias * 100 }));
  const lim = Math.max(10, Math.ceil(Math.max(...data.map((d) => Math.abs(d.pts)), 0) / 5) * 5);
  const own = data.filter((d) => d.sameFamily).map((d) => d.name);
  return (
    <ChartFrame
      title="Per-system bias (JuStRank)"
      subtitle={`Mean over opponents of the judge's win rate minus what its decisiveness predicts from the crowd's, in percentage points. Positive = the judge favours the system. ★ = same family as the judge ("${detail.row.family || "none"}"${own.length ? `: ${own.join(", ")}` : ""}), the self-preference check.`}
      filename={`${detail.row.judge}-system-bias`}
      demo={demo}
      testId="system-bias"
    >
      <div style={{ width: "100%", height: Math.max(160, data.length * 34 + 60) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 6, right: 24, bottom: 26, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" domain={[-lim, lim]} tick={{ fontSize: 11 }} tickFormatter={(v: number) => `${v > 0 ? "+" : ""}${v}`} label={{ value: "bias (win-rate points)", position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }} />
            <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 11 }} interval={0} />
            <ReferenceLine x={0} stroke="#0f172a" />
            <Tooltip formatter={(v) => [`${Number(v).toFixed(1)} pts`, "bias"]} />
            <Bar dataKey="pts" isAnimationActive={false} barSize={18}>
              {data.map((d) => (
                <Cell key={d.system} fill={d.sameFamily ? FAMILY : JUDGE} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

export function PositionBiasChart({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const { judge, crowd } = detail.position;
  return (
    <ChartFrame
      title={`Position bias: picks the first-shown answer ${pct(judge.share)}`}
      subtitle={`Share of decisive verdicts (ties and both-bad left out) that go to the answer shown first (left), with 95% Wilson CIs. 50% = no position bias. Judge: ${ciText(judge)}. Crowd: ${ciText(crowd)}.`}
      filename={`${detail.row.judge}-position-bias`}
      demo={demo}
      testId="position-bias"
    >
      <MetricBars
        bars={[
          { label: "judge", value: judge.share, low: judge.ciLow, high: judge.ciHigh, note: `n = ${judge.n} decisive verdicts`, color: JUDGE },
          { label: "crowd", value: crowd.share, low: crowd.ciLow, high: crowd.ciHigh, note: `n = ${crowd.n} decisive votes`, color: CROWD },
        ]}
        domain={[0, 1]}
        percent
        xLabel="first-shown picks (% of decisive)"
        references={[{ value: 0.5, label: "50% = unbiased", color: "#dc2626" }]}
      />
    </ChartFrame>
  );
}

export function VerbosityChart({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const { bins, judgeLonger, crowdLonger } = detail.verbosity;
  const data = bins.map((b) => ({ ...b, judgePct: b.judge, crowdPct: b.crowd }));
  return (
    <ChartFrame
      title={`Verbosity bias: prefers the longer answer ${pct(judgeLonger.share)}`}
      subtitle={`Win rate of the longer answer (ties count ½) by how many tokens longer it is (bins: quintiles of the length difference). Judge: ${ciText(judgeLonger)} of decisive verdicts for the longer answer; crowd: ${ciText(crowdLonger)}. A judge line far above the crowd's = length bias.`}
      filename={`${detail.row.judge}-verbosity-bias`}
      demo={demo}
      testId="verbosity-bias"
    >
      <div style={{ width: "100%", height: 300 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 34, left: 10 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} label={{ value: "extra length (tokens)", position: "insideBottom", offset: -20, fontSize: 12, fill: "#334155" }} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} width={48} label={{ value: "longer answer wins", angle: -90, position: "insideLeft", offset: 4, fontSize: 12, fill: "#334155", style: { textAnchor: "middle" } }} />
            <ReferenceLine y={0.5} stroke="#dc2626" strokeDasharray="5 3" />
            <Tooltip formatter={(v, name, item) => [pct(Number(v)), `${String(name)} (n = ${name === "judge" ? (item.payload as { nJudge: number }).nJudge : (item.payload as { nCrowd: number }).nCrowd})`]} />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Line dataKey="judgePct" name="judge" stroke={JUDGE} strokeWidth={2.5} isAnimationActive={false} connectNulls />
            <Line dataKey="crowdPct" name="crowd" stroke={CROWD} strokeWidth={2} strokeDasharray="4 3" isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

const LABELS: Record<string, string> = { A: "first system wins", B: "second system wins", tie: "tie / both bad" };

export function ConfusionChart({ detail, demo }: { detail: JudgeDetail; demo: boolean }) {
  const { labels, matrix, keys, noMajority } = detail.confusion;
  const names = labels.map((l) => LABELS[l] ?? l);
  const total = matrix.flat().reduce((s, v) => s + v, 0);
  const diag = labels.reduce((s, _, i) => s + matrix[i][i], 0);
  return (
    <ChartFrame
      title="Confusion matrix vs the human majority"
      subtitle={`Per battle key (prompt, pair, turn): rows = the humans' majority verdict, columns = the judge's verdict (both orders combined; a split counts as a tie). n = ${keys} keys; ${noMajority} keys without a human majority left out. Diagonal = ${total ? ((diag / total) * 100).toFixed(0) : "—"}% of keys. "First system" = the pair's canonical first system.`}
      filename={`${detail.row.judge}-confusion`}
      demo={demo}
      testId="confusion"
    >
      <Heatmap
        rows={names}
        cols={names}
        values={matrix}
        scale="sequential"
        min={0}
        format={(v) => String(v)}
        describe={(r, c, v) => `humans: ${r}, judge: ${c} — ${v} keys`}
        rowAxis="human majority"
        colAxis="judge verdict"
      />
    </ChartFrame>
  );
}
