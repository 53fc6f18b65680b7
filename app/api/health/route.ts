import { handle, json } from "@/lib/http/route";
import { getHealth } from "@/lib/health/service";

export const dynamic = "force-dynamic";

export const GET = handle(async () => json(await getHealth(), { headers: { "Cache-Control": "no-store" } }));
