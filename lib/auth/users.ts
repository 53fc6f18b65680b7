import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

/** Emails in CONCORD_ADMIN_EMAILS become maintainers when they sign in. */
export function adminEmails(env: Record<string, string | undefined> = process.env): Set<string> {
  return new Set(
    (env.CONCORD_ADMIN_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

export async function findUserRole(userId: string): Promise<Role | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  return user?.role ?? null;
}

/** Promotes a user listed in CONCORD_ADMIN_EMAILS; returns the role now held. */
export async function applyAdminEmails(userId: string, email: string | null | undefined): Promise<Role | null> {
  const db = await getDb();
  if (email && adminEmails().has(email.toLowerCase())) {
    const user = await db.user.update({ where: { id: userId }, data: { role: "maintainer" }, select: { role: true } });
    return user.role;
  }
  return findUserRole(userId);
}

/** The credentials provider's sign-in: finds or creates the user by email. */
export async function upsertUserByEmail(email: string, name?: string): Promise<{ id: string; email: string; name: string | null }> {
  const db = await getDb();
  const user = await db.user.upsert({
    where: { email: email.toLowerCase() },
    update: {},
    create: { email: email.toLowerCase(), name: name ?? email.split("@")[0] },
  });
  return { id: user.id, email: user.email!, name: user.name };
}

/** `concord user promote EMAIL`. */
export async function setRoleByEmail(email: string, role: Role): Promise<{ id: string; email: string; role: Role }> {
  const db = await getDb();
  const user = await db.user.upsert({
    where: { email: email.toLowerCase() },
    update: { role },
    create: { email: email.toLowerCase(), role },
  });
  return { id: user.id, email: user.email!, role: user.role };
}
