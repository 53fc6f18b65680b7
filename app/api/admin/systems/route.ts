import { handle, json, parseJson } from "@/lib/http/route";
import { requireMaintainer } from "@/lib/auth/guard";
import { systemCreateSchema } from "@/lib/validation/admin";
import { createSystem, listSystems } from "@/lib/admin/systems";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  await requireMaintainer();
  return json({ systems: await listSystems() });
});

export const POST = handle(async (req: Request) => {
  const input = await parseJson(req, systemCreateSchema);
  await requireMaintainer();
  return json({ system: await createSystem(input) }, { status: 201 });
});
