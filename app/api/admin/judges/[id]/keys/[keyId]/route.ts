import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { judgeIdParam } from "@/lib/validation/judges";
import { revokeApiKey } from "@/lib/judges/apikeys/service";

export const dynamic = "force-dynamic";

export const DELETE = handle(async (_req: Request, ctx: { params: Promise<{ id: string; keyId: string }> }) => {
  const keyId = judgeIdParam.parse((await ctx.params).keyId);
  await requireMaintainer();
  await revokeApiKey(keyId);
  return json({ revoked: keyId });
});
