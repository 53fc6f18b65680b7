/** Response helpers for the battle API: never cacheable, and a new anonymous identity travels as a cookie. */
import type { VoterContext } from "@/lib/voters/identity";

export function arenaJson(body: unknown, voter: VoterContext | null, status = 200): Response {
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store, private, max-age=0",
    Pragma: "no-cache",
    Vary: "Cookie",
  });
  if (voter?.setCookie) headers.append("Set-Cookie", voter.setCookie);
  return new Response(JSON.stringify(body), { status, headers });
}
