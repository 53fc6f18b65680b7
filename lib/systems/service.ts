/**
 * The system page: the crowd's rating history (online Elo, K = 4, in vote order, sampled at the end of each day),
 * win rates against each opponent and the per-category breakdown (from the cached leaderboards of those slices), and
 * recent battles with the reveal.
 */
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { onlineElo } from "@/lib/ranking";
import { sliceSchema } from "@/lib/validation/slice";
import { leaderboardOptionsSchema } from "@/lib/validation/leaderboard";
import { getLeaderboard, getLeaderboardFilters } from "@/lib/leaderboard/service";
import { loadSliceGames } from "@/lib/leaderboard/load";
import { sampleBattles, systemBySlug } from "./queries";

const DAY = 86_400_000;
const text = (turns: unknown) => (Array.isArray(turns) ? turns.filter((t): t is string => typeof t === "string") : []);

export async function getSystemPage(slug: string) {
  const db = await getDb();
  const system = await systemBySlug(db, slug);
  if (!system) throw notFound(`system "${slug}"`);
  const crowd = sliceSchema.parse({});
  const options = leaderboardOptionsSchema.parse({ rounds: 200 });
  const [overall, filters, sequence, samples] = await Promise.all([
    getLeaderboard(crowd, options),
    getLeaderboardFilters(),
    loadSliceGames(db, crowd),
    sampleBattles(db, system.id, 8),
  ]);
  const r = overall.result;
  const me = r.rows.find((x) => x.system === slug) ?? null;
  const i = r.matrices.systems.indexOf(slug);
  const opponents =
    i < 0
      ? []
      : r.matrices.systems
          .map((s, j) => ({ system: s, name: r.matrices.names[j], battles: r.matrices.battles[i][j], winRate: r.matrices.winRateTiesHalf[i][j], winRateNoTies: r.matrices.winRateNoTies[i][j], predicted: r.matrices.predicted[i][j] }))
          .filter((o) => o.system !== slug && o.battles > 0);
  const categories = [];
  for (const category of filters.categories) {
    const v = await getLeaderboard(sliceSchema.parse({ category }), options);
    const row = v.result.rows.find((x) => x.system === slug);
    if (row) categories.push({ category, rating: row.rating, ciLow: row.ciLow, ciHigh: row.ciHigh, rank: row.rank, of: v.result.rows.length, battles: row.battles, winRate: row.winRate });
  }
  // Elo trajectory: ratings after each day's votes (days with votes by anyone)
  const games = sequence.games;
  const history: { t: number; value: number }[] = [];
  for (let k = 0, cut = 0; k < games.length; k = cut) {
    const dayEnd = Math.floor(games[k].tstamp / DAY) * DAY + DAY;
    while (cut < games.length && games[cut].tstamp < dayEnd) cut++;
    const elo = onlineElo(games.slice(0, cut), { k: 4 });
    const idx = elo.systems.indexOf(slug);
    if (idx >= 0) history.push({ t: dayEnd - 1, value: elo.ratings[idx] });
  }
  return {
    system,
    overall: me,
    ratingLabel: r.ratingLabel,
    ciLabel: r.ci.label,
    computedAt: overall.computedAt,
    opponents,
    categories,
    history,
    historyLabel: "crowd rating history: online Elo (K=4, 400-pt scale) on cumulative votes, at the end of each day",
    samples: samples.map((s) => ({
      id: s.id,
      category: s.category,
      prompt: text(s.promptTurns)[0] ?? "",
      a: { slug: s.aSlug, name: s.aName, answer: text(s.aTurns)[0] ?? "" },
      b: { slug: s.bSlug, name: s.bName, answer: text(s.bTurns)[0] ?? "" },
      votes: { A: s.votesA, B: s.votesB, tie: s.votesTie },
    })),
  };
}

export type SystemPageData = Awaited<ReturnType<typeof getSystemPage>>;
