import { handle, parseJson } from "@/lib/http/route";
import { liveVoteSchema, ticketSchema } from "@/lib/validation/live";
import { resolveVoter } from "@/lib/voters/identity";
import { voteLive } from "@/lib/arena/live/service";
import { arenaJson } from "@/lib/arena/http";

export const dynamic = "force-dynamic";

/** POST /api/live/{ticket}/vote {outcome, timeToVoteMs?} → the reveal, saying whether the battle counts and why not. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const ticket = ticketSchema.parse((await ctx.params).ticket);
  const body = await parseJson(req, liveVoteSchema);
  const voter = await resolveVoter(req);
  return arenaJson(await voteLive(ticket, body, voter), voter);
});
