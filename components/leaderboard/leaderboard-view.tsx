"use client";
/**
 * `/leaderboard`: controls, the ranking table, the CI plot and the pairwise heatmaps. Polls the slice's watermark
 * (`GET /api/leaderboard/watermark`) every 2.5 s (1 s while the shown result is being recomputed) and refreshes the
 * server render when it changed, so a new vote shows up within seconds.
 */
import { useEffect, useRef, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import type { LeaderboardPageData } from "@/lib/leaderboard/service";
import { LeaderboardControls } from "./controls";
import { LeaderboardTable } from "./table";
import { MatrixCharts, RatingCiChart, StyleCoefficients } from "./charts";

const SLICE_KEYS = ["source", "set", "category", "language", "from", "to", "excludeFlagged"];

export function LeaderboardView({ data }: { data: LeaderboardPageData }) {
  const { view, filters } = data;
  const r = view.result;
  const router = useRouter();
  const params = useSearchParams();
  const [live, setLive] = useState<{ votes: number; lastVoteAt: string | null }>({ votes: view.sourceVotes, lastVoteAt: view.lastVoteAt });
  const shown = useRef(view.watermark);
  useEffect(() => {
    shown.current = view.watermark;
  }, [view.watermark]);
  const stale = view.stale;
  const sliceQs = new URLSearchParams(SLICE_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))).toString();

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const res = await fetch(`/api/leaderboard/watermark?${sliceQs}`, { cache: "no-store" });
        if (res.ok) {
          const body = (await res.json()) as { watermark: string; lastVoteAt: string | null; sourceVotes: number };
          setLive({ votes: body.sourceVotes, lastVoteAt: body.lastVoteAt });
          if (body.watermark !== shown.current) router.refresh();
        }
      } catch {
        // offline for a moment: try again on the next tick
      }
      if (!stop) timer = setTimeout(tick, stale ? 1000 : 2500);
    };
    timer = setTimeout(tick, stale ? 1000 : 2500);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [sliceQs, router, stale]);

  const filename = `leaderboard-${view.slice || "crowd"}${view.options ? `-${view.options}` : ""}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Leaderboard</h1>
          <p className="text-sm text-slate-600">
            {r.source.label}: {r.ratingLabel}, {r.ci.label}
            {r.meta.combine ? `; judge orders combined by ${r.meta.combine}` : ""}.
          </p>
        </div>
        <p className="text-xs text-slate-600" data-testid="last-updated">
          <span data-testid="vote-count">{r.meta.votes}</span> votes in this view ({live.votes} from this source in total) · last vote{" "}
          {live.lastVoteAt ? new Date(live.lastVoteAt).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "–"} · computed{" "}
          {view.computedAt.replace("T", " ").slice(0, 19)} UTC{stale ? " (updating…)" : ""}
        </p>
      </div>
      {r.meta.demo ? (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="demo-label">
          Demo data: these systems and votes are simulated (lib/demo), not real models.
        </p>
      ) : null}
      <LeaderboardControls filters={filters} />
      {r.meta.warnings.length ? (
        <ul className="text-xs text-amber-800">
          {r.meta.warnings.map((w) => (
            <li key={w}>warning: {w}</li>
          ))}
        </ul>
      ) : null}
      {r.rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-600" data-testid="empty">No votes in this slice yet.</p>
      ) : (
        <>
          <LeaderboardTable result={r} filename={filename} />
          <StyleCoefficients result={r} />
          <RatingCiChart result={r} />
          <MatrixCharts result={r} apiHref={`/api/leaderboard?${new URLSearchParams([...params.entries(), ["include", "matrices"]]).toString()}`} />
        </>
      )}
    </div>
  );
}
