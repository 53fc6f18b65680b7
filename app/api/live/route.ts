import { handle, parseJson } from "@/lib/http/route";
import { LIVE_BODY_MAX_BYTES, liveTurnSchema } from "@/lib/validation/live";
import { resolveVoter } from "@/lib/voters/identity";
import { playLiveTurn } from "@/lib/arena/live/service";
import { ndjsonResponse } from "@/lib/arena/live/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/live {prompt} starts a live battle; {ticket, prompt} plays its next turn. Refusals (length, moderation,
 * rate limit, unknown ticket) are ordinary JSON errors; otherwise the answer is an NDJSON stream of LiveEvents:
 * `ticket`, then `delta`s per side, `side-done` / `side-error`, and a final `done`.
 */
export const POST = handle(async (req: Request) => {
  const input = await parseJson(req, liveTurnSchema, LIVE_BODY_MAX_BYTES);
  const voter = await resolveVoter(req);
  const { events } = await playLiveTurn(input, voter);
  return ndjsonResponse(events, voter);
});
