/** Prisma access for voter moderation: one query per function. */
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VoterFilter } from "@/lib/validation/admin";

export interface VoterAdminRow {
  id: number;
  externalId: string | null;
  userEmail: string | null;
  flagged: boolean;
  flagReason: string | null;
  flaggedAt: Date | null;
  excluded: boolean;
  createdAt: Date;
  votes: number;
}

const WHERE: Record<VoterFilter, Prisma.VoterWhereInput> = {
  flagged: { flagged: true },
  excluded: { excluded: true },
  all: { OR: [{ flagged: true }, { excluded: true }] },
};

export async function findVoters(filter: VoterFilter, limit: number): Promise<VoterAdminRow[]> {
  const db = await getDb();
  const rows = await db.voter.findMany({
    where: WHERE[filter],
    orderBy: [{ flaggedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      externalId: true,
      flagged: true,
      flagReason: true,
      flaggedAt: true,
      excluded: true,
      createdAt: true,
      user: { select: { email: true } },
      _count: { select: { votes: true } },
    },
  });
  return rows.map(({ user, _count, ...v }) => ({ ...v, userEmail: user?.email ?? null, votes: _count.votes }));
}

export async function updateVoterExcluded(id: number, excluded: boolean): Promise<{ id: number; excluded: boolean }> {
  const db = await getDb();
  return db.voter.update({ where: { id }, data: { excluded }, select: { id: true, excluded: true } });
}
