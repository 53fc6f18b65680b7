/**
 * Live battles against the local mock OpenAI-compatible server (tests/support/mock-llm.ts): streaming, voting,
 * failures, identity leaks, input limits, moderation and the anonymity of the stream.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { startMockLlm, type MockChatBody, type MockReply, type MockLlm } from "./support/mock-llm";
import { ctx, session } from "./admin-support";
import type { LiveEvent } from "@/lib/validation/live";

vi.mock("@/lib/auth/config", () => ({ auth: async () => session.current }));

const liveRoute = await import("@/app/api/live/route");
const voteRoute = await import("@/app/api/live/[ticket]/vote/route");
const fixedVoteRoute = await import("@/app/api/battles/[ticket]/vote/route");

let t: TestDb;
let mock: MockLlm;
/** Per-model scripted answers; the default echoes a neutral answer. */
let replies: Record<string, (body: MockChatBody) => MockReply> = {};

const SYSTEMS = [
  { slug: "zephyr-alpha", name: "Zephyr Alpha", organization: "Windmill Labs", family: "zephyr", model: "zephyr-model-a" },
  { slug: "quill-beta", name: "Quill Beta", organization: "Inkwell Research", family: "quill", model: "quill-model-b" },
];

const COOKIE = "concord_voter=live-test-voter-0001";

