/** Prisma access for judge configs and panel members: one query per function. */
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const judgeSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  family: true,
  description: true,
  baseUrl: true,
  model: true,
  apiKeyEnv: true,
  template: true,
  customTemplate: true,
  params: true,
  concurrency: true,
  rpm: true,
  tpm: true,
  pricePromptPerM: true,
  priceCompletionPerM: true,
  rule: true,
  isDemo: true,
  updatedAt: true,
} satisfies Prisma.JudgeSelect;

export type JudgeRow = Prisma.JudgeGetPayload<{ select: typeof judgeSelect }>;

export async function findAllJudges(): Promise<JudgeRow[]> {
  return (await getDb()).judge.findMany({ select: judgeSelect, orderBy: { slug: "asc" } });
}

export async function findJudgeBySlug(slug: string): Promise<JudgeRow | null> {
  return (await getDb()).judge.findUnique({ where: { slug }, select: judgeSelect });
}

export async function findJudgeById(id: number): Promise<JudgeRow | null> {
  return (await getDb()).judge.findUnique({ where: { id }, select: judgeSelect });
}

export async function findJudgesByIds(ids: number[]): Promise<JudgeRow[]> {
  return (await getDb()).judge.findMany({ where: { id: { in: ids } }, select: judgeSelect });
}

export async function findJudgeIdsBySlugs(slugs: string[]): Promise<Array<{ id: number; slug: string }>> {
  return (await getDb()).judge.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
}

/** Creates a judge and (for panels) its members in one transaction. */
export async function insertJudge(
  data: Prisma.JudgeCreateInput,
  members: Array<{ memberId: number; priority: number }>,
): Promise<JudgeRow> {
  const db = await getDb();
  return db.judge.create({
    data: { ...data, members: members.length ? { create: members.map((m) => ({ memberId: m.memberId, priority: m.priority })) } : undefined },
    select: judgeSelect,
  });
}

export async function updateJudgeRow(id: number, data: Prisma.JudgeUpdateInput): Promise<JudgeRow> {
  return (await getDb()).judge.update({ where: { id }, data, select: judgeSelect });
}

export async function findPanelMembers(panelId: number): Promise<Array<{ memberId: number; priority: number; weight: number; slug: string }>> {
  const rows = await (await getDb()).panelMember.findMany({
    where: { panelId },
    select: { memberId: true, priority: true, weight: true, member: { select: { slug: true } } },
    orderBy: { priority: "desc" },
  });
  return rows.map((r) => ({ memberId: r.memberId, priority: r.priority, weight: r.weight, slug: r.member.slug }));
}

export async function findPromptSetOptions(): Promise<Array<{ slug: string; name: string }>> {
  return (await getDb()).promptSet.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } });
}
