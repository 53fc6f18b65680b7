import { afterEach, describe, expect, it } from "vitest";
import { startMockLlm, type MockLlm, type MockLlmOptions } from "@/tests/support/mock-llm";
import { DUMMY_API_KEY, LlmClient, type ClientDeps, type EndpointConfigInput } from "./client";
import { EndpointLimiter } from "./limits";
import { LlmError } from "./retry";

const servers: MockLlm[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function setup(opts: MockLlmOptions, cfg: Partial<EndpointConfigInput> = {}, deps: ClientDeps = {}) {
  const mock = await startMockLlm(opts);
  servers.push(mock);
  const sleeps: number[] = [];
  const client = new LlmClient(
    { baseURL: mock.url, model: "mock-model", baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 2000, ...cfg },
    { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...deps },
  );
  return { mock, client, sleeps };
}

const user = [{ role: "user" as const, content: "Which is better?" }];

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LlmError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("LlmClient.chat", () => {
  it("returns text, usage, latency and sends the configured parameters", async () => {
    const { mock, client } = await setup({ reply: () => "Verdict: [[A]]", latencyMs: 60 }, { temperature: 0.7, maxTokens: 77 });
    const r = await client.chat(user);
    expect(r).toMatchObject({ text: "Verdict: [[A]]", attempts: 1, finishReason: "stop", model: "mock-model" });
    expect(r.usage).toEqual({ promptTokens: 3, completionTokens: 2 });
    expect(r.latencyMs).toBeGreaterThanOrEqual(55);
    const req = mock.requests[0];
    expect(req.body).toMatchObject({ model: "mock-model", temperature: 0.7, max_tokens: 77, messages: user });
    expect(req.headers.authorization).toBe(`Bearer ${DUMMY_API_KEY}`);
  });

  it("reads the API key from the named environment variable only", async () => {
    const { mock, client } = await setup({}, { apiKeyEnv: "JUDGE_KEY" }, { env: { JUDGE_KEY: "sk-secret" } });
    await client.chat(user);
    expect(mock.requests[0].headers.authorization).toBe("Bearer sk-secret");
    expect(JSON.stringify(client.config)).not.toContain("sk-secret");
    expect(() => new LlmClient({ baseURL: mock.url, model: "m", apiKeyEnv: "MISSING_KEY" }, { env: {} })).toThrow(/MISSING_KEY/);
    expect(() => new LlmClient({ baseURL: "not a url", model: "m" })).toThrow(/Invalid LLM endpoint config/);
  });

  it("429 with Retry-After, then success: waits at least Retry-After", async () => {
    const { mock, client, sleeps } = await setup({ reply: (_b, n) => (n === 1 ? { status: 429, retryAfter: 2 } : "[[B]]") });
    const r = await client.chat(user);
    expect(r).toMatchObject({ text: "[[B]]", attempts: 2 });
    expect(mock.count()).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it("500s exhausting attempts → server error with the attempts count and full-jitter sleeps", async () => {
    const { mock, client, sleeps } = await setup({ reply: () => ({ status: 500 }) }, { maxAttempts: 3 });
    const err = await failure(client.chat(user));
    expect(err).toMatchObject({ kind: "server", status: 500, attempts: 3 });
    expect(err.message).toMatch(/gave up after 3 attempts/);
    expect(mock.count()).toBe(3);
    // random = 0.5: 0.5 · min(1000, 100 · 2^(n−1)) for n = 1, 2.
    expect(sleeps).toEqual([50, 100]);
  });

  it("a timeout is retried", async () => {
    const { mock, client } = await setup({ reply: (_b, n) => (n === 1 ? { text: "late", delayMs: 800 } : "[[C]]") }, { timeoutMs: 200 });
    const r = await client.chat(user);
    expect(r).toMatchObject({ text: "[[C]]", attempts: 2 });
    expect(mock.count()).toBe(2);
    const { client: c2 } = await setup({ reply: () => ({ delayMs: 800 }) }, { timeoutMs: 150, maxAttempts: 2 });
    expect(await failure(c2.chat(user))).toMatchObject({ kind: "timeout", attempts: 2 });
  });

  it.each([
    [400, "bad-request"],
    [401, "auth"],
    [404, "not-found"],
  ])("HTTP %i is not retried", async (status, kind) => {
    const { mock, client, sleeps } = await setup({ reply: () => ({ status }) });
    const err = await failure(client.chat(user));
    expect(err).toMatchObject({ kind, status, attempts: 1, retryable: false });
    expect(mock.count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("garbage bodies, truncated bodies and dropped connections are retried", async () => {
    const script = [{ raw: "{not json" }, { raw: "hello", rawContentType: "text/plain" }, { truncateBody: true }, { abort: true }];
    const { mock, client } = await setup({ reply: (_b, n) => script[n - 1] ?? "[[A]]" }, { maxAttempts: 5 });
    const r = await client.chat(user);
    expect(r).toMatchObject({ text: "[[A]]", attempts: 5 });
    expect(mock.count()).toBe(5);
  });

  it("reports truncation by max tokens through finishReason", async () => {
    const { client } = await setup({ reply: () => ({ text: "My analysis is that", finishReason: "length" }) });
    expect(await client.chat(user)).toMatchObject({ finishReason: "length", text: "My analysis is that" });
  });

  it("a caller abort is not retried", async () => {
    const ctrl = new AbortController();
    // Abort once the server has the request, so the test does not depend on timing.
    const { mock, client, sleeps } = await setup({
      reply: () => {
        ctrl.abort();
        return { delayMs: 300, text: "x" };
      },
    });
    expect(await failure(client.chat(user, { signal: ctrl.signal }))).toMatchObject({ kind: "aborted", retryable: false });
    expect(mock.count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("respects an endpoint limiter's concurrency", async () => {
    const limiter = new EndpointLimiter({ concurrency: 4 });
    // The first 4 requests wait for each other, so exactly 4 are in flight together; a 5th would exceed the limit.
    let arrived = 0;
    let open!: () => void;
    const barrier = new Promise<void>((r) => (open = r));
    const reply = async () => {
      if (++arrived <= 4) {
        if (arrived === 4) open();
        await barrier;
      }
      return { text: "ok", delayMs: 20 };
    };
    const { mock, client } = await setup({ reply }, { timeoutMs: 30_000 }, { limiter });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.chat([{ role: "user", content: `q${i}` }])));
    expect(results).toHaveLength(20);
    expect(mock.inFlight().max).toBe(4);
  });
});

describe("LlmClient.streamChat", () => {
  it("yields deltas then a done event with usage", async () => {
    const { client } = await setup({ reply: () => ({ chunks: ["Assistant A ", "is better. ", "[[A]]"], usage: { prompt_tokens: 9, completion_tokens: 5 } }) });
    const deltas: string[] = [];
    let done: unknown;
    for await (const ev of client.streamChat(user)) {
      if (ev.type === "delta") deltas.push(ev.text);
      else done = ev.result;
    }
    expect(deltas).toEqual(["Assistant A ", "is better. ", "[[A]]"]);
    expect(done).toMatchObject({ text: "Assistant A is better. [[A]]", usage: { promptTokens: 9, completionTokens: 5 }, finishReason: "stop", attempts: 1 });
  });

  it("retries failures before the first delta", async () => {
    const { mock, client } = await setup({ reply: (_b, n) => (n === 1 ? { status: 503 } : "hello world") });
    let text = "";
    for await (const ev of client.streamChat(user)) if (ev.type === "done") text = ev.result.text;
    expect(text).toBe("hello world");
    expect(mock.count()).toBe(2);
  });

  it("a connection dropped mid-stream throws after the partial output", async () => {
    const { mock, client } = await setup({ reply: () => ({ chunks: ["one ", "two ", "three"], abortAfterChunks: 1 }) });
    const deltas: string[] = [];
    const err = await failure(
      (async () => {
        for await (const ev of client.streamChat(user)) if (ev.type === "delta") deltas.push(ev.text);
      })(),
    );
    expect(deltas).toEqual(["one "]);
    expect(err.kind).toBe("connection");
    expect(mock.count()).toBe(1);
  });
});

describe("LlmClient.testConnection", () => {
  it("reports success and failure without throwing", async () => {
    const ok = await setup({ reply: () => "OK" });
    expect(await ok.client.testConnection()).toMatchObject({ ok: true, text: "OK", model: "mock-model" });
    expect(ok.mock.requests[0].body?.max_tokens).toBe(8);
    const bad = await setup({ reply: () => ({ status: 500 }) });
    const r = await bad.client.testConnection();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "server", attempts: 1 });
    expect(bad.mock.count()).toBe(1);
  });
});
