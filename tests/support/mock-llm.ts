/**
 * A real OpenAI-compatible HTTP server for tests and benchmarks (the only LLM test double in Concord).
 *
 * `startMockLlm(opts)` listens on 127.0.0.1 with an ephemeral port and implements:
 * - `POST /v1/chat/completions`, non-streaming and `stream: true` (server-sent events, with a usage chunk);
 * - `GET /v1/models`.
 *
 * Replies are scripted by `opts.reply(body, attempt)`, where `attempt` counts requests with the same model +
 * messages (1 = first try, 2 = first retry, …). A reply is a string (the completion text) or a `MockReplySpec`:
 * an HTTP error status (with optional Retry-After), a delay, a garbage body, a body cut off mid-way, an aborted
 * connection, or explicit stream chunks. `opts.latencyMs` adds a fixed delay to every reply. Keep-alive is on and
 * per-request work is small, so it sustains thousands of requests at high concurrency.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface MockReplySpec {
  /** Completion text (default ""). */
  text?: string;
  /** HTTP status; ≠ 200 sends an OpenAI-style error JSON. */
  status?: number;
  /** `Retry-After` header value (seconds or HTTP date). */
  retryAfter?: number | string;
  /** Extra wait before responding, on top of `latencyMs`. */
  delayMs?: number;
  /** Reported usage; default: whitespace-separated word counts of prompt and completion. */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Default "stop"; use "length" to simulate truncation by max tokens. */
  finishReason?: string;
  /** Send this body verbatim (garbage output) with `rawContentType` (default application/json). */
  raw?: string;
  rawContentType?: string;
  /** Send only the first half of the JSON body, then destroy the socket. */
  truncateBody?: boolean;
  /** Destroy the socket without any response. */
  abort?: boolean;
  /** Streaming: the deltas to send (default: `text` split into words). */
  chunks?: string[];
  /** Streaming: delay between chunks. */
  chunkDelayMs?: number;
  /** Streaming: destroy the connection after this many chunks. */
  abortAfterChunks?: number;
}

export type MockReply = string | MockReplySpec;

export interface MockLlmOptions {
  reply?: (body: MockChatBody, attempt: number) => MockReply | Promise<MockReply>;
  /** Fixed latency added to every chat reply (ms). */
  latencyMs?: number;
  /** Model ids listed by GET /v1/models (default ["mock-model"]). */
  models?: string[];
  /** Keep request bodies in `requests` (default true; turn off for very large benchmarks). */
  recordBodies?: boolean;
}

export interface MockRequest {
  method: string;
  path: string;
  body: MockChatBody | null;
  attempt: number;
  headers: IncomingMessage["headers"];
  at: number;
}

export interface MockLlm {
  /** Base URL to give to clients, ending in `/v1`. */
  url: string;
  requests: MockRequest[];
  /** Total requests received (also counted when bodies are not recorded). */
  count(): number;
  /** Requests currently being handled, and the maximum seen. */
  inFlight(): { now: number; max: number };
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function words(text: string): number {
  const t = text.trim();
  return t === "" ? 0 : t.split(/\s+/).length;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Starts the mock server; always `close()` it (e.g. in `afterAll`). */
export async function startMockLlm(opts: MockLlmOptions = {}): Promise<MockLlm> {
  const requests: MockRequest[] = [];
  const attempts = new Map<string, number>();
  let total = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let seq = 0;
  const record = opts.recordBodies ?? true;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    total++;
    if (req.method === "GET" && path === "/v1/models") {
      requests.push({ method: "GET", path, body: null, attempt: 1, headers: req.headers, at: Date.now() });
      const data = (opts.models ?? ["mock-model"]).map((id) => ({ id, object: "model", created: 0, owned_by: "mock" }));
      return sendJson(res, 200, { object: "list", data });
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error" } });
    }
    let body: MockChatBody;
    try {
      body = JSON.parse(await readBody(req)) as MockChatBody;
    } catch {
      return sendJson(res, 400, { error: { message: "Body is not JSON", type: "invalid_request_error" } });
    }
    const key = JSON.stringify([body.model, body.messages]);
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    requests.push({ method: "POST", path, body: record ? body : null, attempt, headers: record ? req.headers : {}, at: Date.now() });

    const r = opts.reply ? await opts.reply(body, attempt) : "OK";
    const spec: MockReplySpec = typeof r === "string" ? { text: r } : r;
    const wait = (opts.latencyMs ?? 0) + (spec.delayMs ?? 0);
    if (wait > 0) await sleep(wait);
    if (res.destroyed) return;
    if (spec.abort) return void req.socket.destroy();
    if (spec.status !== undefined && spec.status !== 200) {
      const headers: Record<string, string> = spec.retryAfter !== undefined ? { "retry-after": String(spec.retryAfter) } : {};
      return sendJson(res, spec.status, { error: { message: spec.text ?? `mock error ${spec.status}`, type: "mock_error", code: null } }, headers);
    }
    if (spec.raw !== undefined) {
      res.writeHead(200, { "content-type": spec.rawContentType ?? "application/json", "content-length": Buffer.byteLength(spec.raw) });
      return void res.end(spec.raw);
    }
    const text = spec.text ?? "";
    const promptText = body.messages.map((m) => m.content).join(" ");
    const usage = spec.usage ?? { prompt_tokens: words(promptText), completion_tokens: words(text) };
    const id = `mock-${++seq}`;
    const model = body.model;
    const finish = spec.finishReason ?? "stop";
    if (body.stream) return stream(req, res, spec, { id, model, text, finish, usage });
    const payload = JSON.stringify({
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finish }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
    if (spec.truncateBody) {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `mock failure: ${String(e)}`, type: "mock_error" } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.maxHeadersCount = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    count: () => total,
    inFlight: () => ({ now: inFlight, max: maxInFlight }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function stream(
  req: IncomingMessage,
  res: ServerResponse,
  spec: MockReplySpec,
  c: { id: string; model: string; text: string; finish: string; usage: { prompt_tokens: number; completion_tokens: number } },
): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
  const base = { id: c.id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: c.model };
  const chunks = spec.chunks ?? (c.text === "" ? [] : c.text.match(/\S+\s*|\s+/g) ?? [c.text]);
  send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  for (let i = 0; i < chunks.length; i++) {
    if (spec.abortAfterChunks !== undefined && i >= spec.abortAfterChunks) return dropLater(req);
    if (spec.chunkDelayMs) await sleep(spec.chunkDelayMs);
    if (res.destroyed) return;
    send({ ...base, choices: [{ index: 0, delta: { content: chunks[i] }, finish_reason: null }] });
  }
  if (spec.abortAfterChunks !== undefined && chunks.length >= spec.abortAfterChunks) return dropLater(req);
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: c.finish }] });
  send({ ...base, choices: [], usage: { ...c.usage, total_tokens: c.usage.prompt_tokens + c.usage.completion_tokens } });
  res.end("data: [DONE]\n\n");
}

/** Destroys the socket shortly after the last write so the written chunks reach the client first. */
function dropLater(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) =>
    setTimeout(() => {
      req.socket.destroy();
      resolve();
    }, 20),
  );
}
