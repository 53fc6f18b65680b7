import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { startJob } from "@/lib/importers/jobs";
import { jobIdSchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

export const POST = handle(async (_req, ctx: { params: Promise<{ id: string }> }) => {
  const id = jobIdSchema.parse((await ctx.params).id);
  await requireMaintainer();
  return json(await startJob(id), { status: 202 });
});
