import { describe, expect, it } from "vitest";
import { startMockLlm } from "@/tests/support/mock-llm";
import { LlmClient } from "./client";
import { EndpointLimiter } from "./limits";

describe("mock OpenAI-compatible server", () => {
  it("lists models and counts attempts per identical request", async () => {
    const mock = await startMockLlm({ models: ["judge-small", "judge-large"], reply: (_b, n) => `attempt ${n}` });
    try {
      const res = await fetch(`${mock.url}/models`);
      const body = (await res.json()) as { data: Array<{ id: string }> };
      expect(body.data.map((m) => m.id)).toEqual(["judge-small", "judge-large"]);
      const c = new LlmClient({ baseURL: mock.url, model: "judge-small" });
      expect((await c.chat([{ role: "user", content: "same" }])).text).toBe("attempt 1");
      expect((await c.chat([{ role: "user", content: "same" }])).text).toBe("attempt 2");
      expect((await c.chat([{ role: "user", content: "other" }])).text).toBe("attempt 1");
      expect(mock.count()).toBe(4);
      expect((await fetch(`${mock.url}/nope`)).status).toBe(404);
    } finally {
      await mock.close();
    }
  });

  it("sustains high concurrency: 64 requests in flight at once, and never more than the limiter allows", async () => {
    // The first 64 requests are held until all 64 are in flight at the same time (a barrier): this proves the
    // server and client really run 64 concurrent requests, independent of machine speed.
    let arrived = 0;
    let open!: () => void;
    const barrier = new Promise<void>((r) => (open = r));
    const mock = await startMockLlm({
      latencyMs: 10,
      recordBodies: false,
      reply: async () => {
        if (++arrived <= 64) {
          if (arrived === 64) open();
          await barrier;
        }
        return "[[A]]";
      },
    });
    try {
      const c = new LlmClient({ baseURL: mock.url, model: "m", timeoutMs: 30_000 }, { limiter: new EndpointLimiter({ concurrency: 64 }) });
      const n = 320;
      const rs = await Promise.all(Array.from({ length: n }, (_, i) => c.chat([{ role: "user", content: `q${i}` }])));
      expect(rs.every((r) => r.text === "[[A]]" && r.attempts === 1)).toBe(true);
      expect(mock.count()).toBe(n);
      expect(mock.inFlight().max).toBe(64);
    } finally {
      await mock.close();
    }
  });
});
