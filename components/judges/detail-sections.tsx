/** Arena-Hard and alt-test sections of the judge page (server components). */
import type { Slice } from "@/lib/validation/slice";
import type { JudgeDetail } from "@/lib/judges/dashboard/types";
import { dashboardQuery } from "@/lib/judges/dashboard/urls";
import { ALT_MIN_HUMANS, ALT_MIN_ITEMS } from "@/lib/judges/dashboard/types";
import { RowsDownload } from "./overview-charts";

const f = (v: number | null, d = 2) => (v === null ? "—" : v.toFixed(d));
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

export function ArenaHardSection({ detail }: { detail: JudgeDetail }) {
  const a = detail.arenaHard;
  return (
    <section id="arena-hard" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" aria-label="Arena-Hard view" data-testid="arena-hard">
      <h2 className="text-lg font-semibold">Arena-Hard view</h2>
      <p className="text-xs text-slate-600">
        Separability: share of system pairs whose 95% CIs do not overlap (can the ranking tell them apart?). Agreement with
        confidence: over the pairs the crowd separates, +1 when the judge separates them the same way, −1 the opposite way, 0
        when its CIs overlap; the mean (Li et al. 2024). On {a.systems} common systems.
      </p>
      <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
        <div className="rounded bg-slate-50 p-2">
          <dt className="text-xs text-slate-600">Separability of the judge&apos;s ranking</dt>
          <dd className="text-lg font-semibold tabular-nums">{pct(a.judgeSeparability)}</dd>
        </div>
        <div className="rounded bg-slate-50 p-2">
          <dt className="text-xs text-slate-600">Separability of the crowd&apos;s ranking</dt>
          <dd className="text-lg font-semibold tabular-nums">{pct(a.crowdSeparability)}</dd>
        </div>
        <div className="rounded bg-slate-50 p-2">
          <dt className="text-xs text-slate-600">Agreement with confidence</dt>
          <dd className="text-lg font-semibold tabular-nums">
            {f(a.agreementWithConfidence)} <span className="text-xs font-normal text-slate-500">over {a.pairs} separated pairs</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function AltTestSection({ detail, here, slice, epsilon }: { detail: JudgeDetail; here: string; slice: Slice; epsilon: number }) {
  const t = detail.altTest;
  const hidden = new URLSearchParams(dashboardQuery(slice).slice(1));
  return (
    <section id="alt-test" className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" aria-label="Alt-test" data-testid="alt-test">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 className="text-lg font-semibold">Alternative annotator test</h2>
        <form method="get" action={`${here}#alt-test`} className="flex items-end gap-2 text-xs">
          {[...hidden.entries()].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label>
            ε (tolerance)
            <input name="eps" type="number" min={0} max={0.99} step={0.05} defaultValue={epsilon} className="ml-1 w-20 rounded border border-slate-300 px-1 py-0.5" />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1">
            Apply
          </button>
        </form>
      </div>
      <p className="text-sm text-slate-700">
        The test asks, for each person who labelled battles that others also labelled, whether the judge matches the other people at
        least as often as that person does, allowing the judge to fall short by ε = {epsilon}; the judge passes when it wins against at
        least half of the people (Calderon et al. 2025).
      </p>
      {!t.enough ? (
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="alt-test-too-few">
          ⚠ Not enough multiply-annotated battles: {t.items} battles with at least {ALT_MIN_HUMANS} human votes that this judge also
          voted on; the test needs {ALT_MIN_ITEMS}.
        </p>
      ) : (
        <>
          <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <div className="rounded bg-slate-50 p-2">
              <dt className="text-xs text-slate-600">Winning rate ω (people the judge beats)</dt>
              <dd className="text-lg font-semibold tabular-nums">{pct(t.winningRate)}</dd>
            </div>
            <div className="rounded bg-slate-50 p-2">
              <dt className="text-xs text-slate-600">Advantage probability ρ</dt>
              <dd className="text-lg font-semibold tabular-nums">{pct(t.advantageProbability)}</dd>
            </div>
            <div className={`rounded p-2 ${t.passed ? "bg-emerald-50" : "bg-red-50"}`}>
              <dt className="text-xs text-slate-600">Result at ε = {epsilon}</dt>
              <dd className="text-lg font-semibold" data-testid="alt-test-result">
                {t.passed === null ? "—" : t.passed ? "passes" : "fails"}
              </dd>
            </div>
          </dl>
          <p className="mt-1 text-xs text-slate-500">
            {t.items} battles with ≥ {ALT_MIN_HUMANS} human votes; {t.annotators} people with at least two such battles; Benjamini–Yekutieli
            corrected at 5%.
          </p>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-blue-800">Per person</summary>
            <div className="my-1 flex justify-end">
              <RowsDownload
                filename={`${detail.row.judge}-alt-test-eps-${epsilon}`}
                rows={t.perAnnotator.map((a) => ({ voter: a.annotator, instances: a.instances, judge_win_rate: a.judgeWinRate, human_win_rate: a.humanWinRate, p_value: a.pValue, rejected: a.rejected }))}
              />
            </div>
            <table className="min-w-full tabular-nums">
              <thead className="text-left text-slate-600">
                <tr>
                  <th>voter</th>
                  <th className="text-right">battles</th>
                  <th className="text-right">judge at least as good</th>
                  <th className="text-right">person at least as good</th>
                  <th className="text-right">p</th>
                  <th className="text-right">judge wins</th>
                </tr>
              </thead>
              <tbody>
                {t.perAnnotator.map((a) => (
                  <tr key={a.annotator} className="border-t border-slate-100">
                    <td>#{a.annotator}</td>
                    <td className="text-right">{a.instances}</td>
                    <td className="text-right">{pct(a.judgeWinRate)}</td>
                    <td className="text-right">{pct(a.humanWinRate)}</td>
                    <td className="text-right">{a.pValue.toFixed(3)}</td>
                    <td className="text-right">{a.rejected ? "yes" : "no"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {t.perAnnotatorOmitted > 0 && (
              <p className="mt-1 text-slate-600">
                The {t.perAnnotator.length} people with the most battles are listed; {t.perAnnotatorOmitted} more are in the test but not shown.
              </p>
            )}
          </details>
        </>
      )}
    </section>
  );
}
