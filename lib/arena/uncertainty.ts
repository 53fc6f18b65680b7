/**
 * Pair uncertainty for active sampling: the width of the 95 % bootstrap interval of the rating difference
 * r_a − r_b, from the ranking engine's multinomial bootstrap (lib/ranking/bootstrap.ts) on the human votes.
 * Recomputed at most every REFRESH_MS, in the background: until the first estimate exists the sampler is uniform.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bootstrap } from "@/lib/ranking/bootstrap";
import { countsFromRows } from "@/lib/ranking/counts";
import { percentileInterval } from "@/lib/ranking/quantile";
import type { PairUncertainty } from "./sampling";
import { allPairOutcomeCounts } from "./queries";

const REFRESH_MS = 60_000;
const ROUNDS = 200;

/** CI widths of every pair's rating difference, from bootstrap samples (rounds × systems, row-major). */
export function pairWidthsFromSamples(systems: string[], samples: Float64Array, rounds: number, level = 0.95): Map<string, number> {
  const n = systems.length;
  const out = new Map<string, number>();
  const diff = new Float64Array(rounds);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let r = 0; r < rounds; r++) diff[r] = samples[r * n + i] - samples[r * n + j];
      const [lo, hi] = percentileInterval(diff, level);
      const [a, b] = [Number(systems[i]), Number(systems[j])];
      out.set(a < b ? `${a}:${b}` : `${b}:${a}`, hi - lo);
    }
  }
  return out;
}

export async function computePairUncertainty(db: PrismaClient): Promise<PairUncertainty | null> {
  const rows = await allPairOutcomeCounts(db);
  if (rows.length === 0) return null;
  const counts = countsFromRows(
    rows.map((r) => ({ a: String(r.a), b: String(r.b), outcome: r.outcome === "A" ? "a" : r.outcome === "B" ? "b" : r.outcome, count: r.n })),
  );
  const result = bootstrap(counts, { rounds: ROUNDS, seed: 1 });
  const widths = pairWidthsFromSamples(result.systems, result.samples, result.rounds);
  return { ciWidth: (a, b) => widths.get(`${a}:${b}`) };
}

const state: { value: PairUncertainty | null; at: number; running: boolean } = { value: null, at: 0, running: false };

/** The latest estimate (possibly null), refreshing in the background when stale. */
export function currentPairUncertainty(db: PrismaClient): PairUncertainty | null {
  if (!state.running && Date.now() - state.at > REFRESH_MS) {
    state.running = true;
    computePairUncertainty(db)
      .then((u) => {
        state.value = u;
        state.at = Date.now();
      })
      .catch((err: unknown) => {
        state.at = Date.now();
        console.error("[concord] active sampling: bootstrap failed, staying uniform:", err);
      })
      .finally(() => {
        state.running = false;
      });
  }
  return state.value;
}
