import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { seedArena, type ArenaSeed } from "./arena-seed";
import { GET as nextGET } from "@/app/api/battles/next/route";
import { POST as votePOST } from "@/app/api/battles/[ticket]/vote/route";
import { invalidatePool } from "@/lib/arena/pool";
import { SEEN_TTL_MS, seenBattleKeys } from "@/lib/arena/seen";
import { getRawSql } from "@/lib/db";
import { writeArenaSettings } from "@/lib/arena/settings";
import { attachUser, clearVoterCache, hashCookie } from "@/lib/voters/identity";
import { upsertVoterByCookieHash } from "@/lib/voters/queries";
import type { NextBattle, Reveal } from "@/lib/arena/types";

let t: TestDb;
let seed: ArenaSeed;
const BASE = "http://arena.test";

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  invalidatePool();
  seed = await seedArena(t);
  await writeArenaSettings({ rateLimits: { votesPerMinute: 0, votesPerDay: 0, ipVotesPerMinute: 0, ipVotesPerDay: 0, battlesPerMinute: 0, ipBattlesPerMinute: 0 } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  clearVoterCache();
});

let cookieCounter = 0;
const newCookie = () => `testcookie${String(++cookieCounter).padStart(8, "0")}${Math.random().toString(36).slice(2, 10)}`;

function getNext(cookie: string | null, qs = "", ip = "10.0.0.1") {
  const headers: Record<string, string> = { "x-forwarded-for": ip };
  if (cookie) headers.cookie = `concord_voter=${cookie}`;
  return nextGET(new Request(`${BASE}/api/battles/next${qs}`, { headers }), undefined);
}

function postVote(cookie: string, ticket: string, body: unknown, ip = "10.0.0.1") {
  return votePOST(
    new Request(`${BASE}/api/battles/${ticket}/vote`, {
      method: "POST",
      headers: { cookie: `concord_voter=${cookie}`, "content-type": "application/json", "x-forwarded-for": ip },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ ticket }) },
  );
}

async function battleFor(cookie: string, qs = ""): Promise<NextBattle> {
  const res = await getNext(cookie, qs);
  expect(res.status).toBe(200);
  return (await res.json()) as NextBattle;
}

