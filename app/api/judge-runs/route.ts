import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { runCreateSchema } from "@/lib/validation/judges";
import { createRun, listRuns } from "@/lib/judges/runs/service";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireMaintainer();
  return json({ runs: await listRuns() });
});

/** Creates a run (both orders per battle) and starts it; workers pick its tasks up. */
export const POST = handle(async (req: Request) => {
  const input = await parseJson(req, runCreateSchema);
  await requireMaintainer();
  return json({ run: await createRun(input) }, { status: 201 });
});
