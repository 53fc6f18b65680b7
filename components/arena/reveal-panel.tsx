import type { Reveal } from "@/lib/arena/types";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const VERDICT: Record<Reveal["outcome"], string> = { left: "A is better", right: "B is better", tie: "Tie", bothbad: "Both are bad" };

export function RevealPanel({ reveal, onNext }: { reveal: Reveal; onNext: () => void }) {
  const r = reveal.pairWinRate;
  const bars = [
    { label: `A wins`, value: r.left, cls: "bg-blue-600" },
    { label: `B wins`, value: r.right, cls: "bg-orange-500" },
    { label: "Tie", value: r.tie, cls: "bg-slate-400" },
    { label: "Both bad", value: r.bothbad, cls: "bg-slate-700" },
  ];
  return (
    <section aria-label="Reveal" className="space-y-3 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="reveal">
      <p className="text-sm">
        Your vote: <strong>{VERDICT[reveal.outcome]}</strong>
      </p>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">A was</dt>
          <dd className="font-semibold" data-testid="reveal-left">
            {reveal.left.name} <span className="font-normal text-slate-600">{reveal.left.organization}</span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">B was</dt>
          <dd className="font-semibold" data-testid="reveal-right">
            {reveal.right.name} <span className="font-normal text-slate-600">{reveal.right.organization}</span>
          </dd>
        </div>
      </dl>
      <div>
        <p className="text-sm text-slate-700" data-testid="reveal-votes">
          The crowd on this pair ({reveal.votes} human {reveal.votes === 1 ? "vote" : "votes"}):
        </p>
        <div className="mt-1 flex h-3 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
          {bars.map((b) => (
            <div key={b.label} className={b.cls} style={{ width: pct(b.value) }} />
          ))}
        </div>
        <ul className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-700" data-testid="reveal-winrate">
          {bars.map((b) => (
            <li key={b.label}>
              {b.label} {pct(b.value)}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={onNext} autoFocus className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800" data-testid="next" aria-keyshortcuts="n">
        Next battle <kbd className="ml-1 text-xs opacity-80">n</kbd>
      </button>
    </section>
  );
}