describe("GET /api/battles/next", () => {
  it("issues a voter cookie (httpOnly, SameSite=Lax) and stores only its hash", async () => {
    const res = await getNext(null);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^concord_voter=[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const raw = /concord_voter=([^;]+)/.exec(setCookie)![1];
    const voters = await t.db.voter.findMany({ where: { cookieHash: { not: null } } });
    expect(voters.some((v) => v.cookieHash === hashCookie(raw))).toBe(true);
    expect(voters.some((v) => v.cookieHash === raw)).toBe(false);
  });

  it("serves every turn of a multi-turn prompt and stays inside a chosen set and category", async () => {
    const c = newCookie();
    for (let i = 0; i < 8; i++) {
      const b = await battleFor(c, "?set=alpha&category=math");
      expect(b.set.slug).toBe("alpha");
      expect(b.category).toBe("math");
      expect(b.left.turns.length).toBe(b.prompt.turns.length);
      expect(b.right.turns.length).toBe(b.prompt.turns.length);
      expect(b.left.turns[0].html).toContain("<");
    }
  });

  it("answers 422 for a bad query and 404 for an unknown set", async () => {
    expect((await getNext(newCookie(), "?set=<script>")).status).toBe(422);
    expect((await getNext(newCookie(), "?set=nope")).status).toBe(404);
  });
});

describe("POST /api/battles/{ticket}/vote", () => {
  it("records the vote on the canonical battle with the shown order, and reveals the pair", async () => {
    const c = newCookie();
    const b = await battleFor(c);
    const res = await postVote(c, b.ticket, { outcome: "left", timeToVoteMs: 1234 });
    expect(res.status).toBe(200);
    const reveal = (await res.json()) as Reveal;
    expect(reveal.outcome).toBe("left");
    const names = seed.systems.map((s) => s.name);
    expect(names).toContain(reveal.left.name);
    expect(names).toContain(reveal.right.name);
    expect(reveal.left.name).not.toBe(reveal.right.name);
    expect(reveal.votes).toBeGreaterThanOrEqual(1);
    expect(reveal.pairWinRate.left + reveal.pairWinRate.right + reveal.pairWinRate.tie + reveal.pairWinRate.bothbad).toBeCloseTo(1);
    const voter = await t.db.voter.findUnique({ where: { cookieHash: hashCookie(c) } });
    const votes = await t.db.vote.findMany({ where: { voterId: voter!.id }, include: { battle: true } });
    expect(votes).toHaveLength(1);
    const v = votes[0];
    expect(v.battle.systemAId).toBeLessThan(v.battle.systemBId);
    expect(v.battle.key).toBe(`fixed:${v.battle.promptId}:${v.battle.systemAId}:${v.battle.systemBId}:1`);
    expect(v.timeToVoteMs).toBe(1234);
    // "left" won: the winner is the canonical side that was shown on the left
    expect(v.outcome).toBe(v.shownLeft);
    const leftSystem = v.shownLeft === "A" ? v.battle.systemAId : v.battle.systemBId;
    expect(seed.systems.find((s) => s.id === leftSystem)!.name).toBe(reveal.left.name);
    const ticket = await t.db.battleTicket.findFirst({ where: { voterId: voter!.id } });
    expect(ticket!.usedAt).not.toBeNull();
    expect(ticket!.voteId).toBe(v.id);
  });

  it("is idempotent for an identical repeat, 409 for a different verdict on a used ticket", async () => {
    const c = newCookie();
    const b = await battleFor(c);
    const first = await postVote(c, b.ticket, { outcome: "right" });
    const again = await postVote(c, b.ticket, { outcome: "right" });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    const r1 = (await first.json()) as Reveal;
    const r2 = (await again.json()) as Reveal;
    expect(r2.left).toEqual(r1.left);
    expect(r2.outcome).toBe("right");
    const other = await postVote(c, b.ticket, { outcome: "tie" });
    expect(other.status).toBe(409);
    const voter = await t.db.voter.findUnique({ where: { cookieHash: hashCookie(c) } });
    expect(await t.db.vote.count({ where: { voterId: voter!.id } })).toBe(1);
  });

  it("concurrent identical POSTs record exactly one vote", async () => {
    const c = newCookie();
    const b = await battleFor(c);
    const results = await Promise.all(Array.from({ length: 8 }, () => postVote(c, b.ticket, { outcome: "tie" })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const voter = await t.db.voter.findUnique({ where: { cookieHash: hashCookie(c) } });
    expect(await t.db.vote.count({ where: { voterId: voter!.id } })).toBe(1);
  });

  it("403 for another voter's ticket, 404 for a forged or unknown one, 422 for a bad body", async () => {
    const owner = newCookie();
    const b = await battleFor(owner);
    expect((await postVote(newCookie(), b.ticket, { outcome: "left" })).status).toBe(403);
    const [id, mac] = b.ticket.split(".");
    const forged = `${id}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`;
    expect((await postVote(owner, forged, { outcome: "left" })).status).toBe(404);
    expect((await postVote(owner, "not-a-ticket", { outcome: "left" })).status).toBe(422);
    expect((await postVote(owner, b.ticket, { outcome: "A" })).status).toBe(422);
    expect((await postVote(owner, b.ticket, "{oops")).status).toBe(422);
    expect((await postVote(owner, b.ticket, { outcome: "left", timeToVoteMs: -5 })).status).toBe(422);
    // still usable by its owner
    expect((await postVote(owner, b.ticket, { outcome: "left" })).status).toBe(200);
  });

  it("410 for an expired ticket", async () => {
    const c = newCookie();
    const b = await battleFor(c);
    await t.sql.query(`UPDATE "BattleTicket" SET "expiresAt" = now() - interval '1 hour' WHERE "id" = $1`, [b.ticket.split(".")[0]]);
    const res = await postVote(c, b.ticket, { outcome: "left" });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("gone");
  });

  it("404 for a ticket whose battle is not a fixed-arena battle (a live battle is voted through its own API)", async () => {
    const c = newCookie();
    const b = await battleFor(c);
    const id = b.ticket.split(".")[0];
    const row = await t.db.battleTicket.findUnique({ where: { id } });
    const fixed = await t.db.battle.findUniqueOrThrow({ where: { id: row!.battleId } });
    const { id: _id, key: _key, mode: _mode, ...rest } = fixed;
    const live = await t.db.battle.create({ data: { ...rest, key: `live-test-${id}`, mode: "live" } });
    await t.db.battleTicket.update({ where: { id }, data: { battleId: live.id } });
    const before = await t.db.vote.count();
    const res = await postVote(c, b.ticket, { outcome: "left" });
    expect(res.status).toBe(404);
    expect(await t.db.vote.count()).toBe(before);
    expect((await t.db.battleTicket.findUnique({ where: { id } }))?.usedAt).toBeNull();
  });

  it("409 when the voter already voted on the same battle through another ticket", async () => {
    const c = newCookie();
    const b1 = await battleFor(c);
    const id1 = b1.ticket.split(".")[0];
    const row = await t.db.battleTicket.findUnique({ where: { id: id1 } });
    // a second ticket for the same battle (e.g. two tabs)
    const b2 = await battleFor(c);
    await t.db.battleTicket.update({ where: { id: b2.ticket.split(".")[0] }, data: { battleId: row!.battleId } });
    expect((await postVote(c, b1.ticket, { outcome: "left" })).status).toBe(200);
    expect((await postVote(c, b2.ticket, { outcome: "left" })).status).toBe(409);
  });

  it("never serves a battle the voter voted on while unseen ones remain", async () => {
    const c = newCookie();
    const seen = new Set<string>();
    // set beta: 6 prompts × 6 pairs = 36 battles
    for (let i = 0; i < 36; i++) {
      const b = await battleFor(c, "?set=beta");
      const row = await t.db.battleTicket.findUnique({ where: { id: b.ticket.split(".")[0] }, include: { battle: true } });
      expect(seen.has(row!.battle.key)).toBe(false);
      seen.add(row!.battle.key);
      expect((await postVote(c, b.ticket, { outcome: "tie" })).status).toBe(200);
    }
    // all seen: it still serves (a repeat), and the repeat vote is refused with 409
    const b = await battleFor(c, "?set=beta");
    expect((await postVote(c, b.ticket, { outcome: "tie" })).status).toBe(409);
  });

  it("two tabs (or a reload) get different battles; once all are open, an unvoted one comes before a voted one", async () => {
    const c = newCookie();
    const keyOf = async (b: NextBattle) =>
      (await t.db.battleTicket.findUnique({ where: { id: b.ticket.split(".")[0] }, include: { battle: true } }))!.battle.key;
    // set beta has 36 battles: vote on 30, then open the other 6 without voting
    const voted = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const b = await battleFor(c, "?set=beta");
      voted.add(await keyOf(b));
      expect((await postVote(c, b.ticket, { outcome: "tie" })).status).toBe(200);
    }
    const open = new Set<string>();
    for (let i = 0; i < 6; i++) open.add(await keyOf(await battleFor(c, "?set=beta")));
    expect(open.size).toBe(6); // six tabs, six different battles
    for (const k of open) expect(voted.has(k)).toBe(false);
    // every battle is voted on or open: the next one is an open (unvoted) one, never a voted one
    for (let i = 0; i < 5; i++) expect(open.has(await keyOf(await battleFor(c, "?set=beta")))).toBe(true);
  });

  it("the seen-battles cache: loaded once, updated by this process's votes, reloaded after its TTL", async () => {
    const c = newCookie();
    const b = await battleFor(c, "?set=beta");
    const ticket = await t.db.battleTicket.findUnique({ where: { id: b.ticket.split(".")[0] }, include: { battle: true } });
    const voterId = ticket!.voterId;
    expect((await seenBattleKeys(await getRawSql(), voterId)).size).toBe(0);
    expect((await postVote(c, b.ticket, { outcome: "left" })).status).toBe(200);
    expect([...(await seenBattleKeys(await getRawSql(), voterId))]).toEqual([ticket!.battle.key]); // remembered, no reload
    // a vote stored by another app instance: invisible until the entry expires, then loaded
    const other = await t.db.battle.findFirst({ where: { key: { not: ticket!.battle.key } } });
    await t.db.vote.create({ data: { battleId: other!.id, outcome: "A", shownLeft: "A", voterKind: "human", voterId } });
    expect((await seenBattleKeys(await getRawSql(), voterId)).has(other!.key)).toBe(false);
    const later = await seenBattleKeys(await getRawSql(), voterId, Date.now() + SEEN_TTL_MS + 1);
    expect([...later].sort()).toEqual([ticket!.battle.key, other!.key].sort());
  });

  it("creates each fixed battle once under concurrent first requests", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => getNext(newCookie(), "?set=alpha")));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const dupes = await t.sql.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT "key" FROM "Battle" GROUP BY "key" HAVING count(*) > 1) d`);
    expect(Number(dupes.rows[0].n)).toBe(0);
  });
});

describe("rate limits", () => {
  it("429 with Retry-After past the per-voter vote limit, and per IP for fetches", async () => {
    await writeArenaSettings({ rateLimits: { votesPerMinute: 3, ipBattlesPerMinute: 0 } });
    const c = newCookie();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const b = await battleFor(c);
      const res = await postVote(c, b.ticket, { outcome: "bothbad" });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);

    await writeArenaSettings({ rateLimits: { votesPerMinute: 0, ipBattlesPerMinute: 4 } });
    const ip = "192.0.2.77";
    const fetches = [];
    for (let i = 0; i < 6; i++) fetches.push((await getNext(newCookie(), "", ip)).status);
    expect(fetches).toEqual([200, 200, 200, 200, 429, 429]);
    await writeArenaSettings({ rateLimits: { ipBattlesPerMinute: 0 } });
    const buckets = await t.db.rateLimitBucket.findMany({ where: { key: { contains: ip } } });
    expect(buckets).toHaveLength(1);
    expect(buckets[0].count).toBe(6);
  });
});

describe("sign-in merge", () => {
  it("links the cookie voter to the user, or merges its votes into the user's voter where no conflict exists", async () => {
    const user = await t.db.user.create({ data: { email: "merge@concord.test" } });
    const c1 = newCookie();
    const b1 = await battleFor(c1);
    expect((await postVote(c1, b1.ticket, { outcome: "left" })).status).toBe(200);
    const v1 = await upsertVoterByCookieHash(t.db, hashCookie(c1));
    expect(await attachUser(t.db, v1, user.id)).toBe(v1.id);
    expect((await t.db.voter.findUnique({ where: { id: v1.id } }))!.userId).toBe(user.id);

    // another browser, anonymous: two votes, one on the same battle as the user's
    const c2 = newCookie();
    const b2 = await battleFor(c2);
    expect((await postVote(c2, b2.ticket, { outcome: "right" })).status).toBe(200);
    const v2 = await upsertVoterByCookieHash(t.db, hashCookie(c2));
    const userVote = await t.db.vote.findFirstOrThrow({ where: { voterId: v1.id } });
    const clash = await t.db.battleTicket.create({
      data: { id: "clash-ticket-000000000", battleId: userVote.battleId, voterId: v2.id, shownLeft: "A", expiresAt: new Date(Date.now() + 60_000) },
    });
    await t.db.vote.create({ data: { battleId: clash.battleId, outcome: "B", shownLeft: "A", voterKind: "human", voterId: v2.id } });
    const raw = await getRawSql();
    expect((await seenBattleKeys(raw, v1.id)).size).toBe(1); // cached before the merge
    expect(await attachUser(t.db, v2, user.id)).toBe(v1.id);
    const mine = await t.db.vote.findMany({ where: { voterId: v1.id } });
    const left = await t.db.vote.findMany({ where: { voterId: v2.id } });
    expect(mine).toHaveLength(2);
    expect(left).toHaveLength(1);
    expect(left[0].battleId).toBe(userVote.battleId);
    expect((await t.db.voter.findUnique({ where: { id: v2.id } }))!.userId).toBe(user.id);
    // The user's voted battles now include the merged vote's, at once (not after the seen-cache TTL).
    const moved = await t.db.battle.findMany({ where: { id: { in: mine.map((v) => v.battleId) } }, select: { key: true } });
    expect([...(await seenBattleKeys(raw, v1.id))].sort()).toEqual(moved.map((b) => b.key).sort());
  });
});
