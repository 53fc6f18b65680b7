import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Auth.js needs AUTH_SECRET. When none is configured, `npm start` uses one generated once and kept in the database
 * (Setting "auth.secret"), so sessions survive restarts and every app instance on that database agrees.
 */
export async function ensureAuthSecret(db: PrismaClient): Promise<string> {
  const existing = await db.setting.findUnique({ where: { key: "auth.secret" } });
  if (existing && typeof existing.value === "string") return existing.value;
  const secret = randomBytes(32).toString("base64url");
  await db.setting.upsert({ where: { key: "auth.secret" }, update: {}, create: { key: "auth.secret", value: secret } });
  const stored = await db.setting.findUnique({ where: { key: "auth.secret" } });
  return typeof stored?.value === "string" ? stored.value : secret;
}
