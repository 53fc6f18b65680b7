import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { idParamSchema, promptSetToggleSchema } from "@/lib/validation/admin";
import { togglePromptSet } from "@/lib/admin/prompt-sets";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Body `{active}` toggles the set; `{category, active}` toggles one of its categories. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = idParamSchema.parse((await ctx.params).id);
  const toggle = await parseJson(req, promptSetToggleSchema);
  await requireMaintainer();
  return json({ promptSet: await togglePromptSet(id, toggle) });
});
