/**
 * "Test connection" for a system: one tiny chat call through lib/llm (single attempt, 8 tokens) with the key read
 * from the environment variable the system names. Reports latency, the model the endpoint says it ran and the
 * first words of its answer, or a readable error (a missing env var, a refused connection, 401, unknown model …).
 */
import { LlmClient } from "@/lib/llm/client";
import { LlmError } from "@/lib/llm/retry";
import { notFound, unprocessable } from "@/lib/errors";
import { generationParamsSchema } from "@/lib/validation/admin";
import { findSystemById } from "./queries-systems";

export type ConnectionReport =
  | { ok: true; latencyMs: number; model: string; sample: string }
  | { ok: false; error: string; kind: string; status: number | null };

const SAMPLE_CHARS = 80;

export async function testSystemConnection(id: number, env: NodeJS.ProcessEnv = process.env): Promise<ConnectionReport> {
  const system = await findSystemById(id);
  if (!system) throw notFound(`system ${id}`);
  if (!system.baseUrl || !system.model) throw unprocessable(`system ${system.slug} has no endpoint (base URL and model)`);
  const params = generationParamsSchema.safeParse(system.params);
  let client: LlmClient;
  try {
    client = new LlmClient(
      {
        baseURL: system.baseUrl,
        model: system.model,
        apiKeyEnv: system.apiKeyEnv ?? undefined,
        timeoutMs: Math.min(params.success ? (params.data.timeoutMs ?? 15_000) : 15_000, 30_000),
        maxAttempts: 1,
      },
      { env },
    );
  } catch (err) {
    if (err instanceof LlmError) return { ok: false, error: err.message, kind: err.kind, status: null };
    throw err;
  }
  const r = await client.testConnection();
  if (!r.ok) return { ok: false, error: r.error.message, kind: r.error.kind, status: r.error.status ?? null };
  const sample = r.text.trim().replace(/\s+/g, " ");
  return {
    ok: true,
    latencyMs: Math.round(r.latencyMs),
    model: r.model,
    sample: sample.length > SAMPLE_CHARS ? `${sample.slice(0, SAMPLE_CHARS)}…` : sample,
  };
}
