/** The `/judges` page body (server component): readings, the leaderboard table, charts, definitions. */
import Link from "next/link";
import type { Slice } from "@/lib/validation/slice";
import type { JudgeLeaderboard, JudgeLeaderboardRow } from "@/lib/judges/dashboard/types";
import { readLeaderboard } from "@/lib/judges/dashboard/reading";
import { dashboardQuery } from "@/lib/judges/dashboard/urls";
import { SliceForm } from "./slice-form";
import { JudgesTableDownload, OverviewCharts } from "./overview-charts";

const f = (v: number | null, d = 2) => (v === null ? "—" : v.toFixed(d));
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const n = (v: number) => v.toLocaleString("en");

const verdictStyle = {
  close: "border-emerald-300 bg-emerald-50",
  partial: "border-amber-300 bg-amber-50",
  far: "border-red-300 bg-red-50",
  unknown: "border-slate-300 bg-slate-50",
} as const;

export function JudgeLeaderboardView({ lb, slice }: { lb: JudgeLeaderboard; slice: Slice }) {
  const readings = readLeaderboard(lb);
  const qs = dashboardQuery(slice);
  const hh = lb.humanHuman;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Judges</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Can this judge rank systems the way people do? Every judge voted on the same anonymous battles as the crowd. Each is
          ranked by how closely its Bradley–Terry ranking of the systems matches the crowd&apos;s (Kendall τ), and checked vote by
          vote against people, including for position and length bias.
          {lb.demo ? " The demo judges' votes are simulated: one is close to the crowd, the other has a built-in length and position bias." : ""}
        </p>
      </div>
      <SliceForm action="/judges" slice={slice} options={lb.options} />
      {lb.judges.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4 text-sm">No judge has voted on this slice yet.</p>
      ) : (
        <section aria-label="Readings" className="grid gap-3 md:grid-cols-2" data-testid="readings">
          {readings.map((r) => (
            <div key={r.judge} className={`rounded-lg border p-3 text-sm ${verdictStyle[r.verdict]}`} data-testid={`reading-${r.judge}`}>
              <h2 className="font-semibold">
                <Link href={`/judges/${r.judge}${qs}`} className="text-blue-800 underline">
                  {r.name}
                </Link>
                {r.biases.length ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">{r.biases.join(" + ")} bias</span> : null}
              </h2>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-800">
                {r.sentences.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      {lb.judges.length ? <LeaderboardTable lb={lb} qs={qs} /> : null}
      {lb.silentJudges.length ? (
        <p className="text-xs text-slate-600">
          No votes on this slice from: {lb.silentJudges.map((j) => j.name).join(", ")}.
        </p>
      ) : null}
      {lb.judges.length ? <OverviewCharts lb={lb} demo={lb.demo} /> : null}
      <section className="space-y-1 break-words text-xs text-slate-600" aria-label="Definitions">
        <h2 className="text-sm font-semibold text-slate-800">How these numbers are computed</h2>
        <p>
          <b>τ, ρ</b>: Kendall τ-b and Spearman ρ between the judge&apos;s and the crowd&apos;s Bradley–Terry ratings on their common
          systems; 95% CIs from paired bootstrap samples (1,000 rounds). The judge&apos;s two shown orders of a battle combine as its
          latest run says (MT-Bench: a split is a tie; Arena-Hard: each order counts, strong verdicts three times).
        </p>
        <p>
          <b>Agreement</b> (MT-Bench): votes keyed by (prompt, system pair, turn); every human vote on a key is compared with every
          judge vote on it, each shown order separately; both-bad counts as a tie. &quot;With ties&quot; = share of equal outcomes;
          &quot;without ties&quot; = the same over pairs where neither vote is a tie. <b>κ</b>: Cohen&apos;s kappa over the same pairs.
          <b> Position consistency</b>: share of battles judged in both orders with the same verdict. <b>Coverage</b>: share of
          crowd-voted battles the judge voted on. <b>Unparseable</b>: judge tasks whose output could not be parsed.
        </p>
        <p>
          Figures resting on fewer than {lb.thresholds.minSharedBattles} shared battles or fewer than {lb.thresholds.minCommonSystems}{" "}
          common systems are marked ⚠ and greyed. Crowd: {n(lb.crowd.votes)} human votes on {n(lb.crowd.keys)} battles; human–human
          agreement over {n(hh.n)} vote pairs on {n(hh.keys)} battles with two or more votes. Computed {lb.computedAt.slice(0, 19).replace("T", " ")} UTC
          {lb.stale ? " (refreshing: new votes arrived)" : ""} · JSON: <a className="underline" href={`/api/judges${qs}`}>/api/judges{qs}</a>
        </p>
      </section>
    </div>
  );
}

function LeaderboardTable({ lb, qs }: { lb: JudgeLeaderboard; qs: string }) {
  const hh = lb.humanHuman;
  return (
    <section aria-label="Judge leaderboard" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Leaderboard</h2>
        <JudgesTableDownload rows={lb.judges} filename={`judges${qs ? "-" + qs.slice(1).replace(/[&=]/g, "-") : ""}`} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-right text-xs tabular-nums" data-testid="judges-table">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="px-2 py-2 text-left">#</th>
              <th className="px-2 py-2 text-left">Judge</th>
              <th className="px-2 py-2" title="Kendall τ-b with the crowd's ranking, 95% bootstrap CI">τ [95% CI]</th>
              <th className="px-2 py-2" title="Spearman ρ">ρ</th>
              <th className="px-2 py-2" title="MT-Bench agreement with ties (n vote pairs)">agree (n)</th>
              <th className="px-2 py-2" title="MT-Bench agreement without ties (n vote pairs)">agree w/o ties (n)</th>
              <th className="px-2 py-2" title="Cohen's kappa">κ</th>
              <th className="px-2 py-2" title="Same verdict in both shown orders (n battles)">pos. consistency (n)</th>
              <th className="px-2 py-2" title="Decisive verdicts for the first-shown answer">first-shown</th>
              <th className="px-2 py-2" title="Decisive verdicts for the longer answer">longer</th>
              <th className="px-2 py-2" title="Unparseable judge outputs / all tasks">unparseable</th>
              <th className="px-2 py-2" title="Share of crowd-voted battles the judge voted on">coverage</th>
              <th className="px-2 py-2" title="Systems / shared battles">systems · battles</th>
              <th className="px-2 py-2" title="Sum of JudgeRun.costUsd">cost</th>
            </tr>
          </thead>
          <tbody>
            {lb.judges.map((j, i) => (
              <Row key={j.judge} j={j} i={i} qs={qs} />
            ))}
            <tr className="border-t border-slate-200 bg-rose-50 text-slate-700" data-testid="human-human-row">
              <td className="px-2 py-2 text-left" />
              <td className="px-2 py-2 text-left font-medium">Human–human (ceiling)</td>
              <td className="px-2 py-2">—</td>
              <td className="px-2 py-2">—</td>
              <td className="px-2 py-2">
                {pct(hh.agreement)} <span className="text-slate-500">({n(hh.n)})</span>
              </td>
              <td className="px-2 py-2">
                {pct(hh.agreementNoTies)} <span className="text-slate-500">({n(hh.nNoTies)})</span>
              </td>
              <td className="px-2 py-2">{f(hh.kappa)}</td>
              <td className="px-2 py-2">—</td>
              <td className="px-2 py-2">{pct(lb.crowdBias.firstShown.share)}</td>
              <td className="px-2 py-2">{pct(lb.crowdBias.longer.share)}</td>
              <td className="px-2 py-2" colSpan={4} />
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({ j, i, qs }: { j: JudgeLeaderboardRow; i: number; qs: string }) {
  const weak = j.warnings.length > 0;
  return (
    <tr className={`border-t border-slate-100 ${weak ? "text-slate-400" : ""}`} data-testid={`judge-row-${j.judge}`}>
      <td className="px-2 py-2 text-left">{i + 1}</td>
      <td className="px-2 py-2 text-left">
        <Link href={`/judges/${j.judge}${qs}`} className="font-medium text-blue-800 underline">
          {j.name}
        </Link>
        <div className="text-[11px] text-slate-500">
          {j.kind}
          {j.family ? ` · family ${j.family}` : ""}
        </div>
        {weak ? (
          <div className="text-[11px] text-amber-700" title={j.warnings.join("\n")}>
            ⚠ {j.warnings[0]}
          </div>
        ) : null}
      </td>
      <td className="px-2 py-2 font-semibold text-slate-900" data-testid="tau">
        {f(j.kendallTau)} <span className="font-normal text-slate-500">[{f(j.tauCiLow)}, {f(j.tauCiHigh)}]</span>
      </td>
      <td className="px-2 py-2">{f(j.spearman)}</td>
      <td className="px-2 py-2">
        {pct(j.agreement)} <span className="text-slate-500">({n(j.nAgreement)})</span>
      </td>
      <td className="px-2 py-2">
        {pct(j.agreementNoTies)} <span className="text-slate-500">({n(j.nAgreementNoTies)})</span>
      </td>
      <td className="px-2 py-2">{f(j.kappa)}</td>
      <td className="px-2 py-2">
        {pct(j.positionConsistency)} <span className="text-slate-500">({n(j.nPositionPairs)})</span>
      </td>
      <td className="px-2 py-2">{pct(j.firstShown.share)}</td>
      <td className="px-2 py-2">{pct(j.longer.share)}</td>
      <td className="px-2 py-2">{j.unparseableShare === null ? "—" : `${pct(j.unparseableShare)} of ${n(j.tasks)}`}</td>
      <td className="px-2 py-2">{pct(j.coverage)}</td>
      <td className="px-2 py-2">
        {j.systems} · {n(j.battles)}
      </td>
      <td className="px-2 py-2">{j.costUsd > 0 ? `$${j.costUsd.toFixed(2)}` : "—"}</td>
    </tr>
  );
}
