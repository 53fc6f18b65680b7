import type { ShownVerdict } from "@/lib/arena/types";

const BUTTONS: { verdict: ShownVerdict; label: string; keys: string; hint: string }[] = [
  { verdict: "left", label: "A is better", keys: "1 ArrowLeft", hint: "1 / ←" },
  { verdict: "right", label: "B is better", keys: "2 ArrowRight", hint: "2 / →" },
  { verdict: "tie", label: "Tie", keys: "3", hint: "3" },
  { verdict: "bothbad", label: "Both are bad", keys: "4", hint: "4" },
];

export function VoteBar({
  disabled,
  pending,
  onVote,
  onSkip,
}: {
  disabled: boolean;
  pending: ShownVerdict | null;
  onVote: (v: ShownVerdict) => void;
  onSkip: () => void;
}) {
  return (
    <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur" role="group" aria-label="Your vote">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {BUTTONS.map((b) => (
          <button
            key={b.verdict}
            type="button"
            disabled={disabled}
            aria-keyshortcuts={b.keys}
            onClick={() => onVote(b.verdict)}
            data-testid={`vote-${b.verdict}`}
            className={`rounded-md border px-3 py-2 text-sm font-medium shadow-sm transition disabled:opacity-60 ${
              pending === b.verdict ? "border-blue-600 bg-blue-600 text-white" : "border-slate-300 bg-white text-slate-900 hover:border-blue-500 hover:bg-blue-50"
            }`}
          >
            {b.label} <kbd className="ml-1 text-xs font-normal opacity-70">{b.hint}</kbd>
          </button>
        ))}
        <button
          type="button"
          onClick={onSkip}
          aria-keyshortcuts="n"
          className="col-span-2 rounded-md border border-transparent px-3 py-2 text-sm text-slate-600 underline hover:text-slate-900 sm:col-span-1"
          data-testid="skip"
        >
          Skip <kbd className="ml-1 text-xs opacity-70">n</kbd>
        </button>
      </div>
    </div>
  );
}
