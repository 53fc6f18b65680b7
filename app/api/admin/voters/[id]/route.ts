import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { idParamSchema, voterExcludeSchema } from "@/lib/validation/admin";
import { setVoterExcluded } from "@/lib/admin/voters";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Body `{excluded: true}` excludes the voter's votes from the rankings; `false` restores them. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = idParamSchema.parse((await ctx.params).id);
  const { excluded } = await parseJson(req, voterExcludeSchema);
  await requireMaintainer();
  return json({ voter: await setVoterExcluded(id, excluded) });
});
