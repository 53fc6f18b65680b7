import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { ctx, jsonRequest, session, signInAs } from "./admin-support";
import { startMockLlm, type MockLlm } from "./support/mock-llm";

vi.mock("@/lib/auth/config", () => ({ auth: async () => session.current }));

const systemsRoute = await import("@/app/api/admin/systems/route");
const systemRoute = await import("@/app/api/admin/systems/[id]/route");
const promptSetsRoute = await import("@/app/api/admin/prompt-sets/route");
const promptSetRoute = await import("@/app/api/admin/prompt-sets/[id]/route");
const votersRoute = await import("@/app/api/admin/voters/route");
const voterRoute = await import("@/app/api/admin/voters/[id]/route");
const testRoute = await import("@/app/api/admin/systems/[id]/test-connection/route");

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
});
afterAll(async () => t?.close());
beforeEach(() => signInAs("maintainer"));

const validSystem = {
  slug: "acme-large",
  name: "Acme Large",
  organization: "Acme",
  family: "acme",
  baseUrl: "http://127.0.0.1:9/v1",
  model: "acme-large-2",
  apiKeyEnv: "ACME_API_KEY",
  params: { temperature: 0.2, max_tokens: 256 },
  weight: 2,
  outage: false,
  boost: 1,
  active: true,
};

describe("admin routes refuse non-maintainers", () => {
  const calls: [string, () => Promise<Response>][] = [
    ["GET systems", () => systemsRoute.GET(jsonRequest("/api/admin/systems", "GET"), ctx({}))],
    ["POST systems", () => systemsRoute.POST(jsonRequest("/api/admin/systems", "POST", validSystem), ctx({}))],
    ["PATCH system", () => systemRoute.PATCH(jsonRequest("/api/admin/systems/1", "PATCH", { weight: 1 }), ctx({ id: "1" }))],
    ["GET prompt sets", () => promptSetsRoute.GET(jsonRequest("/api/admin/prompt-sets", "GET"), ctx({}))],
    ["PATCH prompt set", () => promptSetRoute.PATCH(jsonRequest("/api/admin/prompt-sets/1", "PATCH", { active: false }), ctx({ id: "1" }))],
    ["GET voters", () => votersRoute.GET(jsonRequest("/api/admin/voters", "GET"), ctx({}))],
    ["PATCH voter", () => voterRoute.PATCH(jsonRequest("/api/admin/voters/1", "PATCH", { excluded: true }), ctx({ id: "1" }))],
  ];
  for (const [name, call] of calls) {
    it(`${name}: 403 for a voter, 401 when signed out`, async () => {
      signInAs("voter");
      const res = await call();
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      signInAs(null);
      expect((await call()).status).toBe(401);
    });
  }
  it("nothing was written by the refused calls", async () => {
    expect(await t.db.system.count()).toBe(0);
  });
});

