import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { createUploadJob, recentJobs } from "@/lib/importers/jobs";
import { createImportSchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

export const POST = handle(async (req) => {
  const input = await parseJson(req, createImportSchema);
  const user = await requireMaintainer();
  return json(await createUploadJob(input, user.id), { status: 201 });
});

export const GET = handle(async () => {
  await requireMaintainer();
  return json({ jobs: await recentJobs() });
});
