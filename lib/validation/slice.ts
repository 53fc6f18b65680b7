/**
 * A slice of votes: which source voted, and on which battles. Shared by the leaderboard, the judge dashboard, the
 * `concord rank|judges|export` CLI flags and the `?…` query strings of their pages and APIs (so every view has a
 * stable, shareable URL).
 */
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `not a date: "${v}" (use YYYY-MM-DD)` });
      return z.NEVER;
    }
    return d;
  });

export const sourceSchema = z
  .string()
  .trim()
  .regex(/^(crowd|judge:[a-z0-9][a-z0-9._-]*)$/, 'source is "crowd" or "judge:<slug>"')
  .default("crowd");

export const sliceSchema = z.object({
  source: sourceSchema,
  /** Prompt-set slug. */
  set: optionalText,
  category: optionalText,
  language: optionalText,
  from: optionalDate,
  to: optionalDate,
  /** Leave out votes of voters flagged as outliers or excluded by a maintainer. */
  excludeFlagged: z
    .union([z.boolean(), z.enum(["1", "0", "true", "false", ""])])
    .optional()
    .transform((v) => v === true || v === "1" || v === "true"),
});

export type SliceInput = z.input<typeof sliceSchema>;
export type Slice = z.output<typeof sliceSchema>;

export function sourceOf(slice: Slice): { kind: "crowd" } | { kind: "judge"; slug: string } {
  return slice.source === "crowd" ? { kind: "crowd" } : { kind: "judge", slug: slice.source.slice("judge:".length) };
}

/** A stable cache / URL key: fields in a fixed order, empty ones left out. */
export function sliceKey(slice: Slice): string {
  const parts: [string, string | undefined][] = [
    ["source", slice.source],
    ["set", slice.set],
    ["category", slice.category],
    ["language", slice.language],
    ["from", slice.from?.toISOString().slice(0, 10)],
    ["to", slice.to?.toISOString().slice(0, 10)],
    ["excludeFlagged", slice.excludeFlagged ? "1" : undefined],
  ];
  return new URLSearchParams(parts.filter((p): p is [string, string] => p[1] !== undefined)).toString();
}
