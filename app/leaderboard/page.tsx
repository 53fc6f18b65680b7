import type { Metadata } from "next";
import { leaderboardQuerySchema, splitQuery } from "@/lib/validation/leaderboard";
import { getLeaderboardPage } from "@/lib/leaderboard/service";
import { LeaderboardView } from "@/components/leaderboard/leaderboard-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Leaderboard" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LeaderboardPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = leaderboardQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Leaderboard</h1>
        <p role="alert" className="text-red-700">
          This link has invalid filters: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}.{" "}
          <a className="underline" href="/leaderboard">Reset</a>
        </p>
      </div>
    );
  }
  const { slice, options } = splitQuery(parsed.data);
  const data = await getLeaderboardPage(slice, options);
  return <LeaderboardView data={data} />;
}
