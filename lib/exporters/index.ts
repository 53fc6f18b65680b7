/**
 * Exports votes or battles as JSONL, CSV (the generic import layout, so exports re-import losslessly) or FastChat
 * clean-battle JSONL. Streams: pages of 2,000 rows, one line at a time.
 * Public release (`publicRelease`): voter ids become salted hashes (`anon-<16 hex>`), and the prompt and response
 * texts of live battles are left out unless `includePrivate`.
 * FastChat format: model_a is the system shown on the left; `judge` is the voter (or judge slug); voter kind, run
 * and strength are not part of that format.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CSV_FIELDS } from "@/lib/importers/formats/generic";
import { battlesPage, exportSalt, votesPage, type ExportFilter, type ExportVote } from "./queries";

export type ExportKind = "votes" | "battles";
export type ExportFormatName = "jsonl" | "csv" | "fastchat";

export interface ExportOptions extends ExportFilter {
  format: ExportFormatName;
  publicRelease?: boolean;
  includePrivate?: boolean;
  salt?: string;
}

const PAGE = 2000;

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const textOf = (turns: unknown): string => (Array.isArray(turns) ? turns.filter((t) => typeof t === "string").join("\n\n") : "");
const lower = (o: string) => (o === "A" ? "a" : o === "B" ? "b" : o);

function anonymizer(salt: string | null): (id: string) => string {
  if (salt === null) return (id) => id;
  return (id) => `anon-${createHash("sha256").update(`${salt}:${id}`).digest("hex").slice(0, 16)}`;
}

function voteRecord(v: ExportVote, anon: (id: string) => string, hideText: boolean) {
  const b = v.battle;
  const hidden = hideText && b.mode === "live";
  const voter = v.voterKind === "judge" ? (v.judge?.slug ?? "judge") : anon(v.voter?.externalId ?? `voter-${v.voterId ?? 0}`);
  return {
    prompt_id: b.prompt.externalId,
    prompt: hidden ? "" : textOf(b.prompt.turns),
    system_a: b.systemA.slug,
    response_a: hidden ? "" : textOf(b.responseA?.turns),
    system_b: b.systemB.slug,
    response_b: hidden ? "" : textOf(b.responseB?.turns),
    winner: lower(v.outcome),
    voter_kind: v.voterKind,
    voter,
    shown_left: lower(v.shownLeft),
    created_at: v.createdAt.toISOString(),
    category: b.category,
    language: b.language,
    turn: b.turn,
    strength: v.strength,
    judge_run: v.voterKind === "judge" ? v.judgeRun?.label || `run-${v.judgeRun?.id ?? 0}` : "",
    counted: b.counted,
    battle_key: b.key,
  };
}

function fastchatRecord(v: ExportVote, anon: (id: string) => string, hideText: boolean) {
  const r = voteRecord(v, anon, hideText);
  const leftIsA = v.shownLeft === "A";
  const [ma, mb] = leftIsA ? [r.system_a, r.system_b] : [r.system_b, r.system_a];
  const [ra, rb] = leftIsA ? [r.response_a, r.response_b] : [r.response_b, r.response_a];
  const winner = v.outcome === "tie" ? "tie" : v.outcome === "bothbad" ? "tie (bothbad)" : (v.outcome === "A") === leftIsA ? "model_a" : "model_b";
  const conv = (answer: string) => (r.prompt || answer ? [{ role: "user", content: r.prompt }, { role: "assistant", content: answer }] : undefined);
  return {
    question_id: r.prompt_id,
    model_a: ma,
    model_b: mb,
    winner,
    judge: r.voter,
    turn: r.turn,
    anony: r.counted,
    language: r.language,
    tstamp: v.createdAt.getTime() / 1000,
    ...(conv(ra) ? { conversation_a: conv(ra), conversation_b: conv(rb) } : {}),
  };
}

/** The export as lines (each ending in \n). */
export async function* exportLines(db: PrismaClient, kind: ExportKind, opts: ExportOptions): AsyncGenerator<string> {
  const salt = opts.publicRelease ? (opts.salt ?? (await exportSalt(db))) : null;
  const anon = anonymizer(salt);
  const hideText = Boolean(opts.publicRelease) && !opts.includePrivate;
  if (kind === "battles") {
    if (opts.format === "fastchat") throw new Error("the fastchat format holds votes; export battles as jsonl or csv");
    const fields = ["battle_key", "prompt_id", "prompt", "system_a", "response_a", "system_b", "response_b", "turn", "category", "language", "counted", "mode", "created_at", "votes"];
    if (opts.format === "csv") yield fields.join(",") + "\n";
    for (let after = 0; ; ) {
      const page = await battlesPage(db, opts, after, PAGE);
      if (page.length === 0) break;
      for (const b of page) {
        const hidden = hideText && b.mode === "live";
        const rec = {
          battle_key: b.key, prompt_id: b.prompt.externalId, prompt: hidden ? "" : textOf(b.prompt.turns), system_a: b.systemA.slug,
          response_a: hidden ? "" : textOf(b.responseA?.turns), system_b: b.systemB.slug, response_b: hidden ? "" : textOf(b.responseB?.turns),
          turn: b.turn, category: b.category, language: b.language, counted: b.counted, mode: b.mode, created_at: b.createdAt.toISOString(),
          votes: b._count.votes,
        };
        yield opts.format === "csv" ? fields.map((f) => csvCell(rec[f as keyof typeof rec])).join(",") + "\n" : JSON.stringify(rec) + "\n";
      }
      after = page[page.length - 1].id;
    }
    return;
  }
  if (opts.format === "csv") yield CSV_FIELDS.join(",") + "\n";
  for (let after = 0; ; ) {
    const page = await votesPage(db, opts, after, PAGE);
    if (page.length === 0) break;
    for (const v of page) {
      if (opts.format === "fastchat") yield JSON.stringify(fastchatRecord(v, anon, hideText)) + "\n";
      else {
        const rec = voteRecord(v, anon, hideText);
        yield opts.format === "csv" ? CSV_FIELDS.map((f) => csvCell(rec[f])).join(",") + "\n" : JSON.stringify(rec) + "\n";
      }
    }
    after = page[page.length - 1].id;
  }
}

/** The same lines as a web stream, for route handlers. */
export function exportStream(db: PrismaClient, kind: ExportKind, opts: ExportOptions): ReadableStream<Uint8Array> {
  const it = exportLines(db, kind, opts);
  const enc = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const next = await it.next();
        if (next.done) {
          if (chunk) controller.enqueue(enc.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(enc.encode(chunk));
    },
    async cancel() {
      await it.return(undefined);
    },
  });
}

/** The export as a byte stream, on the process-wide database (what the export API serves). */
export async function openExportStream(kind: ExportKind, opts: ExportOptions): Promise<ReadableStream<Uint8Array>> {
  const { getDb } = await import("@/lib/db");
  return exportStream(await getDb(), kind, opts);
}
