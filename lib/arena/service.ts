/**
 * The crowd arena's two operations, shared by the browser and (later) judge agents:
 * - `nextBattle`: sample a fixed-set battle, issue a ticket, return both answers in random left/right order with no
 *   system identity anywhere (no ids, slugs, names; the ticket is random + HMAC).
 * - `voteOnTicket`: record the vote against the canonical Battle (one statement = one transaction) and reveal.
 * Ticket errors: unknown/forged → 404, another voter's → 403, already used → 409 (an identical repeat by the same
 * voter returns the first vote's reveal instead), expired → 410, voter already voted on the battle → 409.
 */
import { randomInt } from "node:crypto";
import { getDb, getRawSql } from "@/lib/db";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { toShownOutcome, type CanonicalOutcome, type CanonicalSide } from "@/lib/battles/canonical";
import { renderMarkdown } from "@/lib/markdown/render";
import { consume } from "@/lib/ratelimit/service";
import type { VoterContext } from "@/lib/voters/identity";
import type { NextBattleQuery, VoteBody } from "@/lib/validation/arena";
import type { Rng } from "@/lib/random";
import { getPool, type ArenaPool, type PoolCandidate, type PoolSet } from "./pool";
import { sampleBattle } from "./sampling";
import { issueTicket, ticketKey, verifyTicket, TICKET_TTL_MS } from "./ticket";
import { castVote, findTicketState, insertTicket, listJudgedOrders, pairOutcomeCounts, upsertFixedBattle } from "./queries";
import { rememberServed, rememberVote, seenBattleKeys, servedBattleKeys } from "./seen";
import { currentPairUncertainty } from "./uncertainty";
import { castJudgeTicketVote } from "@/lib/judges/apikeys/queries";
import type { NextBattle, Reveal, Turn } from "./types";

export type { NextBattle, Reveal, Turn } from "./types";

const mathRng: Rng = {
  next: Math.random,
  int: (n: number) => Math.floor(Math.random() * n),
  normal: () => {
    const u = 1 - Math.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
  },
};

const turns = (texts: string[]): Turn[] => texts.map((markdown) => ({ markdown, html: renderMarkdown(markdown) }));

export async function arenaFilters(): Promise<PoolSet[]> {
  return (await getPool(await getDb())).sets;
}

function battleRules(voter: VoterContext, pool: ArenaPool) {
  return [
    { key: `next:v:${voter.voterId}:m`, limit: pool.limits.battlesPerMinute, windowSeconds: 60 },
    { key: `next:ip:${voter.ip}:m`, limit: pool.limits.ipBattlesPerMinute, windowSeconds: 60 },
  ];
}

function voteRules(voter: VoterContext, pool: ArenaPool) {
  return [
    { key: `vote:v:${voter.voterId}:m`, limit: pool.limits.votesPerMinute, windowSeconds: 60 },
    { key: `vote:v:${voter.voterId}:d`, limit: pool.limits.votesPerDay, windowSeconds: 86_400 },
    { key: `vote:ip:${voter.ip}:m`, limit: pool.limits.ipVotesPerMinute, windowSeconds: 60 },
    { key: `vote:ip:${voter.ip}:d`, limit: pool.limits.ipVotesPerDay, windowSeconds: 86_400 },
  ];
}

async function battleIdOf(pool: ArenaPool, c: PoolCandidate): Promise<number> {
  const known = pool.battleIds.get(c.key);
  if (known !== undefined) return known;
  const id = await upsertFixedBattle(await getDb(), {
    key: c.key,
    promptId: c.promptId,
    turn: 1,
    systemAId: c.systemAId,
    systemBId: c.systemBId,
    responseAId: c.responseA.id,
    responseBId: c.responseB.id,
    promptSetId: c.prompt.setId,
    category: c.prompt.category,
    language: c.prompt.language,
  });
  pool.battleIds.set(c.key, id);
  return id;
}

function judgedOrders(rows: Array<{ key: string; sides: string[] }>): Map<string, Set<CanonicalSide>> {
  return new Map(rows.map((r) => [r.key, new Set(r.sides.filter((x): x is CanonicalSide => x === "A" || x === "B"))]));
}

