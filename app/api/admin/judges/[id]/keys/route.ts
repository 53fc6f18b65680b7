import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { apiKeyCreateSchema, judgeIdParam } from "@/lib/validation/judges";
import { issueApiKey, listApiKeys } from "@/lib/judges/apikeys/service";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  await requireMaintainer();
  return json({ keys: await listApiKeys(id) });
});

/** The key is in this response only; the database keeps its hash. */
export const POST = handle(async (req: Request, ctx: Ctx) => {
  const id = judgeIdParam.parse((await ctx.params).id);
  const input = await parseJson(req, apiKeyCreateSchema);
  await requireMaintainer();
  return json({ key: await issueApiKey(id, input.name) }, { status: 201, headers: { "cache-control": "no-store" } });
});
