"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ShownVerdict } from "@/lib/arena/types";
import type { LiveEvent } from "@/lib/validation/live";
import type { LiveReveal } from "@/lib/arena/live/service";
import { MarkdownHtml } from "@/components/markdown/markdown-html";
import { VoteBar } from "@/components/arena/vote-bar";
import { describeError } from "@/components/admin/api";

type Side = "left" | "right";
interface Answer {
  text: string;
  html: string | null;
  error: string | null;
}
interface Exchange {
  user: string;
  left: Answer;
  right: Answer;
}

const empty = (): Answer => ({ text: "", html: null, error: null });

function AnswerBox({ label, answer, name, streaming, testId }: { label: string; answer: Answer; name: string | null; streaming: boolean; testId: string }) {
  return (
    <section aria-label={`Answer ${label}`} aria-busy={streaming} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" data-testid={testId}>
      <h3 className="mb-2 text-sm font-semibold text-slate-500">
        Assistant {label}
        {name && <span className="ml-2 text-slate-900" data-testid={`${testId}-name`}>· {name}</span>}
      </h3>
      {answer.html !== null ? (
        <MarkdownHtml html={answer.html} />
      ) : (
        <p className="whitespace-pre-wrap break-words text-slate-900">
          {answer.text}
          {streaming && !answer.error && <span className="ml-0.5 inline-block animate-pulse text-slate-400" aria-hidden>▍</span>}
        </p>
      )}
      {answer.error && (
        <p role="alert" className="mt-2 rounded bg-red-50 p-2 text-sm text-red-800" data-testid={`${testId}-error`}>
          {answer.error}
        </p>
      )}
    </section>
  );
}

