/** Live battles' database access: one query per function (the vote itself reuses lib/arena/queries.ts castVote). */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { CanonicalSide } from "@/lib/battles/canonical";

export const LIVE_SET_SLUG = "live";

export async function findLiveSettings(db: PrismaClient): Promise<{ key: string; value: unknown }[]> {
  return db.setting.findMany({ where: { key: { startsWith: "live." } }, select: { key: true, value: true } });
}

export interface LiveSystemRow {
  id: number;
  slug: string;
  name: string;
  organization: string;
  family: string;
  baseUrl: string | null;
  model: string | null;
  apiKeyEnv: string | null;
  params: unknown;
  weight: number;
  outage: boolean;
  boost: number;
}

const liveSystemSelect = {
  id: true, slug: true, name: true, organization: true, family: true, baseUrl: true, model: true, apiKeyEnv: true,
  params: true, weight: true, outage: true, boost: true,
} as const;

/** Systems that can answer live: an endpoint and a model, active, weight > 0, no outage. */
export async function findLiveSystems(db: PrismaClient): Promise<LiveSystemRow[]> {
  return db.system.findMany({
    where: { baseUrl: { not: null }, model: { not: null }, active: true, weight: { gt: 0 }, outage: false },
    select: liveSystemSelect,
    orderBy: { id: "asc" },
  });
}

/** The hidden set holding live prompts (never served by the fixed arena). */
export async function upsertLivePromptSet(db: PrismaClient): Promise<number> {
  const set = await db.promptSet.upsert({
    where: { slug: LIVE_SET_SLUG },
    update: {},
    create: {
      slug: LIVE_SET_SLUG,
      name: "Live battles",
      description: "Prompts typed by voters in live battles.",
      source: "live",
      active: false,
    },
    select: { id: true },
  });
  return set.id;
}

/** Creates the live prompt and its battle (not counted until both answers are in). */
export async function insertLivePromptAndBattle(
  db: PrismaClient,
  b: { promptSetId: number; externalId: string; firstTurn: string; key: string; systemAId: number; systemBId: number },
): Promise<{ promptId: number; battleId: number }> {
  const prompt = await db.prompt.create({
    data: {
      promptSetId: b.promptSetId,
      externalId: b.externalId,
      turns: [b.firstTurn],
      category: "live",
      battles: {
        create: {
          key: b.key,
          mode: "live",
          // Set to the number of user turns each time a turn settles (0 while the first is being answered).
          turn: 0,
          systemAId: b.systemAId,
          systemBId: b.systemBId,
          promptSetId: b.promptSetId,
          category: "live",
          counted: false,
        },
      },
    },
    select: { id: true, battles: { select: { id: true } } },
  });
  return { promptId: prompt.id, battleId: prompt.battles[0].id };
}

export interface LiveTicketRow {
  id: string;
  voterId: number;
  shownLeft: CanonicalSide;
  expiresAt: Date;
  usedAt: Date | null;
  battle: {
    id: number;
    mode: "fixed" | "live";
    counted: boolean;
    turn: number;
    systemA: LiveSystemRow;
    systemB: LiveSystemRow;
    responseA: { id: number; turns: unknown; tokenCount: number | null; latencyMs: number | null } | null;
    responseB: { id: number; turns: unknown; tokenCount: number | null; latencyMs: number | null } | null;
    prompt: { id: number; turns: unknown };
  };
}

const responseSelect = { id: true, turns: true, tokenCount: true, latencyMs: true } as const;

export async function findLiveTicket(db: PrismaClient, ticketId: string): Promise<LiveTicketRow | null> {
  return db.battleTicket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      voterId: true,
      shownLeft: true,
      expiresAt: true,
      usedAt: true,
      battle: {
        select: {
          id: true,
          mode: true,
          counted: true,
          turn: true,
          systemA: { select: liveSystemSelect },
          systemB: { select: liveSystemSelect },
          responseA: { select: responseSelect },
          responseB: { select: responseSelect },
          prompt: { select: { id: true, turns: true } },
        },
      },
    },
  });
}

/**
 * Appends a user turn, only if the prompt still has `expectedTurns` turns (so two concurrent follow-ups cannot
 * both start). Returns false when another request got there first.
 */
export async function appendPromptTurn(db: PrismaClient, promptId: number, expectedTurns: number, text: string): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "Prompt" SET "turns" = "turns" || jsonb_build_array(${text}::text)
    WHERE "id" = ${promptId} AND jsonb_array_length("turns") = ${expectedTurns}`;
  return n === 1;
}

export async function upsertLiveResponse(
  db: PrismaClient,
  r: { promptId: number; systemId: number; turns: string[]; tokenCount: number; latencyMs: number },
): Promise<number> {
  const row = await db.response.upsert({
    where: { promptId_systemId: { promptId: r.promptId, systemId: r.systemId } },
    update: { turns: r.turns, tokenCount: r.tokenCount, latencyMs: r.latencyMs },
    create: { ...r, origin: "generated" },
    select: { id: true },
  });
  return row.id;
}

export async function updateLiveBattle(
  db: PrismaClient,
  battleId: number,
  data: Pick<Prisma.BattleUncheckedUpdateInput, "responseAId" | "responseBId" | "counted" | "turn">,
): Promise<void> {
  await db.battle.update({ where: { id: battleId }, data });
}

export async function extendTicket(db: PrismaClient, ticketId: string, expiresAt: Date): Promise<void> {
  await db.battleTicket.update({ where: { id: ticketId }, data: { expiresAt } });
}
