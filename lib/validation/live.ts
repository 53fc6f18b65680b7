/**
 * Live battles: the bodies of `POST /api/live` (a new battle, or the next turn of one) and of the vote. The
 * configurable prompt length limit is checked by the service (lib/arena/live/config.ts); this schema only caps the
 * absolute size so a huge body is refused before anything else.
 */
import { z } from "zod";

/** Hard ceiling, whatever the configured limit says. */
export const LIVE_PROMPT_HARD_MAX = 50_000;
/** Body limit of `POST /api/live` (a prompt at the hard ceiling, JSON-escaped, fits). */
export const LIVE_BODY_MAX_BYTES = 256 * 1024;

const prompt = z
  .string()
  .max(LIVE_PROMPT_HARD_MAX, `a prompt is at most ${LIVE_PROMPT_HARD_MAX} characters`)
  .refine((s) => s.trim().length > 0, "type a prompt first");

export const ticketSchema = z.string().min(10).max(200).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "not a battle ticket");

export const liveTurnSchema = z.union([
  z.strictObject({ prompt }),
  z.strictObject({ ticket: ticketSchema, prompt }),
]);
export type LiveTurnInput = z.infer<typeof liveTurnSchema>;

export const liveVoteSchema = z.strictObject({
  outcome: z.enum(["left", "right", "tie", "bothbad"]),
  timeToVoteMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type LiveVoteInput = z.infer<typeof liveVoteSchema>;

/** One line of the NDJSON stream `POST /api/live` answers with. Never names a system. */
export type LiveEvent =
  | { type: "ticket"; ticket: string; turn: number }
  | { type: "delta"; side: "left" | "right"; delta: string }
  | { type: "side-done"; side: "left" | "right"; html: string }
  | { type: "side-error"; side: "left" | "right"; message: string }
  | { type: "done"; canVote: boolean; canContinue: boolean; message?: string };
