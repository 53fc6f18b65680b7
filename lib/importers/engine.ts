/**
 * The import loop shared by every format, the CLI and the admin page: validate each parsed item, group items into
 * batches that end on a row boundary, write each batch in its own transaction together with the job cursor, and
 * build the summary. `--strict` validates the whole input first and writes nothing when a row is bad; `--dry-run`
 * only validates and counts. A re-run of the same input (same fingerprint) resumes after the last committed row.
 */
import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { BatchWriter, type Batch } from "./batch";
import { nameResolver } from "./names";
import * as q from "./queries";
import type { BadReason, BadRow, ImportFormat, ImportItem, ImportOptions, ImportSummary } from "./types";

const DEFAULT_BATCH = 5000;
const DEFAULT_MAX_ERRORS = 50;
/**
 * Batch writers on the pg path: one per core up to 3. The writers' backends and this process share the cores; on a
 * 2-core machine a third writer only added contention (300k rows: 1 → 4.2k, 2 → 6.4k, 3 → 5.7k votes/s).
 */
const DEFAULT_CONCURRENCY = Math.min(3, Math.max(1, availableParallelism()));

function emptySummary(format: string, set: string, dryRun: boolean, files: number): ImportSummary {
  return {
    format, set, dryRun, jobId: null, files, rowsRead: 0, imported: 0, prompts: 0, responses: 0, skipped: 0,
    skippedByReason: {}, resumedRows: 0, systemsCreated: 0, promptsCreated: 0, judgesCreated: 0, votersCreated: 0,
    battlesCreated: 0, errors: [], aborted: false, seconds: 0,
  };
}

function skip(s: ImportSummary, reason: string, n = 1): void {
  if (n <= 0) return;
  s.skipped += n;
  s.skippedByReason[reason] = (s.skippedByReason[reason] ?? 0) + n;
}

function recordBad(s: ImportSummary, bad: BadRow, maxErrors: number): void {
  skip(s, bad.reason);
  if (s.errors.length < maxErrors) s.errors.push({ file: bad.loc.file, line: bad.loc.line, reason: bad.reason, message: bad.message });
}

/** Identifies the input: format, set, each file's path relative to the given root, size and first/last 64 KiB. */
export async function fingerprint(format: string, set: string, roots: string[], files: string[]): Promise<string> {
  const h = createHash("sha256").update(`${format}\u0000${set}\u0000`);
  for (const f of files) {
    const root = roots.find((r) => f === r || f.startsWith(r + path.sep)) ?? path.dirname(f);
    const st = await stat(f);
    h.update(`${path.relative(root, f) || path.basename(f)}\u0000${st.size}\u0000`);
    const fh = await open(f, "r");
    try {
      const buf = Buffer.alloc(Math.min(65536, st.size));
      await fh.read(buf, 0, buf.length, 0);
      h.update(buf);
      await fh.read(buf, 0, buf.length, Math.max(0, st.size - buf.length));
      h.update(buf);
    } finally {
      await fh.close();
    }
  }
  return h.digest("hex");
}

type Checked = { ok: true; item: Exclude<ImportItem, BadRow>; first?: { slug: string; name: string }; second?: { slug: string; name: string } } | { ok: false; bad: BadRow };

function check(item: ImportItem, resolve: (raw: string) => { slug: string; name: string }): Checked {
  if (item.kind === "bad") return { ok: false, bad: item };
  if (item.kind !== "vote") return { ok: true, item };
  const bad = (reason: BadReason, message: string): Checked => ({ ok: false, bad: { kind: "bad", loc: item.loc, reason, message } });
  if (!item.first.trim() || !item.second.trim()) return bad("missing_model", "a system name is missing");
  const first = resolve(item.first);
  const second = resolve(item.second);
  if (!first.slug || !second.slug) return bad("missing_model", "a system name has no letters or digits");
  if (first.slug === second.slug) return bad("same_system", `"${item.first}" is compared with itself`);
  return { ok: true, item, first, second };
}

