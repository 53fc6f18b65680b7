/** The live stream as HTTP: NDJSON (one LiveEvent per line), never cached, never buffered by a proxy. */
import type { VoterContext } from "@/lib/voters/identity";
import type { LiveEvent } from "@/lib/validation/live";

export const NDJSON_TYPE = "application/x-ndjson; charset=utf-8";

export function ndjsonResponse(events: AsyncIterable<LiveEvent>, voter: Pick<VoterContext, "setCookie">): Response {
  const encoder = new TextEncoder();
  const it = events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(r.value)}\n`));
    },
  });
  const headers = new Headers({
    "Content-Type": NDJSON_TYPE,
    "Cache-Control": "no-store, private, max-age=0",
    "X-Accel-Buffering": "no",
    Vary: "Cookie",
  });
  if (voter.setCookie) headers.append("Set-Cookie", voter.setCookie);
  return new Response(body, { status: 200, headers });
}