function post(url: string, body: unknown, cookie = COOKIE): Request {
  return new Request(`http://concord.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-forwarded-for": "10.0.0.1" },
    body: JSON.stringify(body),
  });
}

async function play(body: unknown, cookie = COOKIE): Promise<{ status: number; raw: string; events: LiveEvent[] }> {
  const res = await liveRoute.POST(post("/api/live", body, cookie), ctx({}));
  const raw = await res.text();
  if (res.status !== 200) return { status: res.status, raw, events: [] };
  expect(res.headers.get("content-type")).toContain("application/x-ndjson");
  return { status: 200, raw, events: raw.trim().split("\n").map((l) => JSON.parse(l) as LiveEvent) };
}

const ticketOf = (events: LiveEvent[]) => (events[0] as Extract<LiveEvent, { type: "ticket" }>).ticket;
const doneOf = (events: LiveEvent[]) => events.find((e) => e.type === "done") as Extract<LiveEvent, { type: "done" }>;
const textOf = (events: LiveEvent[], side: "left" | "right") =>
  events.filter((e): e is Extract<LiveEvent, { type: "delta" }> => e.type === "delta" && e.side === side).map((e) => e.delta).join("");

async function vote(ticket: string, outcome: string, cookie = COOKIE) {
  const res = await voteRoute.POST(post(`/api/live/${ticket}/vote`, { outcome }, cookie), ctx({ ticket }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function battleOf(ticket: string) {
  const row = await t.db.battleTicket.findUniqueOrThrow({ where: { id: ticket.split(".")[0] }, include: { battle: true } });
  return row.battle;
}

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  mock = await startMockLlm({
    reply: (body) => {
      const r = replies[body.model];
      return r ? r(body) : { text: `A careful answer to: ${body.messages.at(-1)?.content ?? ""}`, chunkDelayMs: 2 };
    },
  });
  for (const s of SYSTEMS) await t.db.system.create({ data: { ...s, baseUrl: mock.url, params: { temperature: 0.3, max_tokens: 64 } } });
  // A system without an endpoint and one in outage are never sampled.
  await t.db.system.create({ data: { slug: "offline", name: "Offline", baseUrl: null } });
  await t.db.system.create({ data: { slug: "down", name: "Down", baseUrl: mock.url, model: "down-model", outage: true } });
  await t.db.setting.create({ data: { key: "live.rateLimits", value: { turnsPerMinute: 0, turnsPerDay: 0, ipTurnsPerMinute: 0 } } });
});
afterAll(async () => {
  await mock?.close();
  await t?.close();
});
beforeEach(() => {
  replies = {};
  session.current = null;
  delete process.env.CONCORD_MODERATION_URL;
});

describe("a live battle", () => {
  let ticket: string;
  let raw: string;

  it("streams both answers, then takes a vote and reveals the systems", async () => {
    const r = await play({ prompt: "Explain recursion in one sentence." });
    expect(r.status).toBe(200);
    raw = r.raw;
    ticket = ticketOf(r.events);
    expect(r.events[0]).toMatchObject({ type: "ticket", turn: 1 });
    expect(textOf(r.events, "left")).toBe("A careful answer to: Explain recursion in one sentence.");
    expect(textOf(r.events, "right")).toBe("A careful answer to: Explain recursion in one sentence.");
    expect(r.events.filter((e) => e.type === "side-done")).toHaveLength(2);
    expect(doneOf(r.events)).toMatchObject({ canVote: true, canContinue: true });
    expect(r.events.at(-1)?.type).toBe("done");
    // The requests carried each system's own params.
    expect(mock.requests.at(-1)?.body).toMatchObject({ temperature: 0.3, max_tokens: 64, stream: true });

    const v = await vote(ticket, "left");
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ outcome: "left", counted: true, reason: null });
    const names = [(v.body.left as { name: string }).name, (v.body.right as { name: string }).name].sort();
    expect(names).toEqual(["Quill Beta", "Zephyr Alpha"]);
  });

  it("stores the prompt in the hidden live set, generated responses, a counted live battle and the vote", async () => {
    const battle = await battleOf(ticket);
    expect(battle).toMatchObject({ mode: "live", counted: true, turn: 1, category: "live" });
    expect(battle.key).toMatch(/^live:[A-Za-z0-9_-]{10,}$/);
    expect(battle.systemAId).toBeLessThan(battle.systemBId);
    const set = await t.db.promptSet.findUniqueOrThrow({ where: { slug: "live" } });
    expect(set).toMatchObject({ active: false, source: "live" });
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { id: battle.promptId } });
    expect(prompt).toMatchObject({ promptSetId: set.id, turns: ["Explain recursion in one sentence."] });
    const responses = await t.db.response.findMany({ where: { promptId: prompt.id } });
    expect(responses).toHaveLength(2);
    for (const r of responses) {
      expect(r.origin).toBe("generated");
      expect(r.tokenCount).toBeGreaterThan(0);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect([battle.responseAId, battle.responseBId].sort()).toEqual(responses.map((r) => r.id).sort());
    const votes = await t.db.vote.findMany({ where: { battleId: battle.id } });
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ voterKind: "human" });
  });

  it("a second vote, or a follow-up after the vote, is refused", async () => {
    expect((await vote(ticket, "right")).status).toBe(409);
    expect((await play({ ticket, prompt: "More?" })).status).toBe(409);
  });

  it("the stream names no system: no names, slugs, organizations, models, endpoint or ids", async () => {
    const lower = raw.toLowerCase();
    for (const s of SYSTEMS) {
      for (const v of [s.slug, s.name, s.organization, s.model]) expect(lower).not.toContain(v.toLowerCase());
    }
    expect(raw).not.toContain(mock.url);
    expect(raw).not.toContain("127.0.0.1");
    const allowed = new Set(["type", "ticket", "turn", "side", "delta", "html", "message", "canVote", "canContinue"]);
    for (const line of raw.trim().split("\n")) for (const k of Object.keys(JSON.parse(line))) expect(allowed.has(k)).toBe(true);
  });

  it("the fixed arena's vote endpoint does not accept a live ticket", async () => {
    const r = await play({ prompt: "Another question" });
    const tk = ticketOf(r.events);
    const res = await fixedVoteRoute.POST(post(`/api/battles/${tk}/vote`, { outcome: "left" }), ctx({ ticket: tk }));
    expect(res.status).toBe(404);
    expect((await vote(tk, "tie")).status).toBe(200);
  });
});

describe("follow-up turns", () => {
  it("continue both conversations and the vote judges the whole battle", async () => {
    const first = await play({ prompt: "Name a prime." });
    const ticket = ticketOf(first.events);
    const second = await play({ ticket, prompt: "And another one?" });
    expect(second.status).toBe(200);
    expect(second.events[0]).toMatchObject({ type: "ticket", ticket, turn: 2 });
    expect(doneOf(second.events)).toMatchObject({ canVote: true });
    // Each system saw its own first answer in the conversation.
    const last = mock.requests.slice(-2).map((r) => r.body!.messages.map((m) => m.role));
    for (const roles of last) expect(roles).toEqual(["user", "assistant", "user"]);
    const battle = await battleOf(ticket);
    expect(battle).toMatchObject({ turn: 2, counted: true });
    const responses = await t.db.response.findMany({ where: { promptId: battle.promptId } });
    for (const r of responses) expect(r.turns).toHaveLength(2);
    expect((await vote(ticket, "bothbad")).body).toMatchObject({ counted: true });
  });

  it("another voter cannot continue or vote on someone's battle", async () => {
    const first = await play({ prompt: "Hello" });
    const ticket = ticketOf(first.events);
    const other = "concord_voter=another-live-voter-02";
    expect((await play({ ticket, prompt: "Hijack" }, other)).status).toBe(404);
    expect((await vote(ticket, "left", other)).status).toBe(404);
  });

  it("a forged ticket is a 404", async () => {
    expect((await vote("AAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB", "left")).status).toBe(404);
  });
});

describe("one side fails", () => {
  it("shows a clear message, does not count the battle and refuses the vote", async () => {
    replies["quill-model-b"] = () => ({ status: 500, text: "upstream exploded for quill-model-b" });
    const r = await play({ prompt: "What is 2+2?" });
    expect(r.status).toBe(200);
    const errors = r.events.filter((e): e is Extract<LiveEvent, { type: "side-error" }> => e.type === "side-error");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^The (left|right) answer failed: the system's endpoint returned an error \(HTTP 500\)\.$/);
    const done = doneOf(r.events);
    expect(done).toMatchObject({ canVote: false, canContinue: false });
    expect(done.message).toContain("does not count");
    // The upstream error text (which names the model) never reaches the voter.
    expect(r.raw).not.toContain("quill");
    const ticket = ticketOf(r.events);
    const battle = await battleOf(ticket);
    expect(battle.counted).toBe(false);
    const v = await vote(ticket, "left");
    expect(v.status).toBe(409);
    expect(JSON.stringify(v.body)).toContain("failed");
    expect(await t.db.vote.count({ where: { battleId: battle.id } })).toBe(0);
    expect((await play({ ticket, prompt: "try again" })).status).toBe(409);
  });
});

describe("identity leaks", () => {
  it("an answer that names its own system makes the battle not count, and the reveal says why", async () => {
    replies["zephyr-model-a"] = () => ({ text: "As Zephyr Alpha, I think 4." });
    const r = await play({ prompt: "Who are you, and what is 2+2?" });
    expect(doneOf(r.events)).toMatchObject({ canVote: true });
    const ticket = ticketOf(r.events);
    expect((await battleOf(ticket)).counted).toBe(false);
    const v = await vote(ticket, "right");
    expect(v.status).toBe(200);
    expect(v.body.counted).toBe(false);
    expect(String(v.body.reason)).toMatch(/^the (left|right) answer named its own model \("zephyr alpha"\).*identity leak/);
  });

  it("extra words from Setting live.identityWords count too; naming the other system does not", async () => {
    await t.db.setting.create({ data: { key: "live.identityWords", value: { "quill-beta": ["QB-9000"] } } });
    replies["quill-model-b"] = () => "I am qb 9000, not Zephyr.";
    const r = await play({ prompt: "Identify yourself" });
    const v = await vote(ticketOf(r.events), "tie");
    expect(v.body).toMatchObject({ counted: false });
    expect(String(v.body.reason)).toContain('"qb 9000"');
    await t.db.setting.delete({ where: { key: "live.identityWords" } });
  });
});

describe("input limits and moderation", () => {
  it("an over-length prompt is a 422 naming the limit, and nothing is stored or sent", async () => {
    await t.db.setting.create({ data: { key: "live.maxPromptChars", value: 40 } });
    const before = { battles: await t.db.battle.count(), requests: mock.count() };
    const r = await play({ prompt: "x".repeat(41) });
    expect(r.status).toBe(422);
    expect(r.raw).toContain("the limit is 40");
    expect(await t.db.battle.count()).toBe(before.battles);
    expect(mock.count()).toBe(before.requests);
    expect((await play({ prompt: "x".repeat(40) })).status).toBe(200);
    await t.db.setting.delete({ where: { key: "live.maxPromptChars" } });
  });

  it("an empty prompt or an unknown field is a 422", async () => {
    expect((await play({ prompt: "   " })).status).toBe(422);
    expect((await play({ prompt: "hi", model: "zephyr-model-a" })).status).toBe(422);
  });

  it("a prompt flagged by the moderation endpoint is a 422 with the categories", async () => {
    // The mock has no /v1/moderations route: we reach its scripted raw reply through its chat route by giving a base
    // URL whose query string swallows the SDK's "/moderations" suffix.
    replies["moderation-model"] = () => ({
      raw: JSON.stringify({ id: "modr-1", model: "moderation-model", results: [{ flagged: true, categories: { violence: true, hate: false }, category_scores: {} }] }),
    });
    process.env.CONCORD_MODERATION_URL = `${mock.url}/chat/completions?via=`;
    process.env.CONCORD_MODERATION_MODEL = "moderation-model";
    const before = await t.db.battle.count();
    const r = await play({ prompt: "something violent" });
    expect(r.status).toBe(422);
    expect(r.raw).toContain("flagged by moderation (violence)");
    expect(await t.db.battle.count()).toBe(before);
    const sent = mock.requests.at(-1)!.body as unknown as { model: string; input: string };
    expect(sent).toMatchObject({ model: "moderation-model", input: "something violent" });

    replies["moderation-model"] = () => ({
      raw: JSON.stringify({ id: "modr-2", model: "moderation-model", results: [{ flagged: false, categories: {}, category_scores: {} }] }),
    });
    expect((await play({ prompt: "something kind" })).status).toBe(200);
  });

  it("an unreachable moderation endpoint fails closed with a 503", async () => {
    process.env.CONCORD_MODERATION_URL = mock.url; // answers 404 on /v1/moderations
    const r = await play({ prompt: "anything" });
    expect(r.status).toBe(503);
    expect(r.raw).toContain("moderation service is unavailable");
  });
});

describe("availability", () => {
  it("with fewer than two live systems a battle cannot start (503)", async () => {
    await t.db.system.updateMany({ where: { slug: "quill-beta" }, data: { weight: 0 } });
    const r = await play({ prompt: "hello" });
    expect(r.status).toBe(503);
    await t.db.system.updateMany({ where: { slug: "quill-beta" }, data: { weight: 1 } });
  });
});
