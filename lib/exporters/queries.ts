/** Reads for the exporters: votes and battles in id order, one page at a time (keyset pagination). */
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export interface ExportFilter {
  set?: string;
  category?: string;
  voterKind?: "human" | "judge";
  judge?: string;
  since?: Date;
  until?: Date;
}

function battleWhere(f: ExportFilter): Prisma.BattleWhereInput {
  return {
    ...(f.set ? { prompt: { promptSet: { slug: f.set } } } : {}),
    ...(f.category ? { category: f.category } : {}),
  };
}

const voteInclude = {
  voter: { select: { id: true, externalId: true } },
  judge: { select: { slug: true } },
  judgeRun: { select: { id: true, label: true } },
  battle: {
    select: {
      key: true, mode: true, turn: true, category: true, language: true, counted: true, createdAt: true,
      prompt: { select: { externalId: true, turns: true } },
      systemA: { select: { slug: true } },
      systemB: { select: { slug: true } },
      responseA: { select: { turns: true } },
      responseB: { select: { turns: true } },
    },
  },
} satisfies Prisma.VoteInclude;

export type ExportVote = Prisma.VoteGetPayload<{ include: typeof voteInclude }>;

export async function votesPage(db: PrismaClient, f: ExportFilter, afterId: number, take: number): Promise<ExportVote[]> {
  return db.vote.findMany({
    where: {
      id: { gt: afterId },
      battle: battleWhere(f),
      ...(f.voterKind ? { voterKind: f.voterKind } : {}),
      ...(f.judge ? { judge: { slug: f.judge } } : {}),
      ...(f.since || f.until ? { createdAt: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } } : {}),
    },
    include: voteInclude,
    orderBy: { id: "asc" },
    take,
  });
}

const battleInclude = {
  prompt: { select: { externalId: true, turns: true } },
  systemA: { select: { slug: true } },
  systemB: { select: { slug: true } },
  responseA: { select: { turns: true } },
  responseB: { select: { turns: true } },
  _count: { select: { votes: true } },
} satisfies Prisma.BattleInclude;

export type ExportBattle = Prisma.BattleGetPayload<{ include: typeof battleInclude }>;

export async function battlesPage(db: PrismaClient, f: ExportFilter, afterId: number, take: number): Promise<ExportBattle[]> {
  return db.battle.findMany({
    where: {
      id: { gt: afterId },
      ...battleWhere(f),
      ...(f.since || f.until ? { createdAt: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } } : {}),
    },
    include: battleInclude,
    orderBy: { id: "asc" },
    take,
  });
}

export const SALT_SETTING = "export.salt";

/** The salt for public voter hashes, created once and kept in Settings. */
export async function exportSalt(db: PrismaClient): Promise<string> {
  const row = await db.setting.findUnique({ where: { key: SALT_SETTING } });
  if (row && typeof row.value === "string") return row.value;
  const salt = randomBytes(16).toString("hex");
  await db.setting.upsert({ where: { key: SALT_SETTING }, update: {}, create: { key: SALT_SETTING, value: salt } });
  const again = await db.setting.findUnique({ where: { key: SALT_SETTING } });
  return typeof again?.value === "string" ? again.value : salt;
}