/** Runs one import. `db` is only touched when not a dry run. */
export async function runImport(db: PrismaClient, format: ImportFormat, paths: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const set = opts.set ?? format.defaultSet;
  const aliases = opts.aliases ?? {};
  const resolve = nameResolver(aliases);
  const maxErrors = opts.maxErrors ?? DEFAULT_MAX_ERRORS;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const roots = paths.map((p) => path.resolve(p));
  const files = await format.listFiles(roots);
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;

  if (opts.dryRun || opts.strict) {
    const pre = await validateOnly(format, roots, set, files.length, aliases, maxErrors, totalBytes, opts);
    pre.seconds = (Date.now() - started) / 1000;
    if (opts.dryRun) return pre;
    if (pre.skipped > 0) {
      pre.aborted = true;
      pre.imported = 0;
      return pre;
    }
  }

  const summary = emptySummary(format.name, set, false, files.length);
  const fp = await fingerprint(format.name, set, roots, files);
  const job = await openJob(db, format.name, fp, roots, opts);
  summary.jobId = job.id;
  const cursor: Record<string, number> = { ...((job.cursor as Record<string, number> | null) ?? {}) };
  delete cursor.__seq;
  const fileKey = (f: string) => {
    const root = roots.find((r) => f === r || f.startsWith(r + path.sep));
    return root ? path.relative(root, f) || path.basename(f) : f;
  };
  await q.updateJob(db, job.id, { status: "running", startedAt: job.startedAt ?? new Date(), totalBytes, error: null, cursor: { ...cursor, __seq: -1 } });

  // Vote-only batches are written by up to `concurrency` connections at once; a batch that carries prompts or
  // responses is waited for before the next one starts, so later battles always see the responses they link to.
  const concurrency = opts.connectionUrl ? Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY) : 1;
  const sessions: q.BulkSession[] = [];
  for (let i = 0; i < concurrency; i++) sessions.push(await q.openBulkSession(db, opts.connectionUrl ?? null));
  const setRow = await sessions[0].transaction((tx) => q.upsertPromptSet(tx, set, set, format.name));
  const writers = sessions.map((s) => new BatchWriter(s, setRow.id));
  const idle = [...writers];
  const inflight = new Map<number, Promise<void>>();
  const committed = new Set<number>();
  const cursorAfter = new Map<number, Record<string, number>>();
  let watermark = -1;
  let seq = 0;
  let bytesRead = 0;
  let batch: Batch = { prompts: [], responses: [], votes: [], cursor: {} };
  let size = 0;
  let lastRowKey = "";
  const progressCursor: Record<string, number> = { ...cursor };

  const writeBatch = async (writer: BatchWriter, current: Batch, n: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const counts = await writer.write(current, async (tx, c) => {
          // The highest batch whose predecessors are all committed (this one commits in this transaction).
          let safe = watermark;
          while (safe + 1 === n || committed.has(safe + 1)) safe++;
          await q.saveJobCursor(tx, job.id, {
            seq: safe,
            cursor: safe >= 0 ? cursorAfter.get(safe)! : {},
            bytesRead,
            rowsRead: summary.rowsRead,
            importedDelta: c.votes,
            skipped: summary.skipped + (c.voteRows - c.votes),
          });
        });
        committed.add(n);
        while (committed.has(watermark + 1)) {
          watermark++;
          cursorAfter.delete(watermark - 1);
        }
        summary.imported += counts.votes;
        summary.promptsCreated += counts.prompts;
        summary.responses += counts.responses;
        summary.battlesCreated += counts.battles;
        summary.votersCreated += counts.voters;
        summary.systemsCreated += counts.systems;
        summary.judgesCreated += counts.judges;
        skip(summary, "duplicate", counts.voteRows - counts.votes);
        opts.onProgress?.({ bytesRead, totalBytes, rowsRead: summary.rowsRead, imported: summary.imported, skipped: summary.skipped });
        return;
      } catch (err) {
        writer.reset();
        // Concurrent batches can still deadlock (e.g. on a new system); a batch is idempotent, so retry it.
        if (attempt < 5 && (err as { code?: string }).code === "40P01") continue;
        throw err;
      }
    }
  };

  const drain = async () => {
    while (inflight.size > 0) await Promise.all([...inflight.values()]);
  };

  const flush = async () => {
    if (size === 0 && Object.keys(batch.cursor).length === 0) return;
    const current = batch;
    batch = { prompts: [], responses: [], votes: [], cursor: {} };
    size = 0;
    Object.assign(progressCursor, current.cursor);
    const n = seq++;
    cursorAfter.set(n, { ...progressCursor });
    while (idle.length === 0) await Promise.race([...inflight.values()]);
    const writer = idle.pop()!;
    const p = writeBatch(writer, current, n).finally(() => {
      inflight.delete(n);
      idle.push(writer);
    });
    inflight.set(n, p);
    p.catch(() => undefined);
    // On the Prisma path (no own connection) batches run strictly one after the other; on the pg path the next batch
    // is parsed while this one is written (flush waits for an idle writer).
    if (current.prompts.length > 0 || current.responses.length > 0 || !opts.connectionUrl) await drain();
  };

  try {
    for await (const item of format.parse({ paths: roots, set, onBytes: (n) => (bytesRead += n) })) {
      const fk = fileKey(item.loc.file);
      const rowKey = `${fk}\u0000${item.loc.line}`;
      const newRow = rowKey !== lastRowKey;
      if (newRow && size >= batchSize) await flush();
      if (newRow) {
        lastRowKey = rowKey;
        if ((cursor[fk] ?? 0) >= item.loc.line) {
          summary.resumedRows++;
          continue;
        }
        summary.rowsRead++;
      } else if ((cursor[fk] ?? 0) >= item.loc.line) continue;
      batch.cursor[fk] = item.loc.line;
      const c = check(item, resolve);
      if (!c.ok) {
        recordBad(summary, c.bad, maxErrors);
        continue;
      }
      const it = c.item;
      if (it.kind === "prompt") {
        summary.prompts++;
        batch.prompts.push(it);
      } else if (it.kind === "response") {
        batch.responses.push({ ...it, ...resolve(it.system) });
      } else {
        batch.votes.push({ item: it, first: c.first!, second: c.second! });
      }
      size++;
    }
    await flush();
    await drain();
  } catch (err) {
    await Promise.allSettled([...inflight.values()]);
    await q.updateJob(db, job.id, { status: "failed", error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    for (const s of sessions) await s.close();
  }
  summary.seconds = (Date.now() - started) / 1000;
  await q.updateJob(db, job.id, {
    status: "completed",
    finishedAt: new Date(),
    bytesRead: totalBytes,
    rowsRead: summary.rowsRead,
    skipped: summary.skipped,
    summary: summary as unknown as Prisma.InputJsonValue,
  });
  return summary;
}

async function openJob(db: PrismaClient, format: string, fp: string, roots: string[], opts: ImportOptions): Promise<q.JobRow> {
  if (opts.jobId !== undefined) {
    const job = await q.getJob(db, opts.jobId);
    if (!job) throw new Error(`import job ${opts.jobId} not found`);
    if (job.fingerprint !== fp) await q.updateJob(db, job.id, { fingerprint: fp });
    // An admin job re-run continues from its own cursor; a fresh upload may still resume an earlier interrupted run.
    if (opts.resume !== false && Object.keys((job.cursor as object | null) ?? {}).length === 0) {
      const earlier = await q.findResumableJob(db, fp);
      if (earlier && earlier.id !== job.id) return { ...job, cursor: earlier.cursor };
    }
    return job;
  }
  if (opts.resume !== false) {
    const earlier = await q.findResumableJob(db, fp);
    if (earlier) return earlier;
  }
  return q.createJob(db, {
    format,
    status: "running",
    fingerprint: fp,
    options: { set: opts.set ?? null, strict: Boolean(opts.strict), aliases: opts.aliases ?? {} },
    paths: roots,
    createdBy: opts.createdBy ?? null,
  });
}

async function validateOnly(
  format: ImportFormat, roots: string[], set: string, files: number, aliases: Record<string, string>, maxErrors: number,
  totalBytes: number, opts: ImportOptions,
): Promise<ImportSummary> {
  const summary = emptySummary(format.name, set, Boolean(opts.dryRun), files);
  const resolve = nameResolver(aliases);
  const systems = new Set<string>();
  const prompts = new Set<string>();
  let lastRow = "";
  let bytesRead = 0;
  let n = 0;
  for await (const item of format.parse({ paths: roots, set, onBytes: (b) => (bytesRead += b) })) {
    const rowKey = `${item.loc.file}\u0000${item.loc.line}`;
    if (rowKey !== lastRow) {
      summary.rowsRead++;
      lastRow = rowKey;
    }
    const c = check(item, resolve);
    if (!c.ok) {
      recordBad(summary, c.bad, maxErrors);
      continue;
    }
    if (c.item.kind === "prompt") {
      summary.prompts++;
      prompts.add(c.item.externalId);
    } else if (c.item.kind === "response") {
      summary.responses++;
      systems.add(resolve(c.item.system).slug);
    } else {
      summary.imported++;
      systems.add(c.first!.slug);
      systems.add(c.second!.slug);
      prompts.add(c.item.promptExternalId);
    }
    if (++n % 5000 === 0) opts.onProgress?.({ bytesRead, totalBytes, rowsRead: summary.rowsRead, imported: summary.imported, skipped: summary.skipped });
  }
  // A dry run cannot know what already exists: these are the distinct systems and prompts seen.
  summary.systemsCreated = systems.size;
  summary.promptsCreated = prompts.size;
  return summary;
}
