import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { jobStatus } from "@/lib/importers/jobs";
import { jobIdSchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

export const GET = handle(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const id = jobIdSchema.parse((await ctx.params).id);
  await requireMaintainer();
  return json(await jobStatus(id), { headers: { "Cache-Control": "no-store" } });
});
