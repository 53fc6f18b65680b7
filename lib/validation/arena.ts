/** zod schemas shared by the arena page and the battle API handlers. */
import { z } from "zod";

const slugish = z
  .string()
  .trim()
  .max(120)
  .regex(/^[\w.:-]*$/, "letters, digits, . _ : - only");

/** `GET /api/battles/next?set=&category=`; empty strings mean "any". */
export const nextBattleQuery = z.object({
  set: slugish.optional().transform((v) => (v ? v : undefined)),
  category: slugish.optional().transform((v) => (v ? v : undefined)),
});
export type NextBattleQuery = z.infer<typeof nextBattleQuery>;

export const SHOWN_OUTCOMES = ["left", "right", "tie", "bothbad"] as const;
export type ShownOutcome = (typeof SHOWN_OUTCOMES)[number];

/** `POST /api/battles/{ticket}/vote`. */
export const voteBody = z.object({
  outcome: z.enum(SHOWN_OUTCOMES),
  timeToVoteMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type VoteBody = z.infer<typeof voteBody>;

/** The opaque ticket in the URL: `<random id>.<hmac>`, both base64url. */
export const ticketParam = z.string().regex(/^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,64}$/, "not a battle ticket");

/** Setting "arena.rateLimits": per-window maxima; 0 disables a limit. */
export const rateLimitsSetting = z.object({
  votesPerMinute: z.number().int().min(0).default(30),
  votesPerDay: z.number().int().min(0).default(2000),
  ipVotesPerMinute: z.number().int().min(0).default(120),
  ipVotesPerDay: z.number().int().min(0).default(20000),
  battlesPerMinute: z.number().int().min(0).default(60),
  ipBattlesPerMinute: z.number().int().min(0).default(240),
});
export type RateLimits = z.infer<typeof rateLimitsSetting>;

/** Setting "arena.sampling". */
export const samplingSetting = z.enum(["uniform", "active"]);
export type SamplingMode = z.infer<typeof samplingSetting>;
