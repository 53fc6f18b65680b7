/**
 * Leaderboard options (beside the shared slice, lib/validation/slice.ts): parsed from `/leaderboard?…`,
 * `GET /api/leaderboard?…` and the `concord rank` flags, so every view has one stable URL.
 */
import { z } from "zod";
import { sliceSchema, type Slice } from "./slice";

const flag = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", ""])])
  .optional()
  .transform((v) => v === true || v === "1" || v === "true");

export const leaderboardOptionsSchema = z.object({
  /** Rating model: Bradley–Terry (default) or online Elo (K = 4, timestamp order). */
  rating: z.enum(["bt", "elo"]).default("bt"),
  /** CI method for BT ratings. */
  method: z.enum(["bootstrap", "sandwich"]).default("bootstrap"),
  rounds: z.coerce.number().int().min(0).max(5000).default(1000),
  level: z.coerce.number().gt(0).lt(1).default(0.95),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0),
  /** Style control (markdown/length features of the answers). */
  style: flag,
  /** Judges: how the two shown orders combine; `run` = each run's own setting. */
  combine: z.enum(["run", "mtbench", "arena-hard"]).default("run"),
  /** `matrices`: also return the pairwise matrices. */
  include: z
    .string()
    .optional()
    .transform((v) => new Set((v ?? "").split(",").map((s) => s.trim()).filter(Boolean))),
});

export type LeaderboardOptions = z.output<typeof leaderboardOptionsSchema>;

/** The query of `/leaderboard` and `GET /api/leaderboard`: slice + options. */
export const leaderboardQuerySchema = sliceSchema.extend(leaderboardOptionsSchema.shape);
export type LeaderboardQuery = z.output<typeof leaderboardQuerySchema>;

export function splitQuery(q: LeaderboardQuery): { slice: Slice; options: LeaderboardOptions } {
  const { source, set, category, language, from, to, excludeFlagged, ...options } = q;
  return { slice: { source, set, category, language, from, to, excludeFlagged }, options };
}

/** Options in a fixed order, defaults left out (cache keys and URLs). */
export function optionsKey(o: LeaderboardOptions): string {
  const parts: [string, string | undefined][] = [
    ["rating", o.rating === "bt" ? undefined : o.rating],
    ["method", o.method === "bootstrap" ? undefined : o.method],
    ["rounds", o.rounds === 1000 ? undefined : String(o.rounds)],
    ["level", o.level === 0.95 ? undefined : String(o.level)],
    ["seed", o.seed === 0 ? undefined : String(o.seed)],
    ["style", o.style ? "1" : undefined],
    ["combine", o.combine === "run" ? undefined : o.combine],
    ["include", o.include.size ? [...o.include].sort().join(",") : undefined],
  ];
  return new URLSearchParams(parts.filter((p): p is [string, string] => p[1] !== undefined)).toString();
}
