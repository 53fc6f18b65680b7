import { handle, parseQuery } from "@/lib/http/route";
import { currentUser } from "@/lib/auth/guard";
import { forbidden, unprocessable } from "@/lib/errors";
import { openExportStream } from "@/lib/exporters";
import { exportKindSchema, exportQuerySchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

const TYPES = { jsonl: "application/x-ndjson", fastchat: "application/x-ndjson", csv: "text/csv" } as const;

/**
 * GET /api/export/votes|battles?format=jsonl|csv|fastchat&set=&category=&voterKind=&judge=&since=&until=
 * Anyone gets the public release (salted voter hashes, no live-battle texts); maintainers may add public=0 or
 * includePrivate=1.
 */
export const GET = handle(async (req, ctx: { params: Promise<{ kind: string }> }) => {
  const kind = exportKindSchema.parse((await ctx.params).kind);
  const query = parseQuery(req, exportQuerySchema);
  if (kind === "battles" && query.format === "fastchat") throw unprocessable("the fastchat format holds votes; export battles as jsonl or csv");
  const user = await currentUser();
  const wantsPrivate = query.public === false || query.includePrivate === true;
  if (wantsPrivate && user?.role !== "maintainer") throw forbidden("non-public exports need the maintainer role");
  const body = await openExportStream(kind, {
    ...query,
    publicRelease: query.public !== false,
    includePrivate: query.includePrivate ?? false,
  });
  const ext = query.format === "csv" ? "csv" : "jsonl";
  return new Response(body, {
    headers: {
      "Content-Type": `${TYPES[query.format]}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="concord-${kind}.${ext}"`,
      "Cache-Control": "no-store",
    },
  });
});
