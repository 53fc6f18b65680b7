import type { Metadata } from "next";
import { arenaFilters } from "@/lib/arena/service";
import { ArenaClient } from "@/components/arena/arena-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Arena" };

/** The crowd arena. The battle itself is fetched by the client from /api/battles/next, so this HTML names no system. */
export default async function ArenaPage() {
  const sets = await arenaFilters();
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">Arena</h1>
        <p className="max-w-3xl text-sm text-slate-700">
          Two anonymous assistants answer the same prompt. Vote for the better one; their names appear after your vote.
          Keys: <kbd>1</kbd>/<kbd>←</kbd> A, <kbd>2</kbd>/<kbd>→</kbd> B, <kbd>3</kbd> tie, <kbd>4</kbd> both bad, <kbd>n</kbd> next.
        </p>
      </header>
      <ArenaClient sets={sets.map((s) => ({ slug: s.slug, name: s.name, categories: s.categories }))} />
    </div>
  );
}
