/**
 * Query strings of the judge dashboard (`/judges`, `/judges/[slug]`, `GET /api/judges…`): the shared slice plus the
 * per-judge view's alt-test ε and the battle opened in the side panel.
 */
import { z } from "zod";
import { sliceSchema } from "./slice";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const judgeSlugSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/, "not a judge slug").max(100);

export const judgeDetailQuerySchema = sliceSchema.extend({
  /** Alt-test tolerance ε in [0, 1): how much better than a human the judge may be allowed to fall short. */
  eps: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(0.99).default(0.2)),
  battle: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});

export type JudgeDetailQuery = z.output<typeof judgeDetailQuerySchema>;

/** Parses page search params (string | string[]), keeping the first value of repeated keys. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined) out[k] = s;
  }
  return out;
}
