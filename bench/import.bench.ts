/**
 * Import throughput: a synthetic FastChat JSONL file (IMPORT_BENCH_ROWS rows, default 1,000,000; 40 systems, 20k
 * voters, every row its own battle and human vote) imported into a fresh Postgres database `concord_import_bench`
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/concord_import_bench; created when missing, its
 * public schema reset; its own name, so that other benches resetting theirs never cut its connections), or with
 * BENCH_DB=pglite into embedded PGlite in a temporary folder. Prints votes/s, peak RSS, the re-import
 * (idempotency) time, and the CPU seconds the import took in this process and in its Postgres backends (read from
 * /proc when the server is local). IMPORT_BENCH_CONCURRENCY and IMPORT_BENCH_BATCH override the engine defaults.
 * Every row has a random 32-hex-digit question_id, as real Chatbot Arena files have (IMPORT_BENCH_KEYS=sequential
 * uses `q<row in base 36>` instead, which only ever appends at the indexes' right edge: the optimistic case). With
 * the short hashed natural keys (lib/importers/keys.ts) both cost about the same (1M rows: 58–59 µs/vote in Postgres,
 * 21 in Node); with the earlier ≈ 100-byte text keys random ids cost 72 against 58.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { withPgRunner } from "@/lib/db/runner";
import { importFiles } from "@/lib/importers";
import { createRng } from "@/lib/random";

/** The machine may be shared: every figure is printed with the 1-minute load average. */
const load = () => `(load ${loadavg()[0].toFixed(1)})`;

const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)"];

async function writeSynthetic(file: string, rows: number, randomKeys: boolean): Promise<void> {
  const rng = createRng(7);
  const rnd = () => rng.next();
  const hex = (n: number) => Math.floor(rnd() * 2 ** 52).toString(16).padStart(13, "0").slice(0, n);
  const questionId = (i: number) => (randomKeys ? `${hex(13)}${hex(13)}${i.toString(16).padStart(6, "0")}` : `q${i.toString(36)}`);
  const out = createWriteStream(file);
  const t0 = 1_700_000_000;
  for (let i = 0; i < rows; i++) {
    const a = Math.floor(rnd() * 40);
    let b = Math.floor(rnd() * 39);
    if (b >= a) b++;
    const line = JSON.stringify({
      question_id: questionId(i),
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

/** CPU seconds (user + system) of the import's backends (application_name concord-import), sampled while they live. */
function backendCpu(url: string): { stop(): Promise<number | null> } {
  const client = new pg.Client({ connectionString: url });
  const seen = new Map<number, number>();
  let readable = true;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = 'concord-import'`);
      for (const { pid } of rows) {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
        if (stat === null) {
          readable = false;
          continue;
        }
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        seen.set(pid, Math.max(seen.get(pid) ?? 0, (Number(f[11]) + Number(f[12])) / 100));
      }
    } finally {
      busy = false;
    }
  };
  const ready = client.connect();
  const timer = setInterval(() => void ready.then(sample).catch((err: unknown) => console.error("backend CPU sample failed:", err)), 500);
  return {
    async stop() {
      clearInterval(timer);
      await ready;
      await client.end();
      return readable && seen.size > 0 ? [...seen.values()].reduce((a, b) => a + b, 0) : null;
    },
  };
}

export default async function bench(): Promise<void> {
  const rows = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/concord_import_bench";
  const dir = await mkdtemp(path.join(tmpdir(), "concord-import-bench-"));
  const file = path.join(dir, "battles.jsonl");
  try {
    let t = Date.now();
    const randomKeys = process.env.IMPORT_BENCH_KEYS !== "sequential";
    await writeSynthetic(file, rows, randomKeys);
    const size = (await stat(file)).size;
    console.log(`synthetic file: ${rows} rows (${randomKeys ? "random" : "sequential"} question ids), ${(size / 1e6).toFixed(0)} MB, written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const pgliteDir = process.env.BENCH_DB === "pglite" ? path.join(dir, "pglite") : null;
    let handle: DbHandle;
    let label: string;
    if (pgliteDir) {
      // Embedded PGlite in a fresh folder, served on its socket in this process (as `npm start` serves it): the
      // import then takes the same pg path as on Postgres, and PGlite's CPU is this process's.
      handle = await openDatabase({ kind: "pglite", dir: pgliteDir });
      await withPgRunner(handle.url!, (r) => applyMigrations(r));
      label = `embedded PGlite (${pgliteDir}, socket ${new URL(handle.url!).host})`;
    } else {
      await resetBenchDb(url);
      handle = await openDatabase({ kind: "postgres", url }, { poolSize: 4 });
      const server = await withPgRunner(url, async (r) => (await r.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v);
      const where = new URL(url);
      label = `PostgreSQL ${server} at ${where.host}${where.pathname}`;
    }
    const dbUrl = handle.url!;
    try {
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      t = Date.now();
      const concurrency = process.env.IMPORT_BENCH_CONCURRENCY ? Number(process.env.IMPORT_BENCH_CONCURRENCY) : undefined;
      const batchSize = process.env.IMPORT_BENCH_BATCH ? Number(process.env.IMPORT_BENCH_BATCH) : undefined;
      console.log(`database: ${label}; ${concurrency ?? "default"} connections, batch ${batchSize ?? "default"}`);
      console.log(`start ${load()}`);
      const cpu = pgliteDir ? null : backendCpu(url);
      const cpu0 = process.cpuUsage();
      const summary = await importFiles(handle.db, "fastchat-battles", [file], {
        concurrency,
        batchSize,
        connectionUrl: dbUrl,
        onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
      });
      const secs = (Date.now() - t) / 1000;
      const used = process.cpuUsage(cpu0);
      const nodeCpu = (used.user + used.system) / 1e6;
      const pgCpu = cpu ? await cpu.stop() : null;
      console.log(`import: ${summary.imported} votes, ${summary.battlesCreated} battles, ${summary.votersCreated} voters in ${secs.toFixed(1)} s → ${Math.round(summary.imported / secs)} votes/s ${load()}`);
      const perVote = (s: number) => `${((s / Math.max(1, summary.imported)) * 1e6).toFixed(0)} µs/vote`;
      const backends = pgliteDir ? "" : `, postgres backends ${pgCpu === null ? "n/a (server not local)" : `${pgCpu.toFixed(1)} s (${perVote(pgCpu)})`}`;
      console.log(`cpu: ${pgliteDir ? "this process (node + PGlite)" : "node"} ${nodeCpu.toFixed(1)} s (${perVote(nodeCpu)})${backends}`);
      console.log(`memory: RSS before ${(rss0 / 1e6).toFixed(0)} MB, peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - rss0) / 1e6).toFixed(0)} MB)`);
      t = Date.now();
      const again = await importFiles(handle.db, "fastchat-battles", [file], { resume: false, concurrency, batchSize, connectionUrl: dbUrl });
      const secs2 = (Date.now() - t) / 1000;
      console.log(`re-import (idempotency): ${again.imported} new votes, ${again.skippedByReason.duplicate ?? 0} duplicates, ${secs2.toFixed(1)} s (${Math.round(rows / secs2)} rows/s) ${load()}`);
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