export async function nextBattle(voter: VoterContext, query: NextBattleQuery): Promise<NextBattle> {
  const [db, sql] = await Promise.all([getDb(), getRawSql()]);
  const pool = await getPool(db);
  if (query.set && !pool.sets.some((s) => s.slug === query.set)) throw notFound(`prompt set "${query.set}" in the arena`);
  // A judge agent judges each battle in both orders: "seen" is a battle it judged both ways, and a battle judged
  // one way is shown the other way round.
  const judged = voter.judge ? judgedOrders(await listJudgedOrders(sql, voter.judge.runId)) : null;
  const [, seenKeys, key] = await Promise.all([
    consume(sql, battleRules(voter, pool)),
    judged ? new Set([...judged].filter(([, sides]) => sides.size >= 2).map(([k]) => k)) : seenBattleKeys(sql, voter.voterId),
    ticketKey(db),
  ]);
  const pairs = pool.pairsFor(query.set, query.category);
  const served = servedBattleKeys(sql, voter.voterId);
  const sample = (seen: ReadonlySet<string>) =>
    sampleBattle({ pairs, systems: pool.weights, seen, mode: pool.mode, uncertainty: pool.mode === "active" ? currentPairUncertainty(db) : null, rng: mathRng });
  // Avoid voted battles and those open in another tab; when only those remain, an unvoted one still beats a voted one.
  let chosen = sample(served ? new Set([...seenKeys, ...served]) : seenKeys);
  if (chosen && served && seenKeys.has(chosen.key)) chosen = sample(seenKeys);
  if (!chosen) throw notFound(query.category ? `battles in category "${query.category}"` : "battles to serve");
  rememberServed(sql, voter.voterId, chosen.key);
  const battleId = await battleIdOf(pool, chosen);
  const once = judged?.get(chosen.key);
  const shownLeft: CanonicalSide = once?.size === 1 ? (once.has("A") ? "B" : "A") : randomInt(2) === 0 ? "A" : "B";
  const { id, token } = issueTicket(key);
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + TICKET_TTL_MS);
  await insertTicket(sql, { id, battleId, voterId: voter.voterId, shownLeft, issuedAt, expiresAt });
  const [l, r] = shownLeft === "A" ? [chosen.responseA, chosen.responseB] : [chosen.responseB, chosen.responseA];
  return {
    ticket: token,
    expiresAt: expiresAt.toISOString(),
    prompt: { turns: turns(chosen.prompt.turns) },
    left: { turns: turns(l.turns) },
    right: { turns: turns(r.turns) },
    set: { slug: chosen.prompt.setSlug, name: chosen.prompt.setName },
    category: chosen.prompt.category,
    language: chosen.prompt.language,
  };
}

const pairCache = new Map<string, { counts: Record<CanonicalOutcome, number>; at: number }>();
const PAIR_CACHE_MS = 5_000;

async function pairCounts(systemAId: number, systemBId: number, justCast: CanonicalOutcome | null): Promise<Record<CanonicalOutcome, number>> {
  const k = `${systemAId}:${systemBId}`;
  const hit = pairCache.get(k);
  if (hit && Date.now() - hit.at < PAIR_CACHE_MS) {
    if (justCast) hit.counts[justCast] += 1;
    return hit.counts;
  }
  const counts: Record<CanonicalOutcome, number> = { A: 0, B: 0, tie: 0, bothbad: 0 };
  for (const row of await pairOutcomeCounts(await getDb(), systemAId, systemBId)) counts[row.outcome] = row.n;
  if (pairCache.size > 10_000) pairCache.clear();
  pairCache.set(k, { counts, at: Date.now() });
  return counts;
}

async function reveal(
  pool: ArenaPool,
  b: { systemAId: number; systemBId: number; outcome: CanonicalOutcome; shownLeft: CanonicalSide },
  fresh: boolean,
): Promise<Reveal> {
  const counts = await pairCounts(b.systemAId, b.systemBId, fresh ? b.outcome : null);
  const total = counts.A + counts.B + counts.tie + counts.bothbad;
  const share = (n: number) => (total > 0 ? n / total : 0);
  const [leftId, rightId] = b.shownLeft === "A" ? [b.systemAId, b.systemBId] : [b.systemBId, b.systemAId];
  const who = (id: number) => {
    const s = pool.systems.get(id);
    return { name: s?.name ?? `system ${id}`, organization: s?.organization ?? "" };
  };
  return {
    outcome: toShownOutcome(b.outcome, b.shownLeft),
    left: who(leftId),
    right: who(rightId),
    pairWinRate: {
      left: share(b.shownLeft === "A" ? counts.A : counts.B),
      right: share(b.shownLeft === "A" ? counts.B : counts.A),
      tie: share(counts.tie),
      bothbad: share(counts.bothbad),
    },
    votes: total,
  };
}

export async function voteOnTicket(voter: VoterContext, token: string, body: VoteBody): Promise<Reveal> {
  const [db, sql] = await Promise.all([getDb(), getRawSql()]);
  const [key, pool] = await Promise.all([ticketKey(db), getPool(db)]);
  const ticketId = verifyTicket(key, token);
  if (!ticketId) throw notFound("battle ticket");
  await consume(sql, voteRules(voter, pool));
  const now = new Date();
  const vote = { ticketId, voterId: voter.voterId, outcome: body.outcome, timeToVoteMs: body.timeToVoteMs ?? null, now };
  const cast = voter.judge ? await castJudgeTicketVote(db, { ...vote, ...voter.judge }) : await castVote(sql, vote);
  if (cast) {
    if ("battleKey" in cast && typeof cast.battleKey === "string") rememberVote(sql, voter.voterId, cast.battleKey);
    return reveal(pool, cast, true);
  }

  const state = await findTicketState(db, ticketId);
  if (!state) throw notFound("battle ticket");
  if (state.voterId !== voter.voterId) throw forbidden("this battle ticket was issued to another voter");
  if (state.usedAt) {
    if (state.voteOutcome && state.voteShownLeft && toShownOutcome(state.voteOutcome, state.voteShownLeft) === body.outcome) {
      return reveal(pool, { ...state, outcome: state.voteOutcome, shownLeft: state.voteShownLeft }, false);
    }
    throw conflict("this battle ticket was already used for another verdict");
  }
  if (state.expiresAt.getTime() <= now.getTime()) throw new AppError("gone", "this battle ticket has expired; fetch a new battle");
  if (state.priorVoteId !== null) throw conflict("you already voted on this battle");
  throw conflict("this battle ticket could not be used; fetch a new battle");
}
