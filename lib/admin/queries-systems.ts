/** Prisma access for maintainers' system administration: one query per function. */
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const systemAdminSelect = {
  id: true,
  slug: true,
  name: true,
  organization: true,
  family: true,
  description: true,
  baseUrl: true,
  model: true,
  apiKeyEnv: true,
  params: true,
  active: true,
  weight: true,
  outage: true,
  boost: true,
  isDemo: true,
  updatedAt: true,
} satisfies Prisma.SystemSelect;

export type SystemAdminRow = Prisma.SystemGetPayload<{ select: typeof systemAdminSelect }>;

export async function findAllSystems(): Promise<SystemAdminRow[]> {
  const db = await getDb();
  return db.system.findMany({ select: systemAdminSelect, orderBy: { slug: "asc" } });
}

export async function findSystemById(id: number): Promise<SystemAdminRow | null> {
  const db = await getDb();
  return db.system.findUnique({ where: { id }, select: systemAdminSelect });
}

export async function insertSystem(data: Prisma.SystemCreateInput): Promise<SystemAdminRow> {
  const db = await getDb();
  return db.system.create({ data, select: systemAdminSelect });
}

export async function updateSystemRow(id: number, data: Prisma.SystemUpdateInput): Promise<SystemAdminRow> {
  const db = await getDb();
  return db.system.update({ where: { id }, data, select: systemAdminSelect });
}
