/**
 * Error classification and the retry policy for LLM calls.
 *
 * Retryable: 429 (rate limit), 408, 5xx, timeouts, connection errors (refused, reset, aborted mid-body), and
 * malformed 200 responses. Not retryable: other 4xx (400 bad request, 401/403 auth, 404 unknown model or path,
 * 422) and configuration errors. Back-off is exponential with full jitter (Brooker, "Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015): sleep = U(0, min(maxDelay, base · 2^(attempt − 1))). A 429 carrying
 * `Retry-After` (seconds or HTTP date) or `retry-after-ms` waits at least that long (capped by `maxRetryAfterMs`).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

export type LlmErrorKind =
  | "rate-limit"
  | "server"
  | "timeout"
  | "connection"
  | "bad-response"
  | "bad-request"
  | "auth"
  | "not-found"
  | "aborted"
  | "config";

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set(["rate-limit", "server", "timeout", "connection", "bad-response"]);

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status: number | undefined;
  /** Attempts made before giving up (0 for configuration errors). */
  attempts: number;
  /** Server-requested wait, in ms, when it sent Retry-After. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: LlmErrorKind, message: string, opts: { status?: number; attempts?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "LlmError";
    this.kind = kind;
    this.status = opts.status;
    this.attempts = opts.attempts ?? 0;
    this.retryAfterMs = opts.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

/**
 * Parses `retry-after-ms` (milliseconds) or `Retry-After` (delta-seconds or HTTP date, RFC 9110 §10.2.3) into
 * milliseconds; undefined when absent or invalid.
 */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get("retry-after");
  if (ra === null || ra.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an error thrown by the `openai` SDK (or our own timeout) to an `LlmError`. */
export function classifyError(err: unknown, ctx: { timedOut: boolean; timeoutMs: number; attempts: number }): LlmError {
  if (err instanceof LlmError) {
    err.attempts = ctx.attempts;
    return err;
  }
  const base = { attempts: ctx.attempts, cause: err };
  if (err instanceof APIConnectionTimeoutError || (ctx.timedOut && err instanceof APIUserAbortError)) {
    return new LlmError("timeout", `LLM request timed out after ${ctx.timeoutMs} ms`, base);
  }
  if (ctx.timedOut) return new LlmError("timeout", `LLM request timed out after ${ctx.timeoutMs} ms`, base);
  if (err instanceof APIUserAbortError) return new LlmError("aborted", "LLM request aborted by the caller", base);
  if (err instanceof APIConnectionError) return new LlmError("connection", `Connection error: ${err.message}`, base);
  if (err instanceof APIError && typeof err.status === "number") {
    const status = err.status;
    const detail = `HTTP ${status}: ${err.message}`;
    if (status === 429) return new LlmError("rate-limit", detail, { ...base, status, retryAfterMs: parseRetryAfter(err.headers) });
    if (status >= 500) return new LlmError("server", detail, { ...base, status });
    if (status === 408) return new LlmError("timeout", detail, { ...base, status });
    if (status === 401 || status === 403) return new LlmError("auth", `${detail} (check the API key environment variable)`, { ...base, status });
    if (status === 404) return new LlmError("not-found", `${detail} (check baseURL and model name)`, { ...base, status });
    return new LlmError("bad-request", detail, { ...base, status });
  }
  if (err instanceof SyntaxError) return new LlmError("bad-response", `Malformed response body: ${err.message}`, base);
  // Body-stream failures (socket reset while reading) surface as TypeError("terminated") from undici.
  if (err instanceof TypeError) return new LlmError("connection", `Connection error: ${err.message}`, base);
  const message = err instanceof Error ? err.message : String(err);
  return new LlmError("bad-response", `Unexpected error: ${message}`, base);
}

/**
 * Delay before the next attempt after `attempt` (1-based) failed with `err`: full jitter
 * U(0, min(maxDelay, base·2^(attempt−1))), raised to the server's Retry-After (≤ maxRetryAfterMs) when given.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, err: LlmError, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = random() * cap;
  if (err.retryAfterMs !== undefined) return Math.max(jitter, Math.min(err.retryAfterMs, policy.maxRetryAfterMs));
  return jitter;
}
