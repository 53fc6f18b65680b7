"use client";

/**
 * The crowd arena in the browser: fetches an anonymous battle from GET /api/battles/next, votes with one click or
 * one key (1/← A, 2/→ B, 3 tie, 4 both bad, n next), then shows the reveal. Keys never fire while typing in a field.
 * Everything identity-related arrives only in the vote's response.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ArenaSetOption, NextBattle, Reveal, ShownVerdict } from "@/lib/arena/types";
import { BattleView } from "./battle-view";
import { RevealPanel } from "./reveal-panel";
import { VoteBar } from "./vote-bar";
import { ArenaPicker } from "./arena-picker";

type State =
  | { kind: "loading" }
  | { kind: "ready"; battle: NextBattle; shownAt: number }
  | { kind: "voting"; battle: NextBattle; choice: ShownVerdict }
  | { kind: "revealed"; battle: NextBattle; reveal: Reveal }
  | { kind: "error"; message: string; battle?: NextBattle };

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (res.status === 429) return `Too many requests: try again in ${res.headers.get("Retry-After") ?? "a few"} s.`;
    return body.error?.message ?? `request failed (${res.status})`;
  } catch {
    return `request failed (${res.status})`;
  }
}

/** One battle from the API, as the next UI state. */
async function fetchBattle(f: { set: string; category: string }): Promise<State> {
  const qs = new URLSearchParams();
  if (f.set) qs.set("set", f.set);
  if (f.category) qs.set("category", f.category);
  try {
    const res = await fetch(`/api/battles/next?${qs.toString()}`, { cache: "no-store" });
    if (!res.ok) return { kind: "error", message: await errorText(res) };
    return { kind: "ready", battle: (await res.json()) as NextBattle, shownAt: Date.now() };
  } catch (err) {
    return { kind: "error", message: err instanceof Error ? err.message : String(err) };
  }
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

export function ArenaClient({ sets }: { sets: ArenaSetOption[] }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [filter, setFilter] = useState<{ set: string; category: string }>({ set: "", category: "" });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const topRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void fetchBattle(filter).then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [filter]);

  const vote = useCallback(async (choice: ShownVerdict) => {
    const s = stateRef.current;
    if (s.kind !== "ready") return;
    setState({ kind: "voting", battle: s.battle, choice });
    stateRef.current = { kind: "voting", battle: s.battle, choice };
    try {
      const res = await fetch(`/api/battles/${encodeURIComponent(s.battle.ticket)}/vote`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ outcome: choice, timeToVoteMs: Math.max(0, Date.now() - s.shownAt) }),
        cache: "no-store",
      });
      if (!res.ok) return setState({ kind: "error", message: await errorText(res), battle: s.battle });
      setState({ kind: "revealed", battle: s.battle, reveal: (await res.json()) as Reveal });
    } catch (err) {
      setState({ kind: "error", message: err instanceof Error ? err.message : String(err), battle: s.battle });
    }
  }, []);

  const next = useCallback(() => {
    setState({ kind: "loading" });
    stateRef.current = { kind: "loading" };
    void fetchBattle(filter).then(setState);
    topRef.current?.scrollIntoView({ block: "start" });
  }, [filter]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const map: Record<string, ShownVerdict> = { "1": "left", ArrowLeft: "left", "2": "right", ArrowRight: "right", "3": "tie", "4": "bothbad" };
      const verdict = map[e.key];
      if (verdict && stateRef.current.kind === "ready") {
        e.preventDefault();
        void vote(verdict);
      } else if ((e.key === "n" || e.key === "N") && stateRef.current.kind !== "loading" && stateRef.current.kind !== "voting") {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [vote, next]);

  const battle = state.kind === "loading" ? null : state.kind === "error" ? (state.battle ?? null) : state.battle;
  return (
    <div ref={topRef} className="space-y-4" data-testid="arena">
      <ArenaPicker
        sets={sets}
        value={filter}
        onChange={(f) => {
          setState({ kind: "loading" });
          setFilter(f);
        }}
      />
      <p aria-live="polite" className="sr-only" data-testid="arena-status">
        {state.kind === "loading" ? "Loading a battle" : state.kind === "revealed" ? "Vote recorded" : state.kind === "error" ? state.message : "Battle ready"}
      </p>
      {state.kind === "loading" && <p className="text-slate-600">Loading a battle…</p>}
      {state.kind === "error" && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900" data-testid="arena-error">
          {state.message}{" "}
          <button type="button" onClick={next} className="ml-2 rounded border border-red-400 px-2 py-0.5 underline">
            Try another battle
          </button>
        </div>
      )}
      {battle && (
        <>
          <p className="text-xs text-slate-500" data-testid="battle-meta">
            {battle.set.name} · {battle.category}
          </p>
          <BattleView battle={battle} reveal={state.kind === "revealed" ? state.reveal : null} />
          {state.kind === "revealed" ? (
            <RevealPanel reveal={state.reveal} onNext={next} />
          ) : (
            <VoteBar disabled={state.kind !== "ready"} pending={state.kind === "voting" ? state.choice : null} onVote={(v) => void vote(v)} onSkip={next} />
          )}
        </>
      )}
    </div>
  );
}