/** The live arena: type a prompt, watch two anonymous systems answer side by side, follow up, vote, see who they were. */
export function LiveArena({ maxPromptChars, maxTurns }: { maxPromptChars: number; maxTurns: number }) {
  const [ticket, setTicket] = useState<string | null>(null);
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [draft, setDraft] = useState("");
  const [streaming, setStreaming] = useState(false);
  const [canVote, setCanVote] = useState(false);
  const [canContinue, setCanContinue] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<ShownVerdict | null>(null);
  const [reveal, setReveal] = useState<LiveReveal | null>(null);
  const readyAt = useRef<number>(0);

  const over = draft.length > maxPromptChars;
  // Over: voted, or a turn failed (no vote and no follow-up possible).
  const finished = reveal !== null || (!canVote && !canContinue && !streaming && exchanges.length > 0);

  function patchLast(side: Side, fn: (a: Answer) => Answer) {
    setExchanges((xs) => xs.map((x, i) => (i === xs.length - 1 ? { ...x, [side]: fn(x[side]) } : x)));
  }

  function apply(ev: LiveEvent) {
    if (ev.type === "ticket") setTicket(ev.ticket);
    else if (ev.type === "delta") patchLast(ev.side, (a) => ({ ...a, text: a.text + ev.delta }));
    else if (ev.type === "side-done") patchLast(ev.side, (a) => ({ ...a, html: ev.html }));
    else if (ev.type === "side-error") patchLast(ev.side, (a) => ({ ...a, error: ev.message }));
    else if (ev.type === "done") {
      setCanVote(ev.canVote);
      setCanContinue(ev.canContinue);
      setNotice(ev.message ?? null);
      readyAt.current = Date.now();
    }
  }

  async function send(e: FormEvent) {
    e.preventDefault();
    const prompt = draft;
    if (!prompt.trim() || over || streaming) return;
    setError(null);
    setNotice(null);
    setCanVote(false);
    setStreaming(true);
    setExchanges((xs) => [...xs, { user: prompt, left: empty(), right: empty() }]);
    setDraft("");
    try {
      const res = await fetch("/api/live", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ticket ? { ticket, prompt } : { prompt }),
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as Parameters<typeof describeError>[0];
        setExchanges((xs) => xs.slice(0, -1));
        setDraft(prompt);
        setError(describeError(body, res.status));
        if (ticket) setCanVote(true);
        return;
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) apply(JSON.parse(line) as LiveEvent);
        }
      }
    } catch (err) {
      setError(`The connection broke: ${err instanceof Error ? err.message : String(err)}. This battle does not count; start a new one.`);
      setCanContinue(false);
    } finally {
      setStreaming(false);
    }
  }

  async function vote(outcome: ShownVerdict) {
    if (!ticket || !canVote || pending !== null || reveal !== null) return;
    setPending(outcome);
    setError(null);
    const res = await fetch(`/api/live/${ticket}/vote`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome, timeToVoteMs: Math.max(0, Date.now() - readyAt.current) }),
    });
    const body = (await res.json().catch(() => ({}))) as LiveReveal & Parameters<typeof describeError>[0];
    setPending(null);
    if (!res.ok) {
      setError(describeError(body, res.status));
      return;
    }
    setReveal(body);
    setCanVote(false);
    setCanContinue(false);
  }

  function reset() {
    setTicket(null);
    setExchanges([]);
    setDraft("");
    setCanVote(false);
    setCanContinue(true);
    setNotice(null);
    setError(null);
    setReveal(null);
  }

  // The vote bar's shortcuts (1/←, 2/→, 3, 4; n = new battle), ignored while typing.
  const voteRef = useRef(vote);
  voteRef.current = vote;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || el?.closest("textarea, input, select, [contenteditable]")) return;
      const map: Record<string, ShownVerdict> = { "1": "left", ArrowLeft: "left", "2": "right", ArrowRight: "right", "3": "tie", "4": "bothbad" };
      if (map[e.key]) void voteRef.current(map[e.key]);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const turnsLeft = maxTurns - exchanges.length;
  return (
    <div className="space-y-5">
      {exchanges.map((x, i) => (
        <div key={i} className="space-y-3">
          <section aria-label={`Your prompt, turn ${i + 1}`} className="min-w-0 rounded-lg bg-slate-100 p-3 sm:p-4" data-testid="live-prompt">
            <h2 className="mb-1 text-sm font-semibold text-slate-600">You{exchanges.length > 1 ? `, turn ${i + 1}` : ""}</h2>
            <p className="whitespace-pre-wrap break-words">{x.user}</p>
          </section>
          <div className="grid min-w-0 gap-3 md:grid-cols-2">
            <AnswerBox label="A" answer={x.left} name={reveal?.left.name ?? null} streaming={streaming && i === exchanges.length - 1} testId="live-left" />
            <AnswerBox label="B" answer={x.right} name={reveal?.right.name ?? null} streaming={streaming && i === exchanges.length - 1} testId="live-right" />
          </div>
        </div>
      ))}

      {notice && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="live-notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="live-error">
          {error}
        </p>
      )}
      {reveal && (
        <section aria-label="Reveal" className="space-y-1 rounded-lg border border-slate-200 bg-white p-4" data-testid="live-reveal">
          <p>
            A was <strong>{reveal.left.name}</strong>
            {reveal.left.organization && ` (${reveal.left.organization})`}; B was <strong>{reveal.right.name}</strong>
            {reveal.right.organization && ` (${reveal.right.organization})`}.
          </p>
          <p className={reveal.counted ? "text-sm text-green-800" : "text-sm text-amber-900"} data-testid="live-counted">
            {reveal.counted ? "Your vote counts toward the leaderboard. Thank you!" : `Not counted: ${reveal.reason ?? "this battle does not count"}.`}
          </p>
        </section>
      )}

      {!finished && (exchanges.length === 0 || canContinue) && (
        <form onSubmit={send} className="space-y-2" aria-label={exchanges.length === 0 ? "Start a live battle" : "Follow up"}>
          <label htmlFor="live-prompt" className="block text-sm font-medium text-slate-700">
            {exchanges.length === 0 ? "Your prompt" : `Follow up (${turnsLeft} turn${turnsLeft === 1 ? "" : "s"} left), or vote below`}
          </label>
          <textarea
            id="live-prompt"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={exchanges.length === 0 ? 4 : 2}
            disabled={streaming}
            aria-invalid={over}
            aria-describedby="live-prompt-count"
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-base shadow-sm"
            placeholder="Ask anything. Both assistants answer at once; their names appear after your vote."
          />
          <div className="flex items-center justify-between gap-3">
            <span id="live-prompt-count" className={`text-xs ${over ? "font-semibold text-red-700" : "text-slate-500"}`}>
              {draft.length.toLocaleString("en")} / {maxPromptChars.toLocaleString("en")} characters{over ? " — too long" : ""}
            </span>
            <button
              type="submit"
              disabled={streaming || over || !draft.trim()}
              className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white shadow-sm disabled:opacity-50"
            >
              {streaming ? "Answering…" : exchanges.length === 0 ? "Send" : "Send follow-up"}
            </button>
          </div>
        </form>
      )}

      {finished && (
        <button type="button" onClick={reset} className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white" data-testid="live-new">
          New battle
        </button>
      )}
      {exchanges.length > 0 && !reveal && !finished && (
        <VoteBar disabled={!canVote || streaming || pending !== null} pending={pending} onVote={vote} onSkip={reset} />
      )}
    </div>
  );
}
