/** The `/judges/[slug]` page body (server component); charts are client components. */
import Link from "next/link";
import type { Slice } from "@/lib/validation/slice";
import type { JudgeDetail } from "@/lib/judges/dashboard/types";
import { dashboardQuery } from "@/lib/judges/dashboard/urls";
import { SliceForm } from "./slice-form";
import { DecisivenessChart, RankSlope, RatingScatter } from "./rating-charts";
import { ConfusionChart, PositionBiasChart, SystemBiasChart, VerbosityChart } from "./bias-charts";
import { RowsDownload } from "./overview-charts";
import { BattlePanelView } from "./battle-panel";
import { AltTestSection, ArenaHardSection } from "./detail-sections";

const f = (v: number | null, d = 2) => (v === null ? "—" : v.toFixed(d));
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

function Stat({ label, value, note, testId }: { label: string; value: string; note: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid={testId}>
      <div className="text-xs text-slate-600">{label}</div>
      <div className="text-xl font-semibold tabular-nums text-slate-900">{value}</div>
      <div className="text-[11px] text-slate-500">{note}</div>
    </div>
  );
}

export function JudgeDetailView({ detail, slice, epsilon }: { detail: JudgeDetail; slice: Slice; epsilon: number }) {
  const r = detail.row;
  const here = `/judges/${r.judge}`;
  const qs = dashboardQuery(slice, { eps: epsilon === 0.2 ? undefined : epsilon });
  const hh = detail.humanHuman;
  return (
    <div className="space-y-5">
      <div>
        <Link href={`/judges${dashboardQuery(slice)}`} className="text-sm text-blue-700 underline">
          ← All judges
        </Link>
        <h1 className="text-2xl font-bold">{r.name}</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          {r.description || "No description."} <span className="text-slate-500">Kind {r.kind}{r.family ? `, family ${r.family}` : ""}; orders combined as {r.combine}.</span>
        </p>
      </div>
      <SliceForm action={here} slice={slice} options={detail.options} hidden={epsilon === 0.2 ? {} : { eps: String(epsilon) }} />
      {r.warnings.length ? (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="too-few">
          {r.warnings.map((w) => (
            <p key={w}>⚠ {w}.</p>
          ))}
        </div>
      ) : null}
      {detail.battle ? <BattlePanelView battle={detail.battle} judgeName={r.name} closeHref={`${here}${qs}#disagreements`} /> : null}
      <section className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" aria-label="Summary">
        <Stat testId="stat-tau" label="Kendall τ with the crowd" value={f(r.kendallTau)} note={`95% CI [${f(r.tauCiLow)}, ${f(r.tauCiHigh)}], ${r.systems} systems`} />
        <Stat label="Spearman ρ" value={f(r.spearman)} note={`95% CI [${f(r.spearmanCiLow)}, ${f(r.spearmanCiHigh)}]`} />
        <Stat label="Agreement w/o ties" value={pct(r.agreementNoTies)} note={`n = ${r.nAgreementNoTies} pairs; humans ${pct(hh.agreementNoTies)}`} />
        <Stat label="Agreement with ties" value={pct(r.agreement)} note={`n = ${r.nAgreement} pairs; humans ${pct(hh.agreement)}`} />
        <Stat label="Cohen's κ" value={f(r.kappa)} note={`humans ${f(hh.kappa)}`} />
        <Stat testId="stat-first-shown" label="Picks first-shown" value={pct(r.firstShown.share)} note={`n = ${r.firstShown.n} decisive; 50% = unbiased`} />
        <Stat label="Picks longer answer" value={pct(r.longer.share)} note={`n = ${r.longer.n} decisive`} />
        <Stat label="Position consistency" value={pct(r.positionConsistency)} note={`n = ${r.nPositionPairs} battles in both orders`} />
        <Stat label="Coverage" value={pct(r.coverage)} note={`${r.battles} of the crowd's battles`} />
        <Stat label="Unparseable outputs" value={r.unparseableShare === null ? "—" : pct(r.unparseableShare)} note={r.tasks ? `of ${r.tasks} tasks` : "no judge tasks recorded"} />
        <Stat label="Cost" value={r.costUsd > 0 ? `$${r.costUsd.toFixed(2)}` : "—"} note={`${Math.round(r.promptTokens).toLocaleString("en")} + ${Math.round(r.completionTokens).toLocaleString("en")} tokens`} />
        <Stat label="Judge votes" value={r.judgeVotes.toLocaleString("en")} note="both shown orders count" />
      </section>

      <h2 className="text-lg font-semibold" id="ranking">Ranking</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <RatingScatter detail={detail} demo={detail.demo} />
        <RankSlope detail={detail} demo={detail.demo} />
      </div>
      <div className="flex justify-end">
        <RowsDownload
          filename={`${r.judge}-ratings`}
          rows={detail.systems.map((s) => ({
            system: s.system,
            crowd_rating: s.human.rating,
            crowd_ci_low: s.human.ciLow,
            crowd_ci_high: s.human.ciHigh,
            crowd_rank: s.human.rank,
            judge_rating: s.judge.rating,
            judge_ci_low: s.judge.ciLow,
            judge_ci_high: s.judge.ciHigh,
            judge_rank: s.judge.rank,
            same_family: s.sameFamily,
          }))}
        />
      </div>

      <h2 className="text-lg font-semibold" id="biases">Biases</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <PositionBiasChart detail={detail} demo={detail.demo} />
        <VerbosityChart detail={detail} demo={detail.demo} />
        <SystemBiasChart detail={detail} demo={detail.demo} />
        <DecisivenessChart detail={detail} demo={detail.demo} />
      </div>

      <h2 className="text-lg font-semibold" id="verdicts">Verdicts against people</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ConfusionChart detail={detail} demo={detail.demo} />
        <Disagreements detail={detail} here={here} qs={qs} />
      </div>

      <ArenaHardSection detail={detail} />
      <AltTestSection detail={detail} here={here} slice={slice} epsilon={epsilon} />
      <p className="break-all text-xs text-slate-500">
        JSON: <a className="underline" href={`/api/judges/${r.judge}${qs}`}>/api/judges/{r.judge}{qs}</a> · computed for watermark {detail.watermark.slice(0, 40)}
      </p>
    </div>
  );
}

