import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { idParamSchema } from "@/lib/validation/admin";
import { testSystemConnection } from "@/lib/admin/connection";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Always 200 with `{report}` once the system exists: a failed connection is a result, not an error of this call. */
export const POST = handle(async (_req: Request, ctx: Ctx) => {
  const id = idParamSchema.parse((await ctx.params).id);
  await requireMaintainer();
  return json({ report: await testSystemConnection(id) });
});
