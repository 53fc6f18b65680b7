import type { NextBattle, Reveal, Turn } from "@/lib/arena/types";
import { MarkdownHtml } from "@/components/markdown/markdown-html";

function Answer({ label, turn, name, testId }: { label: string; turn: Turn | undefined; name: string | null; testId: string }) {
  return (
    <section aria-label={`Answer ${label}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" data-testid={testId}>
      <h3 className="mb-2 text-sm font-semibold text-slate-500">
        Assistant {label}
        {name && <span className="ml-2 text-slate-900" data-testid={`${testId}-name`}>· {name}</span>}
      </h3>
      {turn ? <MarkdownHtml html={turn.html} /> : <p className="text-sm italic text-slate-500">(no answer for this turn)</p>}
    </section>
  );
}

/** Every turn of the conversation: the user's message, then both answers side by side (stacked on narrow screens). */
export function BattleView({ battle, reveal }: { battle: NextBattle; reveal: Reveal | null }) {
  return (
    <div className="space-y-5">
      {battle.prompt.turns.map((userTurn, i) => (
        <div key={i} className="space-y-3">
          <section aria-label={`Prompt${battle.prompt.turns.length > 1 ? `, turn ${i + 1}` : ""}`} className="min-w-0 rounded-lg bg-slate-100 p-3 sm:p-4" data-testid="prompt-turn">
            <h2 className="mb-1 text-sm font-semibold text-slate-600">{battle.prompt.turns.length > 1 ? `User, turn ${i + 1}` : "User"}</h2>
            <MarkdownHtml html={userTurn.html} />
          </section>
          <div className="grid min-w-0 gap-3 md:grid-cols-2">
            <Answer label="A" turn={battle.left.turns[i]} name={reveal?.left.name ?? null} testId="answer-left" />
            <Answer label="B" turn={battle.right.turns[i]} name={reveal?.right.name ?? null} testId="answer-right" />
          </div>
        </div>
      ))}
    </div>
  );
}
