/**
 * Live battles (`/arena/live`): the voter types a prompt, two sampled systems with endpoints answer side by side,
 * streaming; follow-up turns continue both conversations; the vote opens once both answers are complete.
 *
 * Anonymity: the stream carries only `left`/`right` deltas and an opaque ticket (`<random>.<hmac>`, the fixed arena's
 * format, under a key derived for live battles, so the fixed arena's vote endpoint refuses live tickets and live
 * battles cannot be voted on before they are complete). Names appear only in the reveal after the vote.
 *
 * A battle counts only when every answer of both sides arrived and none names its own system; a failed side ends
 * the battle (no follow-up, no vote). Stored: a Prompt in the hidden `live` set, Responses (origin=generated), a
 * Battle mode=live with key `live:<random>`.
 */
import { createHmac, randomBytes, randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb, getRawSql } from "@/lib/db";
import { AppError, conflict, notFound, unprocessable } from "@/lib/errors";
import { canonicalPair, toShownOutcome, type CanonicalSide } from "@/lib/battles/canonical";
import { consume } from "@/lib/ratelimit/service";
import { castVote } from "@/lib/arena/queries";
import { effectiveWeight } from "@/lib/arena/sampling";
import { issueTicket, ticketKey, verifyTicket, TICKET_TTL_MS } from "@/lib/arena/ticket";
import type { VoterContext } from "@/lib/voters/identity";
import type { LiveEvent, LiveTurnInput, LiveVoteInput } from "@/lib/validation/live";
import { Channel } from "./channel";
import { loadLiveConfig, type LiveConfig } from "./config";
import { moderatePrompt } from "./moderation";
import { identityLeakReason, runTurn, type SideState } from "./turn";
import {
  appendPromptTurn,
  extendTicket,
  findLiveSystems,
  findLiveTicket,
  insertLivePromptAndBattle,
  updateLiveBattle,
  upsertLivePromptSet,
  type LiveSystemRow,
  type LiveTicketRow,
} from "./queries";
import { insertTicket } from "@/lib/arena/queries";

export type LiveVoter = Pick<VoterContext, "voterId" | "ip">;

export interface LiveTurnStream {
  ticket: string;
  events: AsyncIterable<LiveEvent>;
}

export interface LiveReveal {
  outcome: "left" | "right" | "tie" | "bothbad";
  left: { name: string; organization: string };
  right: { name: string; organization: string };
  counted: boolean;
  /** Why the vote does not count, when it does not. */
  reason: string | null;
}

let liveKey: Promise<Buffer> | null = null;
/** The live tickets' HMAC key, derived from the fixed arena's ticket key. */
async function liveTicketKey(db: PrismaClient): Promise<Buffer> {
  liveKey ??= ticketKey(db)
    .then((k) => createHmac("sha256", k).update("concord:live-ticket").digest())
    .catch((err: unknown) => {
      liveKey = null;
      throw err;
    });
  return liveKey;
}

/** Test helper: forget the cached key (after changing the ticket secret). */
export function resetLiveTicketKey(): void {
  liveKey = null;
}

export interface LiveArenaStatus {
  available: boolean;
  systems: number;
  maxPromptChars: number;
  maxTurns: number;
}

export async function liveArenaStatus(): Promise<LiveArenaStatus> {
  const db = await getDb();
  const [systems, config] = await Promise.all([findLiveSystems(db), loadLiveConfig(db)]);
  return { available: systems.length >= 2, systems: systems.length, maxPromptChars: config.maxPromptChars, maxTurns: config.maxTurns };
}

/** Two different systems, each drawn ∝ weight · boost (the fixed arena's effective weight). */
export function pickPair(systems: LiveSystemRow[], random: () => number = Math.random): [LiveSystemRow, LiveSystemRow] {
  const weighted = systems.map((s) => ({ s, w: effectiveWeight(s) })).filter((x) => x.w > 0);
  if (weighted.length < 2) {
    throw new AppError("unavailable", "live battles need at least two active systems with an endpoint; none can answer right now");
  }
  const draw = (pool: typeof weighted) => {
    const total = pool.reduce((n, x) => n + x.w, 0);
    let r = random() * total;
    for (const x of pool) {
      r -= x.w;
      if (r < 0) return x.s;
    }
    return pool[pool.length - 1].s;
  };
  const first = draw(weighted);
  const second = draw(weighted.filter((x) => x.s.id !== first.id));
  return [first, second];
}

