/**
 * Admin uploads: a job is created, its files are streamed to `.data/imports/<job>/` (CONCORD_IMPORT_DIR), then the
 * import runs in the background in the server process with the same engine as the CLI, writing its progress to the
 * ImportJob row that the page polls.
 */
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb, getDbHandle } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import type { CreateImportInput } from "@/lib/validation/import";
import { importFiles, type ImportFormatName } from "./index";
import * as q from "./queries";

export function uploadRoot(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CONCORD_IMPORT_DIR ?? ".data/imports");
}

export interface JobView {
  id: number;
  format: string;
  status: string;
  totalBytes: number;
  bytesRead: number;
  rowsRead: number;
  imported: number;
  skipped: number;
  summary: unknown;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const view = (j: q.JobRow): JobView => ({
  id: j.id,
  format: j.format,
  status: j.status,
  totalBytes: j.totalBytes,
  bytesRead: j.bytesRead,
  rowsRead: j.rowsRead,
  imported: j.imported,
  skipped: j.skipped,
  summary: j.summary,
  error: j.error,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

export async function createUploadJob(input: CreateImportInput, userId: string | null): Promise<JobView> {
  const db = await getDb();
  const job = await q.createJob(db, {
    format: input.format,
    status: "uploading",
    fingerprint: `upload:${Date.now()}:${Math.random()}`,
    options: input as unknown as Prisma.InputJsonValue,
    paths: [],
    createdBy: userId,
  });
  const dir = path.join(uploadRoot(), String(job.id));
  await mkdir(dir, { recursive: true });
  await q.updateJob(db, job.id, { paths: [dir] });
  return view(job);
}

async function uploadingJob(id: number): Promise<q.JobRow> {
  const job = await q.getJob(await getDb(), id);
  if (!job) throw notFound("import job");
  if (job.status !== "uploading") throw conflict(`import job ${id} is ${job.status}, not accepting files`);
  return job;
}

/** Streams one uploaded file to the job's folder; `rel` is validated (no absolute paths, no ..). */
export async function saveUpload(id: number, rel: string, body: ReadableStream<Uint8Array> | null): Promise<{ path: string }> {
  await uploadingJob(id);
  const dir = path.join(uploadRoot(), String(id));
  const target = path.resolve(dir, rel);
  if (!target.startsWith(dir + path.sep)) throw conflict("the file path leaves the upload folder");
  await mkdir(path.dirname(target), { recursive: true });
  const source = body ? Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>) : Readable.from([]);
  await pipeline(source, createWriteStream(target));
  return { path: rel };
}

/** Starts the import in the background and returns at once. */
export async function startJob(id: number): Promise<JobView> {
  const job = await uploadingJob(id);
  const db = await getDb();
  await q.updateJob(db, id, { status: "queued" });
  const opts = job.options as unknown as CreateImportInput;
  const dir = path.join(uploadRoot(), String(id));
  void runInBackground(id, opts, dir);
  return view({ ...job, status: "queued" });
}

async function runInBackground(id: number, opts: CreateImportInput, dir: string): Promise<void> {
  const handle = await getDbHandle();
  const db = handle.db;
  try {
    const summary = await importFiles(db, opts.format as ImportFormatName, [dir], {
      jobId: id,
      set: opts.set,
      strict: opts.strict,
      dryRun: opts.dryRun,
      aliases: opts.aliases,
      connectionUrl: handle.url,
    });
    if (opts.dryRun || summary.aborted) {
      await q.updateJob(db, id, { status: "completed", finishedAt: new Date(), rowsRead: summary.rowsRead, skipped: summary.skipped, summary: summary as unknown as Prisma.InputJsonValue });
    }
    await rm(dir, { recursive: true, force: true });
  } catch (err) {
    console.error(`[concord] import job ${id} failed:`, err);
    await q.updateJob(db, id, { status: "failed", error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
  }
}

export async function jobStatus(id: number): Promise<JobView> {
  const job = await q.getJob(await getDb(), id);
  if (!job) throw notFound("import job");
  return view(job);
}

export async function recentJobs(take = 20): Promise<JobView[]> {
  return (await q.listJobs(await getDb(), take)).map(view);
}
