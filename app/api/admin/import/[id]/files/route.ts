import { handle, json, parseQuery } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { saveUpload } from "@/lib/importers/jobs";
import { jobIdSchema, uploadPathSchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

/** PUT the raw file bytes; `?path=` is the file's path inside the upload (folders keep their layout). */
export const PUT = handle(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const id = jobIdSchema.parse((await ctx.params).id);
  const { path } = parseQuery(req, uploadPathSchema);
  await requireMaintainer();
  return json(await saveUpload(id, path, req.body), { status: 201 });
});
