/** Prisma access for prompt-set administration: one query per function. */
import { getDb } from "@/lib/db";

export interface PromptSetRow {
  id: number;
  slug: string;
  name: string;
  source: string;
  active: boolean;
  inactiveCategories: string[];
  isDemo: boolean;
}

const select = { id: true, slug: true, name: true, source: true, active: true, inactiveCategories: true, isDemo: true };

/** Every set except the hidden ones (source "live": live battles' own prompts). */
export async function findVisiblePromptSets(): Promise<PromptSetRow[]> {
  const db = await getDb();
  return db.promptSet.findMany({ where: { source: { not: "live" } }, select, orderBy: { slug: "asc" } });
}

export async function findPromptSetById(id: number): Promise<PromptSetRow | null> {
  const db = await getDb();
  return db.promptSet.findUnique({ where: { id }, select });
}

/** Prompt counts per (set, category). */
export async function countPromptsByCategory(): Promise<{ promptSetId: number; category: string; count: number }[]> {
  const db = await getDb();
  const rows = await db.prompt.groupBy({ by: ["promptSetId", "category"], _count: { _all: true } });
  return rows.map((r) => ({ promptSetId: r.promptSetId, category: r.category, count: r._count._all }));
}

export async function updatePromptSetActive(id: number, active: boolean): Promise<PromptSetRow> {
  const db = await getDb();
  return db.promptSet.update({ where: { id }, data: { active }, select });
}

export async function updatePromptSetInactiveCategories(id: number, inactiveCategories: string[]): Promise<PromptSetRow> {
  const db = await getDb();
  return db.promptSet.update({ where: { id }, data: { inactiveCategories }, select });
}