describe("systems", () => {
  let id: number;

  it("creates a system and lists it without any key", async () => {
    process.env.ACME_API_KEY = "sk-test-secret-value";
    const res = await systemsRoute.POST(jsonRequest("/api/admin/systems", "POST", validSystem), ctx({}));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { system: { id: number; keyPresent: boolean; live: boolean; params: unknown } };
    id = body.system.id;
    expect(body.system).toMatchObject({ keyPresent: true, live: true, params: { temperature: 0.2, max_tokens: 256 } });
    const list = await systemsRoute.GET(jsonRequest("/api/admin/systems", "GET"), ctx({}));
    const text = await list.text();
    expect(text).toContain("acme-large");
    expect(text).toContain("ACME_API_KEY");
    expect(text).not.toContain("sk-test-secret-value");
    delete process.env.ACME_API_KEY;
  });

  it("edits a system and reads it back", async () => {
    const res = await systemRoute.PATCH(
      jsonRequest(`/api/admin/systems/${id}`, "PATCH", { name: "Acme Larger", weight: 0, outage: true, params: { temperature: 1 } }),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(200);
    const row = await t.db.system.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Acme Larger", weight: 0, outage: true, params: { temperature: 1 }, slug: "acme-large" });
    const body = (await res.json()) as { system: { live: boolean } };
    expect(body.system.live).toBe(false);
  });

  it("clears the endpoint with empty strings, and refuses half an endpoint", async () => {
    const half = await systemRoute.PATCH(jsonRequest(`/api/admin/systems/${id}`, "PATCH", { model: "" }), ctx({ id: String(id) }));
    expect(half.status).toBe(422);
    const res = await systemRoute.PATCH(
      jsonRequest(`/api/admin/systems/${id}`, "PATCH", { baseUrl: "", model: "", apiKeyEnv: "" }),
      ctx({ id: String(id) }),
    );
    expect(res.status).toBe(200);
    expect(await t.db.system.findUniqueOrThrow({ where: { id } })).toMatchObject({ baseUrl: null, model: null, apiKeyEnv: null });
  });

  it("a duplicate slug is a 409", async () => {
    const res = await systemsRoute.POST(jsonRequest("/api/admin/systems", "POST", validSystem), ctx({}));
    expect(res.status).toBe(409);
  });

  it("an unknown system is a 404", async () => {
    const res = await systemRoute.PATCH(jsonRequest("/api/admin/systems/99999", "PATCH", { weight: 1 }), ctx({ id: "99999" }));
    expect(res.status).toBe(404);
  });

  const invalid: [string, Record<string, unknown>][] = [
    ["a key instead of an env-var name", { apiKeyEnv: "sk-proj-abcdef1234567890" }],
    ["an env-var name with spaces", { apiKeyEnv: "MY KEY" }],
    ["unknown generation params", { params: { temprature: 0.5 } }],
    ["out-of-range temperature", { params: { temperature: 7 } }],
    ["a negative weight", { weight: -1 }],
    ["a bad slug", { slug: "Has Spaces" }],
    ["a non-http base URL", { baseUrl: "ftp://example.org" }],
    ["a base URL without a model", { model: null }],
  ];
  for (const [what, patch] of invalid) {
    it(`rejects ${what} with 422`, async () => {
      const res = await systemsRoute.POST(jsonRequest("/api/admin/systems", "POST", { ...validSystem, slug: "other", ...patch }), ctx({}));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
      expect(body.error.details.length).toBeGreaterThan(0);
    });
  }

  it("rejects a malformed id with 422", async () => {
    const res = await systemRoute.PATCH(jsonRequest("/api/admin/systems/abc", "PATCH", { weight: 1 }), ctx({ id: "abc" }));
    expect(res.status).toBe(422);
  });
});

describe("prompt sets", () => {
  let setId: number;
  beforeAll(async () => {
    const set = await t.db.promptSet.create({ data: { slug: "s1", name: "Set one" } });
    setId = set.id;
    await t.db.prompt.createMany({
      data: [
        { promptSetId: set.id, externalId: "1", turns: ["a"], category: "math" },
        { promptSetId: set.id, externalId: "2", turns: ["b"], category: "math" },
        { promptSetId: set.id, externalId: "3", turns: ["c"], category: "coding" },
      ],
    });
    await t.db.promptSet.create({ data: { slug: "live", name: "Live", source: "live", active: false } });
  });

  it("lists sets with their categories, hiding the live set", async () => {
    const res = await promptSetsRoute.GET(jsonRequest("/api/admin/prompt-sets", "GET"), ctx({}));
    const body = (await res.json()) as { promptSets: { slug: string; prompts: number; categories: { name: string; prompts: number; active: boolean }[] }[] };
    expect(body.promptSets.map((s) => s.slug)).toEqual(["s1"]);
    expect(body.promptSets[0].prompts).toBe(3);
    expect(body.promptSets[0].categories).toEqual([
      { name: "coding", prompts: 1, active: true },
      { name: "math", prompts: 2, active: true },
    ]);
  });

  it("deactivates and reactivates a category", async () => {
    const off = await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { category: "math", active: false }), ctx({ id: String(setId) }));
    expect(off.status).toBe(200);
    expect((await t.db.promptSet.findUniqueOrThrow({ where: { id: setId } })).inactiveCategories).toEqual(["math"]);
    await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { category: "coding", active: false }), ctx({ id: String(setId) }));
    await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { category: "math", active: false }), ctx({ id: String(setId) }));
    expect((await t.db.promptSet.findUniqueOrThrow({ where: { id: setId } })).inactiveCategories).toEqual(["coding", "math"]);
    await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { category: "math", active: true }), ctx({ id: String(setId) }));
    expect((await t.db.promptSet.findUniqueOrThrow({ where: { id: setId } })).inactiveCategories).toEqual(["coding"]);
  });

  it("deactivates the whole set", async () => {
    const res = await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { active: false }), ctx({ id: String(setId) }));
    expect(res.status).toBe(200);
    expect((await t.db.promptSet.findUniqueOrThrow({ where: { id: setId } })).active).toBe(false);
  });

  it("an unknown category is a 404, the live set a 409, a bad body a 422", async () => {
    expect((await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { category: "nope", active: false }), ctx({ id: String(setId) }))).status).toBe(404);
    const live = await t.db.promptSet.findUniqueOrThrow({ where: { slug: "live" } });
    expect((await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { active: true }), ctx({ id: String(live.id) }))).status).toBe(409);
    expect((await promptSetRoute.PATCH(jsonRequest(`/x`, "PATCH", { active: "yes" }), ctx({ id: String(setId) }))).status).toBe(422);
  });
});

