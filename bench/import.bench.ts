/**
 * Import throughput: a synthetic FastChat JSONL file (IMPORT_BENCH_ROWS rows, default 1,000,000; 40 systems, 20k
 * voters, every row its own battle and human vote) imported into a fresh Postgres database `concord_bench`
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/concord_bench; created when missing, its public
 * schema reset). Prints votes/s, peak RSS growth, and the re-import (idempotency) time.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { withPgRunner } from "@/lib/db/runner";
import { importFiles } from "@/lib/importers";
import { createRng } from "@/lib/random";

/** The machine may be shared: every figure is printed with the 1-minute load average. */
const load = () => `(load ${loadavg()[0].toFixed(1)})`;

const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)"];

async function writeSynthetic(file: string, rows: number): Promise<void> {
  const rng = createRng(7);
  const rnd = () => rng.next();
  const out = createWriteStream(file);
  const t0 = 1_700_000_000;
  for (let i = 0; i < rows; i++) {
    const a = Math.floor(rnd() * 40);
    let b = Math.floor(rnd() * 39);
    if (b >= a) b++;
    const line = JSON.stringify({
      question_id: `q${i.toString(36)}`,
      model_a: `model-${a}`,
      model_b: `model-${b}`,
      winner: WINNERS[Math.floor(rnd() * 4)],
      judge: `arena_user_${Math.floor(rnd() * 20000)}`,
      anony: rnd() < 0.9,
      language: "English",
      tstamp: t0 + i,
    });
    if (!out.write(line + "\n")) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function resetBenchDb(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!name.includes("bench")) throw new Error(`refusing to reset "${name}": the bench database name must contain "bench"`);
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  await admin.end();
  await withPgRunner(url, async (r) => {
    await r.exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await applyMigrations(r);
  });
}

export default async function bench(): Promise<void> {
  const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/concord_bench";
  const dir = await mkdtemp(path.join(tmpdir(), "concord-import-bench-"));
  const file = path.join(dir, "battles.jsonl");
  try {
    let t = Date.now();
    await writeSynthetic(file, rows);
    const size = (await stat(file)).size;
    console.log(`synthetic file: ${rows} rows, ${(size / 1e6).toFixed(0)} MB, written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await resetBenchDb(url);
    const handle = await openDatabase({ kind: "postgres", url }, { poolSize: 4 });
    try {
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      t = Date.now();
      const concurrency = Number(process.env.IMPORT_BENCH_CONCURRENCY ?? 3);
      console.log(`start ${load()}, ${concurrency} connections`);
      const summary = await importFiles(handle.db, "fastchat-battles", [file], {
        concurrency,
        connectionUrl: url,
        onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
      });
      const secs = (Date.now() - t) / 1000;
      console.log(`import: ${summary.imported} votes, ${summary.battlesCreated} battles, ${summary.votersCreated} voters in ${secs.toFixed(1)} s → ${Math.round(summary.imported / secs)} votes/s ${load()}`);
      console.log(`memory: RSS before ${(rss0 / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - rss0) / 1e6).toFixed(0)} MB)`);
      t = Date.now();
      const again = await importFiles(handle.db, "fastchat-battles", [file], { resume: false, connectionUrl: url });
      const secs2 = (Date.now() - t) / 1000;
      console.log(`re-import (idempotency): ${again.imported} new votes, ${again.skippedByReason.duplicate ?? 0} duplicates, ${secs2.toFixed(1)} s (${Math.round(rows / secs2)} rows/s) ${load()}`);
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
