import { handle, json } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { listPromptSets } from "@/lib/admin/prompt-sets";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireMaintainer();
  return json({ promptSets: await listPromptSets() });
});
