import { handle, parseJson } from "@/lib/http/route";
import { ticketParam, voteBody } from "@/lib/validation/arena";
import { resolveVoter } from "@/lib/voters/identity";
import { voteOnTicket } from "@/lib/arena/service";
import { arenaJson } from "@/lib/arena/http";

export const dynamic = "force-dynamic";

/** POST /api/battles/{ticket}/vote {outcome, timeToVoteMs?} → the reveal (README, "Battle API"). */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ ticket: string }> }) => {
  const ticket = ticketParam.parse((await ctx.params).ticket);
  const body = await parseJson(req, voteBody);
  const voter = await resolveVoter(req);
  return arenaJson(await voteOnTicket(voter, ticket, body), voter);
});
