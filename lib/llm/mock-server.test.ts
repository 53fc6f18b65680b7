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

  it("sustains high concurrency with a fixed latency", async () => {
    const mock = await startMockLlm({ latencyMs: 50, recordBodies: false, reply: () => "[[A]]" });
    try {
      const c = new LlmClient({ baseURL: mock.url, model: "m" }, { limiter: new EndpointLimiter({ concurrency: 64 }) });
      const t0 = performance.now();
      const n = 640;
      const rs = await Promise.all(Array.from({ length: n }, (_, i) => c.chat([{ role: "user", content: `q${i}` }])));
      const elapsed = performance.now() - t0;
      expect(rs.every((r) => r.text === "[[A]]")).toBe(true);
      expect(mock.count()).toBe(n);
      expect(mock.inFlight().max).toBeLessThanOrEqual(64);
      expect(mock.inFlight().max).toBeGreaterThan(32);
      // 10 waves of 50 ms; generous bound for slow CI machines, far below sequential (32 s).
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await mock.close();
    }
  });
});