async function checkPrompt(db: PrismaClient, config: LiveConfig, voter: LiveVoter, prompt: string): Promise<void> {
  if (prompt.length > config.maxPromptChars) {
    throw unprocessable(`the prompt is ${prompt.length} characters long; the limit is ${config.maxPromptChars}`, {
      maxPromptChars: config.maxPromptChars,
    });
  }
  const limits = config.rateLimits;
  await consume(await getRawSql(), [
    { key: `live:v:${voter.voterId}:m`, limit: limits.turnsPerMinute, windowSeconds: 60 },
    { key: `live:v:${voter.voterId}:d`, limit: limits.turnsPerDay, windowSeconds: 86_400 },
    { key: `live:ip:${voter.ip}:m`, limit: limits.ipTurnsPerMinute, windowSeconds: 60 },
  ]);
  await moderatePrompt(prompt);
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The ticket's battle, checked to belong to this voter and to be a live battle still open for voting. */
async function openTicket(db: PrismaClient, token: string, voter: LiveVoter): Promise<LiveTicketRow> {
  const id = verifyTicket(await liveTicketKey(db), token);
  const row = id ? await findLiveTicket(db, id) : null;
  // Another voter's ticket is reported as unknown: tickets are bearer secrets, and a 403 would confirm one exists.
  if (!row || row.voterId !== voter.voterId || row.battle.mode !== "live") throw notFound("live battle");
  if (row.usedAt) throw conflict("this battle was already voted on; start a new one");
  if (row.expiresAt.getTime() <= Date.now()) throw new AppError("gone", "this battle has expired; start a new one");
  return row;
}

/** Both sides have answered every user turn. */
function complete(row: LiveTicketRow): boolean {
  const n = asStrings(row.battle.prompt.turns).length;
  return asStrings(row.battle.responseA?.turns).length === n && asStrings(row.battle.responseB?.turns).length === n;
}

function sideState(system: LiveSystemRow, response: LiveTicketRow["battle"]["responseA"]): SideState {
  return { system, turns: asStrings(response?.turns), tokenCount: response?.tokenCount ?? 0, latencyMs: response?.latencyMs ?? 0 };
}

/** Starts a battle (`{prompt}`) or plays its next turn (`{ticket, prompt}`); returns the ticket and the event stream. */
export async function playLiveTurn(input: LiveTurnInput, voter: LiveVoter): Promise<LiveTurnStream> {
  const db = await getDb();
  const config = await loadLiveConfig(db);
  if ("ticket" in input) return continueBattle(db, config, input.ticket, input.prompt, voter);
  await checkPrompt(db, config, voter, input.prompt);
  const [first, second] = pickPair(await findLiveSystems(db));
  const pair = canonicalPair(first.id, second.id);
  const [sysA, sysB] = pair.swapped ? [second, first] : [first, second];
  const shownLeft: CanonicalSide = randomInt(2) === 0 ? "A" : "B";
  const setId = await upsertLivePromptSet(db);
  const random = randomBytes(12).toString("base64url");
  const { promptId, battleId } = await insertLivePromptAndBattle(db, {
    promptSetId: setId,
    externalId: random,
    firstTurn: input.prompt,
    key: `live:${random}`,
    systemAId: sysA.id,
    systemBId: sysB.id,
  });
  const ticket = issueTicket(await liveTicketKey(db));
  const now = new Date();
  await insertTicket(await getRawSql(), { id: ticket.id, battleId, voterId: voter.voterId, shownLeft, issuedAt: now, expiresAt: new Date(now.getTime() + TICKET_TTL_MS) });
  return stream(ticket.token, 1, {
    db,
    battleId,
    promptId,
    userTurns: [input.prompt],
    a: sideState(sysA, null),
    b: sideState(sysB, null),
    shownLeft,
    maxTurns: config.maxTurns,
    identityWords: config.identityWords,
  });
}

async function continueBattle(db: PrismaClient, config: LiveConfig, token: string, prompt: string, voter: LiveVoter): Promise<LiveTurnStream> {
  const row = await openTicket(db, token, voter);
  if (!complete(row)) {
    const settled = row.battle.turn >= asStrings(row.battle.prompt.turns).length;
    throw conflict(settled ? "an answer in this battle failed, so it cannot continue; start a new battle" : "wait until both answers have finished");
  }
  const userTurns = asStrings(row.battle.prompt.turns);
  if (userTurns.length >= config.maxTurns) {
    throw unprocessable(`a live battle has at most ${config.maxTurns} turns; vote, then start a new one`);
  }
  await checkPrompt(db, config, voter, prompt);
  if (!(await appendPromptTurn(db, row.battle.prompt.id, userTurns.length, prompt))) {
    throw conflict("another turn of this battle is already being answered");
  }
  await updateLiveBattle(db, row.battle.id, { counted: false });
  await extendTicket(db, row.id, new Date(Date.now() + TICKET_TTL_MS));
  return stream(token, userTurns.length + 1, {
    db,
    battleId: row.battle.id,
    promptId: row.battle.prompt.id,
    userTurns: [...userTurns, prompt],
    a: sideState(row.battle.systemA, row.battle.responseA),
    b: sideState(row.battle.systemB, row.battle.responseB),
    shownLeft: row.shownLeft,
    maxTurns: config.maxTurns,
    identityWords: config.identityWords,
  });
}

function stream(ticket: string, turn: number, ctx: Parameters<typeof runTurn>[0]): LiveTurnStream {
  const out = new Channel<LiveEvent>();
  out.push({ type: "ticket", ticket, turn });
  // The turn runs to completion (and is stored) even if the voter closes the page mid-stream.
  void runTurn(ctx, out);
  return { ticket, events: out };
}

/** Records the vote on a complete live battle and reveals both systems, saying whether (and why not) it counts. */
export async function voteLive(token: string, input: LiveVoteInput, voter: LiveVoter): Promise<LiveReveal> {
  const db = await getDb();
  const row = await openTicket(db, token, voter);
  if (!complete(row)) {
    // runTurn stores `turn` = the number of user turns once a turn has settled; lower means still answering.
    const settled = row.battle.turn >= asStrings(row.battle.prompt.turns).length;
    throw conflict(
      settled
        ? "an answer in this battle failed, so it does not count and takes no vote; start a new battle"
        : "wait until both answers have finished before voting",
    );
  }
  const cast = await castVote(await getRawSql(), { ticketId: row.id, voterId: voter.voterId, outcome: input.outcome, timeToVoteMs: input.timeToVoteMs ?? null, now: new Date(), mode: "live" });
  if (!cast) throw conflict("this battle could not take your vote (already voted, or expired); start a new one");
  const { systemA, systemB, responseA, responseB } = row.battle;
  const [left, right] = row.shownLeft === "A" ? [systemA, systemB] : [systemB, systemA];
  const [leftResp, rightResp] = row.shownLeft === "A" ? [responseA, responseB] : [responseB, responseA];
  const config = await loadLiveConfig(db);
  const leak = identityLeakReason(
    [
      { side: "left", system: left, turns: asStrings(leftResp?.turns) },
      { side: "right", system: right, turns: asStrings(rightResp?.turns) },
    ],
    config.identityWords,
  );
  const counted = row.battle.counted;
  return {
    outcome: toShownOutcome(cast.outcome, row.shownLeft),
    left: { name: left.name, organization: left.organization },
    right: { name: right.name, organization: right.organization },
    counted,
    reason: counted ? null : (leak ?? "this battle was not counted"),
  };
}
