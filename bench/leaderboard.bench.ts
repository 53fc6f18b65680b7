/**
 * Leaderboard at 1M stored votes (Postgres `concord_bench`, recreated): bulk insert through the rollup triggers,
 * load the counts + BT fit with 1000 bootstrap rounds at 100 systems, EXPLAIN of the count queries, the event loop's
 * worst delay and the latency of concurrent watermark reads while a cold fit runs (on the compute worker vs inline),
 * and `/leaderboard` TTFB cold and warm against the production build (`CONCORD_DIST_DIR`, default .next-lb; skipped
 * with BENCH_NO_HTTP=1), with warm `/leaderboard` and `/api/health` latency while another slice is computed cold.
 * BENCH_DATABASE_URL overrides the database (its name must contain "bench").
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { pctl, whileCold } from "./support";
import { applyMigrations, type SqlRunner } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db";
import { sliceSchema } from "@/lib/validation/slice";
import { leaderboardOptionsSchema } from "@/lib/validation/leaderboard";
import { computeSlice, sliceWatermark } from "@/lib/leaderboard/service";
import { loadSlice } from "@/lib/leaderboard/load";

const SYSTEMS = 100;
const BATTLES = 200_000;
const VOTES = 1_000_000;

const sec = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!name.includes("bench")) throw new Error(`refusing to use database "${name}" for the bench`);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

export default async function bench(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/concord_bench";
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string) => client.query(text);
  await q(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  const runner: SqlRunner = { query: async <R>(t: string, p?: unknown[]) => ({ rows: (await client.query(t, p)).rows as R[] }), exec: (t: string) => client.query(t) };
  await applyMigrations(runner);

  let t0 = performance.now();
  await q(`INSERT INTO "System" ("slug", "name", "organization", "updatedAt")
           SELECT 'sys-' || lpad(i::text, 3, '0'), 'System ' || i, 'Org ' || (i % 10), now() FROM generate_series(1, ${SYSTEMS}) i`);
  await q(`INSERT INTO "PromptSet" ("slug", "name") VALUES ('bench', 'Bench')`);
  await q(`INSERT INTO "Prompt" ("promptSetId", "externalId", "turns", "category")
           SELECT 1, 'p' || i, '["q"]', 'cat-' || (i % 8) FROM generate_series(1, 800) i`);
  await q(`INSERT INTO "Battle" ("key", "promptId", "systemAId", "systemBId", "promptSetId", "category")
           SELECT 'b' || g, p::int, LEAST(a, b)::int, GREATEST(a, b)::int, 1, 'cat-' || (p % 8)
           FROM (SELECT g, 1 + (g % 800) AS p, 1 + (g * 7919) % ${SYSTEMS} AS a, 1 + ((g * 7919) % ${SYSTEMS} + 1 + (g * 104729) % ${SYSTEMS - 1}) % ${SYSTEMS} AS b
                 FROM generate_series(1::bigint, ${BATTLES}) g) s`);
  await q(`INSERT INTO "Voter" ("externalId") SELECT 'bench-' || i FROM generate_series(1, 1000) i`);
  await q(`UPDATE "Voter" SET "flagged" = true WHERE "id" <= 5`);
  console.log(`setup: ${SYSTEMS} systems, ${BATTLES} battles, 1000 voters in ${sec(t0)} s`);

  // one statement: the statement-level trigger aggregates the whole insert once
  t0 = performance.now();
  await q(`INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "voterId", "createdAt")
           SELECT bt."id",
                  (CASE WHEN r < 0.1 THEN 'tie' WHEN r < 0.1 + 0.9 / (1 + power(10, (bt."systemBId" - bt."systemAId") * 4 / 400.0)) THEN 'A' ELSE 'B' END)::"Outcome",
                  'A', 'human', 1 + (g / ${BATTLES}) * 100 + (g % 100), now() - ((g % 30) || ' days')::interval
           FROM (SELECT g, 1 + (g % ${BATTLES}) AS battle, random() AS r FROM generate_series(0, ${VOTES - 1}) g) s
           JOIN "Battle" bt ON bt."id" = s.battle`);
  const insertS = (performance.now() - t0) / 1000;
  console.log(`insert ${VOTES} votes in one statement (rollup trigger included): ${insertS.toFixed(2)} s = ${Math.round(VOTES / insertS)} votes/s`);
  t0 = performance.now();
  await q(`INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "voterId")
           SELECT 1 + (g % ${BATTLES}), 'A', 'A', 'human', 600 FROM generate_series(0, 19999) g`);
  console.log(`insert 20000 votes (one statement): ${sec(t0)} s`);
  await q(`ANALYZE`);
  const rollupRows = (await q(`SELECT count(*)::int AS n FROM "VoteRollup"`)).rows[0] as { n: number };
  console.log(`rollup rows: ${rollupRows.n} (for ${VOTES + 20000} votes)`);

  for (const [label, sql] of [
    ["rollup counts (crowd, all)", `SELECT r."systemAId", r."systemBId", r."outcome", sum(r."count") FROM "VoteRollup" r WHERE r."voterKind" = 'human' AND r."count" > 0 AND r."counted" GROUP BY 1, 2, 3`],
    ["dropped voters' votes (excludeFlagged)", `SELECT b."systemAId", b."systemBId", v."outcome", count(*) FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" WHERE v."voterId" = ANY(ARRAY(SELECT vo."id" FROM "Voter" vo WHERE vo."excluded" OR vo."flagged")) AND v."voterKind" = 'human' AND b."counted" GROUP BY 1, 2, 3`],
    ["watermark", `SELECT * FROM "RankingWatermark" WHERE "key" IN ('human', 'voters', 'battles')`],
  ]) {
    const plan = await q(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`);
    console.log(`\nEXPLAIN ${label}:\n${plan.rows.map((r: Record<string, string>) => "  " + r["QUERY PLAN"]).join("\n")}`);
  }
  await client.end();

  const handle = await openDatabase({ kind: "postgres", url });
  try {
    const crowd = sliceSchema.parse({});
    const opts = leaderboardOptionsSchema.parse({ rounds: 1000 });
    for (const [label, slice] of [["crowd", crowd], ["crowd, exclude flagged", sliceSchema.parse({ excludeFlagged: true })], ["crowd, last 7 days (direct)", sliceSchema.parse({ from: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) })]] as const) {
      t0 = performance.now();
      const loaded = await loadSlice(handle.db, slice);
      const loadS = sec(t0);
      t0 = performance.now();
      const r = await computeSlice(handle.db, slice, opts);
      console.log(`\n${label}: load counts ${loadS} s; load + BT fit + 1000 bootstrap rounds at ${r.meta.systems} systems: ${sec(t0)} s (${loaded.counts.battles} votes, ${loaded.counts.cells.length} cells, path ${r.meta.path})`);
    }
    t0 = performance.now();
    await computeSlice(handle.db, sliceSchema.parse({ category: "cat-3" }), leaderboardOptionsSchema.parse({ rounds: 10 }), { offload: true });
    console.log(`\ncompute worker start-up (first offloaded fit, cat-3, 10 rounds): ${sec(t0)} s`);
    for (const offload of [true, false]) {
      const r = await whileCold(
        () => computeSlice(handle.db, crowd, opts, { offload }),
        () => sliceWatermark(handle.db, crowd),
      );
      const line = `cold ${(r.coldMs / 1000).toFixed(2)} s; meanwhile ${r.warm.length} warm calls p50 ${pctl(r.warm, 0.5).toFixed(1)} ms, max ${Math.max(...r.warm).toFixed(0)} ms; event-loop delay max ${r.loopMaxMs.toFixed(0)} ms`;
      console.log(`crowd load + fit ${offload ? "on the compute worker" : "inline (event loop)"}: ${line}`);
    }
  } finally {
    await handle.close();
  }

  if (process.env.BENCH_NO_HTTP === "1") return;
  const port = process.env.BENCH_PORT ?? "3214";
  // `next start` on an existing build (scripts/start.ts would rebuild whenever any source is newer than the build).
  const distDir = process.env.CONCORD_DIST_DIR ?? ".next-lb";
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log(`\nHTTP skipped: no production build in ${distDir} (CONCORD_DIST_DIR=${distDir} npx next build)`);
    return;
  }
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url, CONCORD_DIST_DIR: distDir, AUTH_SECRET: "bench-secret-000000000000000000000000", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stderr.on("data", (d: Buffer) => process.env.CONCORD_DEBUG && process.stderr.write(d));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 300_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    t0 = performance.now();
    await (await fetch(`${base}/leaderboard`)).text();
    console.log(`\n/leaderboard cold (first request, computes the slice): ${sec(t0)} s`);
    const ttfb: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      const res = await fetch(`${base}/leaderboard`);
      ttfb.push(performance.now() - s);
      await res.text();
    }
    ttfb.sort((a, b) => a - b);
    console.log(`/leaderboard warm TTFB over 30 requests: p50 ${ttfb[15].toFixed(0)} ms, p90 ${ttfb[27].toFixed(0)} ms, max ${ttfb[29].toFixed(0)} ms`);
    const ttfbOf = async (p: string) => {
      const s = performance.now();
      const res = await fetch(`${base}${p}`);
      const t = performance.now() - s;
      await res.text();
      return t;
    };
    // One warm request at a time (the server is another process: its blocked event loop shows as slow requests).
    for (const [cold, warm] of [
      ["/leaderboard?category=cat-1", "/leaderboard"],
      ["/leaderboard?category=cat-2", "/api/leaderboard/watermark"],
    ] as const) {
      const t1 = performance.now();
      let done = false;
      const c = ttfbOf(cold).finally(() => (done = true));
      const lat: number[] = [];
      while (!done) {
        lat.push(await ttfbOf(warm));
        await new Promise((r) => setTimeout(r, 20));
      }
      await c;
      if (!lat.length) lat.push(NaN);
      console.log(`cold GET ${cold} ${sec(t1)} s (statistics on the compute worker); meanwhile ${lat.length} × GET ${warm}: p50 ${pctl(lat, 0.5).toFixed(1)} ms, max ${Math.max(...lat).toFixed(0)} ms`);
    }
    const api: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await (await fetch(`${base}/api/leaderboard/watermark`)).text();
      api.push(performance.now() - s);
    }
    api.sort((a, b) => a - b);
    console.log(`GET /api/leaderboard/watermark p50 ${api[15].toFixed(1)} ms`);
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}
