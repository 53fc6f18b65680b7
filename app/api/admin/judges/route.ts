import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { judgeCreateSchema } from "@/lib/validation/judges";
import { createJudge, listJudges } from "@/lib/judges/configs/service";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireMaintainer();
  return json({ judges: await listJudges() });
});

export const POST = handle(async (req: Request) => {
  const input = await parseJson(req, judgeCreateSchema, 256 * 1024);
  await requireMaintainer();
  return json({ judge: await createJudge(input) }, { status: 201 });
});