describe("voters", () => {
  let flaggedId: number;
  beforeAll(async () => {
    const a = await t.db.system.create({ data: { slug: "va", name: "VA" } });
    const b = await t.db.system.create({ data: { slug: "vb", name: "VB" } });
    const set = await t.db.promptSet.create({ data: { slug: "vset", name: "V" } });
    const prompt = await t.db.prompt.create({ data: { promptSetId: set.id, externalId: "p", turns: ["q"] } });
    const flagged = await t.db.voter.create({ data: { cookieHash: "h1", flagged: true, flagReason: "always votes left", flaggedAt: new Date() } });
    await t.db.voter.create({ data: { cookieHash: "h2" } });
    flaggedId = flagged.id;
    for (let i = 0; i < 3; i++) {
      const battle = await t.db.battle.create({
        data: { key: `fixed:v:${i}`, promptId: prompt.id, systemAId: a.id, systemBId: b.id, promptSetId: set.id },
      });
      await t.db.vote.create({ data: { battleId: battle.id, outcome: "A", shownLeft: "A", voterKind: "human", voterId: flagged.id } });
    }
  });

  it("lists flagged voters with their reason and vote count", async () => {
    const res = await votersRoute.GET(jsonRequest("/api/admin/voters?filter=flagged", "GET"), ctx({}));
    const body = (await res.json()) as { voters: { id: number; flagReason: string; votes: number; excluded: boolean }[] };
    expect(body.voters).toHaveLength(1);
    expect(body.voters[0]).toMatchObject({ id: flaggedId, flagReason: "always votes left", votes: 3, excluded: false });
  });

  it("excludes and restores a voter", async () => {
    const res = await voterRoute.PATCH(jsonRequest(`/x`, "PATCH", { excluded: true }), ctx({ id: String(flaggedId) }));
    expect(res.status).toBe(200);
    expect((await t.db.voter.findUniqueOrThrow({ where: { id: flaggedId } })).excluded).toBe(true);
    const excluded = await votersRoute.GET(jsonRequest("/api/admin/voters?filter=excluded", "GET"), ctx({}));
    expect(((await excluded.json()) as { voters: unknown[] }).voters).toHaveLength(1);
    await voterRoute.PATCH(jsonRequest(`/x`, "PATCH", { excluded: false }), ctx({ id: String(flaggedId) }));
    expect((await t.db.voter.findUniqueOrThrow({ where: { id: flaggedId } })).excluded).toBe(false);
    expect(await t.db.vote.count({ where: { voterId: flaggedId } })).toBe(3);
  });

  it("an unknown voter is a 404; a bad filter a 422", async () => {
    expect((await voterRoute.PATCH(jsonRequest(`/x`, "PATCH", { excluded: true }), ctx({ id: "424242" }))).status).toBe(404);
    expect((await votersRoute.GET(jsonRequest("/api/admin/voters?filter=bogus", "GET"), ctx({}))).status).toBe(422);
  });
});

describe("test connection", () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm({ reply: (body) => (body.model === "broken" ? { status: 401, text: "bad key" } : "OK, connected.") });
  });
  afterAll(async () => mock?.close());

  async function systemWith(slug: string, model: string, apiKeyEnv: string | null): Promise<number> {
    const row = await t.db.system.create({ data: { slug, name: slug, baseUrl: mock.url, model, apiKeyEnv } });
    return row.id;
  }
  const run = async (id: number) => {
    const res = await testRoute.POST(jsonRequest(`/api/admin/systems/${id}/test-connection`, "POST"), ctx({ id: String(id) }));
    return { status: res.status, body: (await res.json()) as { report: Record<string, unknown> } };
  };

  it("reports latency, model and the first words, sending the key read from the named env var", async () => {
    process.env.CONCORD_TEST_MOCK_KEY = "sk-mock-123";
    const id = await systemWith("tc-ok", "mock-model", "CONCORD_TEST_MOCK_KEY");
    const { status, body } = await run(id);
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ ok: true, model: "mock-model", sample: "OK, connected." });
    expect(typeof body.report.latencyMs).toBe("number");
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer sk-mock-123");
    delete process.env.CONCORD_TEST_MOCK_KEY;
  });

  it("a missing env var and an upstream 401 are clear errors", async () => {
    const missing = await run(await systemWith("tc-nokey", "mock-model", "CONCORD_TEST_UNSET_KEY"));
    expect(missing.body.report).toMatchObject({ ok: false, kind: "config" });
    expect(String(missing.body.report.error)).toContain("CONCORD_TEST_UNSET_KEY");
    const denied = await run(await systemWith("tc-401", "broken", null));
    expect(denied.body.report).toMatchObject({ ok: false, kind: "auth", status: 401 });
  });

  it("a system without an endpoint is a 422; a voter gets 403", async () => {
    const row = await t.db.system.create({ data: { slug: "tc-none", name: "none" } });
    expect((await run(row.id)).status).toBe(422);
    signInAs("voter");
    expect((await run(row.id)).status).toBe(403);
  });
});
