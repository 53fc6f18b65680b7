"use client";
/** The judge leaderboard's charts and table downloads: τ with CIs, agreement against the human–human ceiling, biases. */
import { ChartFrame, TableDownload, type TableColumn } from "@/components/charts";
import type { JudgeLeaderboard, JudgeLeaderboardRow } from "@/lib/judges/dashboard/types";
import { MetricBars, fmtMetric } from "./metric-bars";

const WEAK = "#94a3b8";
const color = (j: JudgeLeaderboardRow, base: string) => (j.warnings.length ? WEAK : base);

export function OverviewCharts({ lb, demo }: { lb: JudgeLeaderboard; demo: boolean }) {
  const hh = lb.humanHuman;
  const short = (j: JudgeLeaderboardRow) => j.judge;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartFrame
        title="Kendall τ with the crowd's ranking"
        subtitle="Rank correlation between the judge's Bradley–Terry ranking and the crowd's on their common systems, with 95% bootstrap CIs. 1 = same order, 0 = unrelated. Grey = too few battles or systems."
        filename="judges-kendall-tau"
        demo={demo}
        testId="tau-chart"
      >
        <MetricBars
          bars={lb.judges.map((j) => ({ label: short(j), value: j.kendallTau, low: j.tauCiLow, high: j.tauCiHigh, note: `${j.systems} systems, ${j.battles} shared battles`, color: color(j, "#2563eb") }))}
          domain={[-1, 1]}
          xLabel="Kendall τ-b (−1 … 1)"
          references={[{ value: 0, label: "0", color: "#64748b" }]}
        />
      </ChartFrame>
      <ChartFrame
        title="Agreement with people (MT-Bench, without ties)"
        subtitle={`Share of human–judge vote pairs on the same battle with the same winner, ties left out. The dashed line is the crowd's own human–human agreement (${fmtMetric(hh.agreementNoTies, true)}, n = ${hh.nNoTies.toLocaleString("en")} pairs): the ceiling a judge can reasonably reach.`}
        filename="judges-agreement"
        demo={demo}
        testId="agreement-chart"
      >
        <MetricBars
          bars={lb.judges.map((j) => ({ label: short(j), value: j.agreementNoTies, note: `n = ${j.nAgreementNoTies.toLocaleString("en")} vote pairs`, color: color(j, "#0d9488") }))}
          domain={[0, 1]}
          percent
          xLabel="agreement w/o ties (% of pairs)"
          references={hh.agreementNoTies === null ? [] : [{ value: hh.agreementNoTies, label: "human–human", color: "#dc2626" }]}
        />
      </ChartFrame>
      <ChartFrame
        title="Picks the answer shown first"
        subtitle={`Share of decisive verdicts for the first-shown (left) answer, 95% Wilson CIs. 50% = no position bias; the crowd: ${fmtMetric(lb.crowdBias.firstShown.share, true)} (n = ${lb.crowdBias.firstShown.n.toLocaleString("en")}).`}
        filename="judges-position-bias"
        demo={demo}
        testId="position-chart"
      >
        <MetricBars
          bars={[
            ...lb.judges.map((j) => ({ label: short(j), value: j.firstShown.share, low: j.firstShown.ciLow, high: j.firstShown.ciHigh, note: `n = ${j.firstShown.n} decisive verdicts`, color: "#7c3aed" })),
            { label: "crowd", value: lb.crowdBias.firstShown.share, low: lb.crowdBias.firstShown.ciLow, high: lb.crowdBias.firstShown.ciHigh, note: `n = ${lb.crowdBias.firstShown.n}`, color: "#64748b" },
          ]}
          domain={[0, 1]}
          percent
          xLabel="first-shown picks (% of decisive)"
          references={[{ value: 0.5, label: "50% = unbiased" }]}
        />
      </ChartFrame>
      <ChartFrame
        title="Picks the longer answer"
        subtitle={`Share of decisive verdicts for the answer with more tokens, 95% Wilson CIs, on battles whose answers differ in length. Compare with the crowd (${fmtMetric(lb.crowdBias.longer.share, true)}, n = ${lb.crowdBias.longer.n.toLocaleString("en")}): far above it = length bias.`}
        filename="judges-length-bias"
        demo={demo}
        testId="length-chart"
      >
        <MetricBars
          bars={[
            ...lb.judges.map((j) => ({ label: short(j), value: j.longer.share, low: j.longer.ciLow, high: j.longer.ciHigh, note: `n = ${j.longer.n} decisive verdicts`, color: "#ea580c" })),
            { label: "crowd", value: lb.crowdBias.longer.share, low: lb.crowdBias.longer.ciLow, high: lb.crowdBias.longer.ciHigh, note: `n = ${lb.crowdBias.longer.n}`, color: "#64748b" },
          ]}
          domain={[0, 1]}
          percent
          xLabel="longer-answer picks (% of decisive)"
          references={lb.crowdBias.longer.share === null ? [] : [{ value: lb.crowdBias.longer.share, label: "crowd", color: "#475569" }]}
        />
      </ChartFrame>
    </div>
  );
}

const columns: TableColumn<JudgeLeaderboardRow>[] = [
  { key: "judge", header: "judge", value: (j) => j.judge },
  { key: "name", header: "name", value: (j) => j.name },
  { key: "kind", header: "kind", value: (j) => j.kind },
  { key: "kendall_tau", header: "kendall_tau", value: (j) => j.kendallTau },
  { key: "tau_ci_low", header: "tau_ci_low", value: (j) => j.tauCiLow },
  { key: "tau_ci_high", header: "tau_ci_high", value: (j) => j.tauCiHigh },
  { key: "spearman", header: "spearman", value: (j) => j.spearman },
  { key: "agreement", header: "agreement", value: (j) => j.agreement },
  { key: "agreement_no_ties", header: "agreement_no_ties", value: (j) => j.agreementNoTies },
  { key: "n_agreement", header: "n_agreement", value: (j) => j.nAgreement },
  { key: "n_agreement_no_ties", header: "n_agreement_no_ties", value: (j) => j.nAgreementNoTies },
  { key: "kappa", header: "kappa", value: (j) => j.kappa },
  { key: "position_consistency", header: "position_consistency", value: (j) => j.positionConsistency },
  { key: "first_shown_share", header: "first_shown_share", value: (j) => j.firstShown.share },
  { key: "longer_share", header: "longer_share", value: (j) => j.longer.share },
  { key: "unparseable_share", header: "unparseable_share", value: (j) => j.unparseableShare },
  { key: "coverage", header: "coverage", value: (j) => j.coverage },
  { key: "systems", header: "systems", value: (j) => j.systems },
  { key: "battles", header: "battles", value: (j) => j.battles },
  { key: "cost_usd", header: "cost_usd", value: (j) => j.costUsd },
  { key: "warnings", header: "warnings", value: (j) => j.warnings.join("; ") },
];

export function JudgesTableDownload({ rows, filename }: { rows: JudgeLeaderboardRow[]; filename: string }) {
  return <TableDownload rows={rows} columns={columns} filename={filename} />;
}

/** Any table with string/number cells: downloads exactly the given rows. */
export function RowsDownload({ rows, filename }: { rows: Record<string, string | number | boolean | null>[]; filename: string }) {
  const keys = rows.length ? Object.keys(rows[0]) : [];
  const cols: TableColumn<Record<string, string | number | boolean | null>>[] = keys.map((k) => ({ key: k, header: k, value: (r) => r[k] }));
  return <TableDownload rows={rows} columns={cols} filename={filename} />;
}
