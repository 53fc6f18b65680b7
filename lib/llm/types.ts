/** Shared types for talking to OpenAI-compatible chat endpoints. */

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** Result of one successful chat completion (after any retries). */
export interface ChatResult {
  text: string;
  usage: TokenUsage;
  /** Wall time of the successful attempt, in milliseconds. */
  latencyMs: number;
  /** Wall time including failed attempts and back-off sleeps, in milliseconds. */
  totalMs: number;
  /** Number of HTTP attempts made (1 = no retry). */
  attempts: number;
  /** `stop`, `length` (truncated by max tokens), … as reported by the endpoint; null when absent. */
  finishReason: string | null;
  /** Model name reported by the endpoint (falls back to the requested model). */
  model: string;
}
