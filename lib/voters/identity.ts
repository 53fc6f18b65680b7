/**
 * Who is voting: `resolveVoter(req)` is the one place a request becomes a Voter.
 * - Anonymous: a random id in the httpOnly, SameSite=Lax cookie `concord_voter`; only its SHA-256 is stored
 *   (Voter.cookieHash). A request without the cookie gets a new voter and a Set-Cookie.
 * - Signed in (Auth.js session cookie present): the user's primary voter. On the first request after sign-in the
 *   cookie's voter is linked to the user, or, when the user already has a voter, merged into it (votes moved where
 *   the user has not voted on the same battle).
 * - `Authorization: Bearer <key>`: an external judge's API key (lib/judges/apikeys/service.ts): its tickets belong to
 *   a Voter `judge:<id>` and its votes are stored as that judge's votes; a wrong or revoked key → 401.
 * Resolutions are cached in memory for a minute, so the hot path usually costs no query.
 */
import { forgetVoter } from "@/lib/arena/seen";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { findPrimaryVoterOfUser, linkVoterToUser, mergeVoterInto, upsertVoterByCookieHash } from "./queries";

export const VOTER_COOKIE = "concord_voter";
const COOKIE_MAX_AGE = 400 * 86_400;

export interface VoterContext {
  voterId: number;
  kind: "human" | "judge";
  userId: string | null;
  /** The client address used for per-IP limits. */
  ip: string;
  /** A Set-Cookie header value when a new anonymous identity was issued. */
  setCookie: string | null;
  /** Judge agents only: whose vote it is (set by the API-key branch). */
  judge?: { judgeId: number; runId: number; keyId: number };
}

export const hashCookie = (raw: string) => createHash("sha256").update(raw).digest("hex");

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

const hasSessionCookie = (req: Request) => /(?:^|;\s*)(?:__Secure-)?authjs\.session-token/.test(req.headers.get("cookie") ?? "");

/**
 * The client address: the right-most `X-Forwarded-For` entry (the one our own proxy or Next's server appended), else
 * `X-Real-IP`, else "unknown". Put Concord behind one trusted proxy that sets these headers.
 */
export function clientIp(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  if (xff) {
    const parts = xff.split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length > 0) return parts[parts.length - 1].slice(0, 64);
  }
  return req.headers.get("x-real-ip")?.trim().slice(0, 64) || "unknown";
}

const cache = new Map<string, { voterId: number; userId: string | null; until: number }>();
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 50_000;

function remember(key: string, voterId: number, userId: string | null): void {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, { voterId, userId, until: Date.now() + CACHE_TTL_MS });
}

export function newCookieValue(): string {
  return randomBytes(24).toString("base64url");
}

export function voterCookieHeader(value: string, secure: boolean): string {
  return `${VOTER_COOKIE}=${value}; Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Attaches the cookie voter to a signed-in user: link when the user has no voter yet, else merge into the user's
 * primary voter. Returns the voter id to use from now on.
 */
export async function attachUser(db: PrismaClient, cookieVoter: { id: number; userId: string | null }, userId: string): Promise<number> {
  const primary = await findPrimaryVoterOfUser(db, userId);
  if (!primary) {
    await linkVoterToUser(db, cookieVoter.id, userId);
    return cookieVoter.id;
  }
  if (primary.id !== cookieVoter.id && cookieVoter.userId !== userId) {
    await mergeVoterInto(db, cookieVoter.id, primary.id, userId);
    forgetVoter(primary.id); // its cached voted battles lack the merged votes
  }
  return primary.id;
}

export async function resolveVoter(req: Request): Promise<VoterContext> {
  const ip = clientIp(req);
  const authz = req.headers.get("authorization");
  if (authz && /^bearer\s/i.test(authz)) {
    return (await import("@/lib/judges/apikeys/service")).resolveJudgeAgent(authz, ip);
  }
  const raw = readCookie(req, VOTER_COOKIE);
  const valid = raw !== null && /^[A-Za-z0-9_-]{16,64}$/.test(raw);
  const cookieValue = valid ? raw : newCookieValue();
  const setCookie = valid ? null : voterCookieHeader(cookieValue, new URL(req.url).protocol === "https:");
  const cookieHash = hashCookie(cookieValue);
  // Loaded only when a session cookie is present: anonymous requests never pay for Auth.js.
  const user = hasSessionCookie(req) ? await (await import("@/lib/auth/guard")).currentUser() : null;
  const userId = user?.id ?? null;
  const key = `${cookieHash}|${userId ?? ""}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return { voterId: hit.voterId, kind: "human", userId, ip, setCookie };
  const db = await getDb();
  const voter = await upsertVoterByCookieHash(db, cookieHash);
  const voterId = userId && voter.userId !== userId ? await attachUser(db, voter, userId) : userId ? ((await findPrimaryVoterOfUser(db, userId))?.id ?? voter.id) : voter.id;
  remember(key, voterId, userId);
  return { voterId, kind: "human", userId, ip, setCookie };
}

/** Test helper: forget cached resolutions. */
export function clearVoterCache(): void {
  cache.clear();
}
