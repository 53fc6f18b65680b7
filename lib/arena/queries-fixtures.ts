import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function findSystemIdsBySlug(db: PrismaClient, slugs: string[]): Promise<Map<string, number>> {
  const rows = await db.system.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export async function upsertFixtureSet(db: PrismaClient, s: { slug: string; name: string; description?: string }): Promise<number> {
  const row = await db.promptSet.upsert({
    where: { slug: s.slug },
    update: { name: s.name, description: s.description ?? "" },
    create: { slug: s.slug, name: s.name, description: s.description ?? "", source: "fixture" },
  });
  return row.id;
}

export async function upsertFixturePrompt(
  db: PrismaClient,
  p: { setId: number; externalId: string; category: string; language: string; turns: string[] },
): Promise<number> {
  const row = await db.prompt.upsert({
    where: { promptSetId_externalId: { promptSetId: p.setId, externalId: p.externalId } },
    update: { turns: p.turns, category: p.category, language: p.language },
    create: { promptSetId: p.setId, externalId: p.externalId, turns: p.turns, category: p.category, language: p.language },
  });
  return row.id;
}

export async function upsertFixtureResponse(db: PrismaClient, r: { promptId: number; systemId: number; turns: string[] }): Promise<void> {
  await db.response.upsert({
    where: { promptId_systemId: { promptId: r.promptId, systemId: r.systemId } },
    update: { turns: r.turns },
    create: { promptId: r.promptId, systemId: r.systemId, turns: r.turns },
  });
}
