/**
 * One turn of a live battle: both systems answer the conversation at once, streaming through lib/llm. Deltas are
 * relabelled left/right (the shown order) and pushed to the voter's stream; nothing that identifies a system (id,
 * slug, name, model, endpoint, upstream error text) goes into it. Upstream errors are logged on the server and
 * described to the voter by kind only.
 *
 * When both sides have settled, the answers are stored (Response rows, origin=generated; token counts and latency
 * summed over turns) and the battle's `counted` flag is set: true only when every turn of both sides succeeded and
 * no answer names its own system (lib/arena/live/identity.ts).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { LlmClient } from "@/lib/llm/client";
import { LlmError } from "@/lib/llm/retry";
import type { ChatMessage } from "@/lib/llm/types";
import { renderMarkdown } from "@/lib/markdown/render";
import { generationParamsSchema } from "@/lib/validation/admin";
import type { LiveEvent } from "@/lib/validation/live";
import type { CanonicalSide } from "@/lib/battles/canonical";
import { findIdentityLeak, identityWords } from "./identity";
import { updateLiveBattle, upsertLiveResponse, type LiveSystemRow } from "./queries";
import type { Channel } from "./channel";

export type ShownSide = "left" | "right";

export interface SideState {
  system: LiveSystemRow;
  /** Earlier assistant turns of this side. */
  turns: string[];
  tokenCount: number;
  latencyMs: number;
}

export interface TurnContext {
  db: PrismaClient;
  battleId: number;
  promptId: number;
  /** All user turns, the new one last. */
  userTurns: string[];
  /** Canonical sides. */
  a: SideState;
  b: SideState;
  shownLeft: CanonicalSide;
  maxTurns: number;
  identityWords: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

type SideOutcome = { ok: true; text: string; completionTokens: number; latencyMs: number } | { ok: false; message: string };

export function describeFailure(err: unknown): string {
  if (!(err instanceof LlmError)) return "the answer could not be produced (internal error)";
  switch (err.kind) {
    case "timeout":
      return "the system did not answer in time";
    case "rate-limit":
      return "the system is rate-limited right now";
    case "connection":
      return "the system's endpoint could not be reached";
    case "auth":
      return "the system's endpoint refused our credentials";
    case "config":
      return "the system is not configured correctly";
    case "bad-response":
      return "the system sent a malformed answer";
    default:
      return err.status ? `the system's endpoint returned an error (HTTP ${err.status})` : "the system's endpoint returned an error";
  }
}

export function conversation(system: LiveSystemRow, userTurns: string[], assistantTurns: string[]): ChatMessage[] {
  const params = generationParamsSchema.safeParse(system.params);
  const messages: ChatMessage[] = [];
  if (params.success && params.data.system) messages.push({ role: "system", content: params.data.system });
  userTurns.forEach((u, i) => {
    messages.push({ role: "user", content: u });
    if (i < assistantTurns.length) messages.push({ role: "assistant", content: assistantTurns[i] });
  });
  return messages;
}

async function answer(ctx: TurnContext, state: SideState, side: ShownSide, out: Channel<LiveEvent>): Promise<SideOutcome> {
  const system = state.system;
  const params = generationParamsSchema.safeParse(system.params);
  const p = params.success ? params.data : {};
  try {
    const client = new LlmClient(
      {
        baseURL: system.baseUrl ?? "",
        model: system.model ?? "",
        apiKeyEnv: system.apiKeyEnv ?? undefined,
        temperature: p.temperature ?? 0.7,
        maxTokens: p.max_tokens ?? 1024,
        timeoutMs: p.timeoutMs ?? 60_000,
        maxAttempts: 2,
      },
      { env: ctx.env ?? process.env },
    );
    let text = "";
    for await (const ev of client.streamChat(conversation(system, ctx.userTurns, state.turns))) {
      if (ev.type === "delta") {
        text += ev.text;
        out.push({ type: "delta", side, delta: ev.text });
      } else {
        out.push({ type: "side-done", side, html: renderMarkdown(ev.result.text) });
        return { ok: true, text: ev.result.text, completionTokens: ev.result.usage.completionTokens, latencyMs: Math.round(ev.result.latencyMs) };
      }
    }
    throw new LlmError("bad-response", `stream ended without a result after ${text.length} characters`);
  } catch (err) {
    console.error(`[concord] live battle ${ctx.battleId}: system ${system.id} failed:`, err instanceof Error ? err.message : err);
    const message = `The ${side} answer failed: ${describeFailure(err)}.`;
    out.push({ type: "side-error", side, message });
    return { ok: false, message };
  }
}

/** Whether any turn of either side names its own system; returns a reveal-ready reason, or null. */
export function identityLeakReason(
  sides: { side: ShownSide; system: LiveSystemRow; turns: string[] }[],
  extraWords: Record<string, unknown>,
): string | null {
  for (const s of sides) {
    const words = identityWords(s.system, extraWords);
    for (const t of s.turns) {
      const word = findIdentityLeak(t, words);
      if (word) return `the ${s.side} answer named its own model ("${word}"), so the vote does not count (identity leak)`;
    }
  }
  return null;
}

/** Runs the turn, streaming into `out`, stores the result and closes `out` with a final `done` event. */
export async function runTurn(ctx: TurnContext, out: Channel<LiveEvent>): Promise<void> {
  const leftState = ctx.shownLeft === "A" ? ctx.a : ctx.b;
  const rightState = ctx.shownLeft === "A" ? ctx.b : ctx.a;
  try {
    const [left, right] = await Promise.all([answer(ctx, leftState, "left", out), answer(ctx, rightState, "right", out)]);
    const byCanonical = ctx.shownLeft === "A" ? { A: left, B: right } : { A: right, B: left };
    const ids: { responseAId?: number; responseBId?: number } = {};
    for (const side of ["A", "B"] as const) {
      const r = byCanonical[side];
      const state = side === "A" ? ctx.a : ctx.b;
      if (!r.ok) continue;
      state.turns = [...state.turns, r.text];
      const id = await upsertLiveResponse(ctx.db, {
        promptId: ctx.promptId,
        systemId: state.system.id,
        turns: state.turns,
        tokenCount: state.tokenCount + r.completionTokens,
        latencyMs: state.latencyMs + r.latencyMs,
      });
      if (side === "A") ids.responseAId = id;
      else ids.responseBId = id;
    }
    const bothOk = left.ok && right.ok;
    const leak = bothOk
      ? identityLeakReason(
          [
            { side: "left", system: leftState.system, turns: leftState.turns },
            { side: "right", system: rightState.system, turns: rightState.turns },
          ],
          ctx.identityWords,
        )
      : null;
    await updateLiveBattle(ctx.db, ctx.battleId, { ...ids, turn: ctx.userTurns.length, counted: bothOk && leak === null });
    if (bothOk) {
      out.push({ type: "done", canVote: true, canContinue: ctx.userTurns.length < ctx.maxTurns });
    } else {
      const which = !left.ok && !right.ok ? "Both answers" : !left.ok ? "The left answer" : "The right answer";
      out.push({
        type: "done",
        canVote: false,
        canContinue: false,
        message: `${which} failed, so this battle does not count and cannot be voted on. Start a new battle.`,
      });
    }
  } catch (err) {
    console.error(`[concord] live battle ${ctx.battleId}: could not store the turn:`, err);
    out.push({ type: "done", canVote: false, canContinue: false, message: "This battle could not be saved, so it does not count. Start a new battle." });
  } finally {
    out.close();
  }
}
