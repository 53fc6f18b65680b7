import { z } from "zod";
import { handle, json } from "@/lib/http/route";
import { getSystemPage } from "@/lib/systems/service";

export const dynamic = "force-dynamic";

/** GET /api/systems/{slug} → rating history, opponents, category breakdown and sample battles (public). */
export const GET = handle(async (_req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const slug = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).parse((await ctx.params).slug);
  return json(await getSystemPage(slug));
});
