import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { idParamSchema, systemUpdateSchema } from "@/lib/validation/admin";
import { updateSystem } from "@/lib/admin/systems";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const id = idParamSchema.parse((await ctx.params).id);
  const input = await parseJson(req, systemUpdateSchema);
  await requireMaintainer();
  return json({ system: await updateSystem(id, input) });
});
