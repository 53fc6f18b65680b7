import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch } from "./http-fetch";

let server: Server;
let base: string;
const seen: { method?: string; headers: IncomingMessage["headers"]; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    seen.push({ method: req.method, headers: req.headers, body });
    const url = req.url ?? "/";
    if (url === "/json") {
      res.writeHead(201, { "content-type": "application/json", "x-multi": ["a", "b"] });
      res.end(JSON.stringify({ echo: body }));
    } else if (url === "/gzip") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(JSON.stringify({ zipped: true })));
    } else if (url === "/br") {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "br" });
      res.end(zlib.brotliCompressSync("brotli body"));
    } else if (url === "/sse") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      setTimeout(() => res.end("data: two\n\n"), 30);
    } else if (url === "/sse-cut") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      setTimeout(() => res.socket?.destroy(), 30);
    } else if (url === "/cut") {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (url === "/slow") {
      setTimeout(() => res.end("late"), 2_000);
    } else if (url === "/empty") {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("nope");
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("httpFetch", () => {
  it("sends method, headers and body, and returns status, headers and body", async () => {
    const res = await httpFetch(`${base}/json`, { method: "POST", headers: new Headers({ "Content-Type": "application/json", "X-Test": "1" }), body: '{"q":1}' });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-multi")).toBe("a, b");
    expect(await res.json()).toEqual({ echo: '{"q":1}' });
    const req = seen[seen.length - 1];
    expect(req.method).toBe("POST");
    expect(req.headers["x-test"]).toBe("1");
    expect(req.headers["content-length"]).toBe("7");
  });

  it("accepts headers as a record or as pairs, and URL objects", async () => {
    await httpFetch(new URL(`${base}/json`), { method: "POST", headers: { "X-Rec": "r" }, body: "x" });
    expect(seen[seen.length - 1].headers["x-rec"]).toBe("r");
    await httpFetch(`${base}/json`, { method: "POST", headers: [["X-Pair", "p"]], body: new TextEncoder().encode("bytes") });
    expect(seen[seen.length - 1]).toMatchObject({ body: "bytes", headers: { "x-pair": "p" } });
  });

  it("decodes gzip and brotli bodies", async () => {
    expect(await (await httpFetch(`${base}/gzip`)).json()).toEqual({ zipped: true });
    expect(await (await httpFetch(`${base}/br`)).text()).toBe("brotli body");
  });

  it("returns error statuses as responses, and 204 with an empty body", async () => {
    const res = await httpFetch(`${base}/missing`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("nope");
    const empty = await httpFetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
  });

  it("streams server-sent events as they arrive", async () => {
    const res = await httpFetch(`${base}/sse`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: one\n\n"); // before the server has sent the rest
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe("data: two\n\n");
  });

  it("a stream cut mid-way errors with TypeError('terminated'), as undici's fetch does", async () => {
    const res = await httpFetch(`${base}/sse-cut`);
    const reader = res.body!.getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow(TypeError);
  });

  it("a buffered body cut mid-way rejects", async () => {
    await expect(httpFetch(`${base}/cut`)).rejects.toThrow();
  });

  it("aborts with an AbortError, before or during the request", async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(httpFetch(`${base}/slow`, { signal: pre.signal })).rejects.toMatchObject({ name: "AbortError" });
    const c = new AbortController();
    const t0 = Date.now();
    const p = httpFetch(`${base}/slow`, { signal: c.signal });
    setTimeout(() => c.abort(), 50);
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it("rejects connection failures and unsupported inputs", async () => {
    await expect(httpFetch("http://127.0.0.1:1/")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await expect(httpFetch("ftp://example.com/")).rejects.toThrow(/unsupported protocol/);
    await expect(httpFetch(new Request(`${base}/json`))).rejects.toThrow(/not a Request/);
  });
});
