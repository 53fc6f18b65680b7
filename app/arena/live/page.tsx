import type { Metadata } from "next";
import Link from "next/link";
import { liveArenaStatus } from "@/lib/arena/live/service";
import { LiveArena } from "@/components/live/live-arena";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Live arena" };

/** Live battles: the page names no system; both answers stream from POST /api/live. */
export default async function LiveArenaPage() {
  const status = await liveArenaStatus();
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">Live arena</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Type your own prompt. Two anonymous assistants answer side by side; follow up as long as you like, then vote.
          Their names appear after your vote. A battle does not count when an answer fails or names its own model.{" "}
          <Link href="/arena" className="text-blue-700 underline">
            Fixed-set arena
          </Link>
        </p>
      </header>
      {status.available ? (
        <LiveArena maxPromptChars={status.maxPromptChars} maxTurns={status.maxTurns} />
      ) : (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700" data-testid="live-unavailable">
          Live battles need at least two systems with an endpoint; none are available right now.
        </p>
      )}
    </div>
  );
}
