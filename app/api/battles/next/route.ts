import { handle, parseQuery } from "@/lib/http/route";
import { nextBattleQuery } from "@/lib/validation/arena";
import { resolveVoter } from "@/lib/voters/identity";
import { nextBattle } from "@/lib/arena/service";
import { arenaJson } from "@/lib/arena/http";

export const dynamic = "force-dynamic";

/** GET /api/battles/next?set=&category= → an anonymous battle and its ticket (README, "Battle API"). */
export const GET = handle(async (req: Request) => {
  const query = parseQuery(req, nextBattleQuery);
  const voter = await resolveVoter(req);
  return arenaJson(await nextBattle(voter, query), voter);
});
