/** A battle opened from the disagreement list: the prompt, both answers, the people's and the judge's verdicts. */
import Link from "next/link";
import type { BattlePanel } from "@/lib/judges/dashboard/types";

function Answer({ title, tokens, turns }: { title: string; tokens: number | null; turns: string[] }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 bg-white p-2">
      <h4 className="text-sm font-semibold">
        {title} <span className="font-normal text-slate-500">({tokens === null ? "length unknown" : `${tokens} tokens`})</span>
      </h4>
      {turns.length ? (
        turns.map((t, i) => (
          <pre key={i} className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-words font-sans text-xs text-slate-800">
            {t}
          </pre>
        ))
      ) : (
        <p className="text-xs text-slate-500">No stored answer.</p>
      )}
    </div>
  );
}

export function BattlePanelView({ battle, judgeName, closeHref }: { battle: BattlePanel; judgeName: string; closeHref: string }) {
  const h = battle.humanVotes;
  return (
    <section id="battle" aria-label={`Battle ${battle.battleId}`} className="space-y-2 rounded-lg border-2 border-blue-300 bg-blue-50 p-3" data-testid="battle-panel">
      <div className="flex items-start justify-between gap-2">
        <h2 className="text-lg font-semibold">
          Battle #{battle.battleId}: {battle.systemA.name} vs {battle.systemB.name}
          <span className="ml-2 text-xs font-normal text-slate-600">
            {battle.category}, turn {battle.turn}
          </span>
        </h2>
        <Link href={closeHref} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs">
          Close
        </Link>
      </div>
      <div className="rounded border border-slate-200 bg-white p-2 text-sm">
        <h3 className="text-xs font-semibold uppercase text-slate-500">Prompt</h3>
        {battle.prompt.map((p, i) => (
          <p key={i} className="whitespace-pre-wrap">
            {p}
          </p>
        ))}
      </div>
      <div className="grid gap-2 md:grid-cols-2">
        <Answer title={battle.systemA.name} tokens={battle.systemA.tokens} turns={battle.systemA.answer} />
        <Answer title={battle.systemB.name} tokens={battle.systemB.tokens} turns={battle.systemB.answer} />
      </div>
      <div className="grid gap-2 md:grid-cols-2">
        <div className="rounded border border-slate-200 bg-white p-2 text-sm" data-testid="human-verdict">
          <h3 className="font-semibold">People on this battle</h3>
          <p>
            {battle.systemA.name} wins: {h.A} · {battle.systemB.name} wins: {h.B} · tie: {h.tie} · both bad: {h.bothbad}
          </p>
        </div>
        <div className="rounded border border-slate-200 bg-white p-2 text-sm" data-testid="judge-verdict">
          <h3 className="font-semibold">{judgeName}</h3>
          {battle.judgeVotes.length === 0 ? <p className="text-slate-500">No verdict on this battle (its key was judged on another battle).</p> : null}
          {battle.judgeVotes.map((v, i) => (
            <div key={i} className="mt-1 border-t border-slate-100 pt-1">
              <p>
                <b>{v.outcome}</b>
                {v.strength > 1 ? " (strong)" : ""} <span className="text-slate-500">— shown first: {v.shownFirst}</span>
              </p>
              {v.rationale ? <p className="whitespace-pre-wrap text-xs text-slate-700">{v.rationale}</p> : null}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