function Disagreements({ detail, here, qs }: { detail: JudgeDetail; here: string; qs: string }) {
  const rows = detail.disagreements;
  const sep = qs ? "&" : "?";
  return (
    <section id="disagreements" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" aria-label="Largest disagreements">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">Where the judge and people disagree most</h3>
          <p className="text-xs text-slate-600">
            Battles ranked by the gap between the humans&apos; and the judge&apos;s score for the first system (win 1, tie ½, loss 0). Open one
            to read both answers, both verdicts and the judge&apos;s rationale.
          </p>
        </div>
        <RowsDownload
          filename={`${detail.row.judge}-disagreements`}
          rows={rows.map((d) => ({ battle: d.battleId, prompt: d.promptId, system_a: d.systemA, system_b: d.systemB, turn: d.turn, human_score: d.humanScore, judge_score: d.judgeScore, gap: d.gap }))}
        />
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-xs" data-testid="disagreements">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 pr-2">Battle</th>
              <th className="py-1 pr-2">Systems (first vs second)</th>
              <th className="py-1 pr-2 text-right">People (1st / 2nd / tie)</th>
              <th className="py-1 pr-2 text-right">Judge (1st / 2nd / tie)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.battleId} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  <Link href={`${here}${qs}${sep}battle=${d.battleId}#battle`} className="text-blue-800 underline">
                    #{d.battleId}
                  </Link>
                </td>
                <td className="py-1 pr-2">
                  {d.systemA} vs {d.systemB}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {d.human.A} / {d.human.B} / {d.human.tie}
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">
                  {d.judge.A} / {d.judge.B} / {d.judge.tie}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
