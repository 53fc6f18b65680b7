/**
 * Battle tickets: `<id>.<mac>` where id is 18 random bytes and mac = HMAC-SHA256(key, id) truncated to 16 bytes,
 * both base64url. The ticket says nothing about the battle; the server keeps the mapping (BattleTicket row: battle,
 * voter, shown order, expiry). A forged or mistyped ticket fails the MAC check without touching the database.
 *
 * Key: HMAC-SHA256(secret, "concord:battle-ticket"), the secret being CONCORD_TICKET_SECRET, else AUTH_SECRET, else
 * a random value kept in Setting "arena.ticketSecret" (created once; every instance on the database agrees).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getSettingValue, insertSettingIfAbsent } from "./queries";

export const TICKET_TTL_MS = 30 * 60_000;

let keyPromise: Promise<Buffer> | null = null;

async function loadSecret(db: PrismaClient): Promise<string> {
  const env = process.env.CONCORD_TICKET_SECRET || process.env.AUTH_SECRET;
  if (env) return env;
  const existing = await getSettingValue(db, "arena.ticketSecret");
  if (typeof existing === "string") return existing;
  await insertSettingIfAbsent(db, "arena.ticketSecret", randomBytes(32).toString("base64url"));
  const stored = await getSettingValue(db, "arena.ticketSecret");
  if (typeof stored !== "string") throw new Error("could not store the ticket secret");
  return stored;
}

export function ticketKey(db: PrismaClient): Promise<Buffer> {
  keyPromise ??= loadSecret(db)
    .then((secret) => createHmac("sha256", secret).update("concord:battle-ticket").digest())
    .catch((err: unknown) => {
      keyPromise = null;
      throw err;
    });
  return keyPromise;
}

/** Test helper: forget the cached key (after changing the secret). */
export function resetTicketKey(): void {
  keyPromise = null;
}

const mac = (key: Buffer, id: string) => createHmac("sha256", key).update(id).digest().subarray(0, 16).toString("base64url");

export function issueTicket(key: Buffer): { id: string; token: string } {
  const id = randomBytes(18).toString("base64url");
  return { id, token: `${id}.${mac(key, id)}` };
}

/** The ticket id when the MAC is valid, else null. */
export function verifyTicket(key: Buffer, token: string): string | null {
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(key, id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
