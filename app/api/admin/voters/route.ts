import { handle, json, parseQuery } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { voterListQuerySchema } from "@/lib/validation/admin";
import { listVoters } from "@/lib/admin/voters";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  const { filter } = parseQuery(req, voterListQuerySchema);
  await requireMaintainer();
  return json({ voters: await listVoters(filter) });
});
