/**
 * `npm run bench -- judges`: the judge dashboard at 1M stored votes (600k human, 400k judge).
 *
 * Database: BENCH_JUDGES_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/concord_jd_bench — its own database
 * (the arena bench drops and re-creates concord_bench, so a schema inside it would not survive). Created and filled
 * with generate_series inserts when it does not hold the expected votes (BENCH_JUDGES_RESET=1 forces a refill).
 * 20 systems, 5,000 prompts, 50,000 battles, 20,000 voters, 12 human votes per battle, 4 judges × 2 shown orders.
 *
 * Prints: fill time; the service's cold computation (queries + statistics, 1,000 bootstrap rounds per ranking) and
 * warm calls (watermark query + cache hit); the per-judge detail cold/warm (BENCH_JUDGES_DETAIL=0 skips it); the
 * latency of warm calls made while a cold slice is computed, with the statistics on the compute worker and inline
 * (CONCORD_COMPUTE=inline); and, when a production build exists in CONCORD_DIST_DIR (default .next-jd: build it with
 * `CONCORD_DIST_DIR=.next-jd npx next build`), HTTP TTFB from `next start` of /judges, /judges/bench-judge-4 and
 * /leaderboard cold and warm, and of warm requests (/leaderboard, /api/health) while a cold slice is computed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { pctl, whileCold } from "./support";

const root = path.resolve(__dirname, "..");
const dbUrl = process.env.BENCH_JUDGES_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/concord_jd_bench";
const port = Number(process.env.BENCH_PORT ?? 3316);
const distDir = process.env.CONCORD_DIST_DIR ?? ".next-jd";
const BATTLES = 50_000;
const HUMAN_PER_BATTLE = 12;
const JUDGES = 4;
const EXPECTED = BATTLES * HUMAN_PER_BATTLE + BATTLES * JUDGES * 2;

const ms = (t0: number) => Date.now() - t0;

async function ensureDatabase(): Promise<void> {
  const u = new URL(dbUrl);
  const name = u.pathname.slice(1);
  if (!name.includes("bench")) throw new Error(`refusing to use "${name}": the bench database's name must contain "bench"`);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount;
  if (exists && process.env.BENCH_JUDGES_RESET === "1") await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  if (!exists || process.env.BENCH_JUDGES_RESET === "1") await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function fill(): Promise<void> {
  const { withPgRunner } = await import("@/lib/db/runner");
  const { applyMigrations } = await import("@/lib/db/migrate");
  await withPgRunner(dbUrl, (r) => applyMigrations(r));
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const have = Number((await c.query(`SELECT count(*) AS n FROM "Vote"`)).rows[0].n);
  // Version 2 of the generator (per-row randomness for judges); older fills are redone.
  const v2 = Number((await c.query(`SELECT count(DISTINCT "outcome") AS n FROM "Vote" WHERE "judgeId" = 1 AND "battleId" <= 200`)).rows[0].n) > 1;
  if (have === EXPECTED && v2) {
    process.stdout.write(`bench database already holds ${have.toLocaleString("en")} votes\n`);
    await c.end();
    return;
  }
  const t0 = Date.now();
  await c.query(`TRUNCATE "Vote", "JudgeTask", "JudgeRun", "Judge", "Battle", "Response", "Prompt", "PromptSet", "Voter", "System" RESTART IDENTITY CASCADE`);
  await c.query(`SELECT setseed(0.42)`);
  await c.query(`INSERT INTO "System" ("id", "slug", "name", "family", "updatedAt")
    SELECT i, 'sys-' || lpad(i::text, 2, '0'), 'System ' || i, 'fam' || (i % 5), now() FROM generate_series(1, 20) i`);
  await c.query(`INSERT INTO "PromptSet" ("id", "slug", "name") VALUES (1, 'bench', 'Bench')`);
  await c.query(`INSERT INTO "Prompt" ("id", "promptSetId", "externalId", "turns", "category")
    SELECT i, 1, 'p' || i, '["question"]'::jsonb, (ARRAY['coding','math','writing','reasoning','roleplay'])[1 + i % 5] FROM generate_series(1, 5000) i`);
  await c.query(`INSERT INTO "Response" ("id", "promptId", "systemId", "turns", "tokenCount")
    SELECT (p - 1) * 20 + s, p, s, '["answer"]'::jsonb, 50 + s * 10 + (random() * 200)::int FROM generate_series(1, 5000) p, generate_series(1, 20) s`);
  await c.query(`INSERT INTO "Battle" ("id", "key", "promptId", "systemAId", "systemBId", "responseAId", "responseBId", "promptSetId", "category")
    SELECT n, 'bench:' || n, p, a, b, (p - 1) * 20 + a, (p - 1) * 20 + b, 1, (ARRAY['coding','math','writing','reasoning','roleplay'])[1 + p % 5]
    FROM (SELECT n, 1 + n % 5000 AS p, 1 + n % 19 AS a, 1 + n % 19 + 1 + (n / 19) % (20 - (1 + n % 19)) AS b FROM generate_series(1, ${BATTLES}) n) x`);
  await c.query(`INSERT INTO "Voter" ("id", "externalId") SELECT i, 'bench:' || i FROM generate_series(1, 20000) i`);
  // P(A wins) from strengths 0.08·id (higher id stronger); 10% ties/both-bad.
  await c.query(`INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "voterId")
    SELECT b."id",
      (CASE WHEN x.u < 0.9 / (1 + exp((b."systemBId" - b."systemAId") * 0.08)) THEN 'A' WHEN x.u < 0.9 THEN 'B' WHEN x.u < 0.97 THEN 'tie' ELSE 'bothbad' END)::"Outcome",
      (CASE WHEN random() < 0.5 THEN 'A' ELSE 'B' END)::"Side", 'human', x.voter
    FROM (SELECT 1 + k % ${BATTLES} AS bt, 1 + ((k % ${BATTLES}) * 13 + (k / ${BATTLES}) * 1009) % 20000 AS voter, random() AS u
          FROM generate_series(0, ${BATTLES * HUMAN_PER_BATTLE - 1}) k) x JOIN "Battle" b ON b."id" = x.bt`);
  await c.query(`INSERT INTO "Judge" ("id", "slug", "name", "family", "updatedAt")
    SELECT j, 'bench-judge-' || j, 'Bench judge ' || j, 'fam' || j, now() FROM generate_series(1, ${JUDGES}) j`);
  await c.query(`INSERT INTO "JudgeRun" ("id", "judgeId", "status", "costUsd") SELECT j, j, 'completed', j * 1.25 FROM generate_series(1, ${JUDGES}) j`);
  // Judge j: sharper for larger j; judge 4 picks the left answer outright 30% of the time.
  await c.query(`INSERT INTO "Vote" ("battleId", "outcome", "shownLeft", "voterKind", "judgeId", "judgeRunId")
    SELECT x."id",
      (CASE WHEN x.j = 4 AND x.pos < 0.3 THEN x.side
            WHEN x.u < 0.92 / (1 + exp((x."systemBId" - x."systemAId") * 0.04 * x.j)) THEN 'A' WHEN x.u < 0.92 THEN 'B' ELSE 'tie' END)::"Outcome",
      x.side::"Side", 'judge', x.j, x.j
    FROM (SELECT b."id", b."systemAId", b."systemBId", j, s.side, random() AS u, random() AS pos
          FROM "Battle" b CROSS JOIN generate_series(1, ${JUDGES}) j CROSS JOIN (VALUES ('A'), ('B')) s(side)) x`);
  await c.query(`ANALYZE`);
  process.stdout.write(`filled ${EXPECTED.toLocaleString("en")} votes in ${(ms(t0) / 1000).toFixed(1)} s\n`);
  await c.end();
}

function get(pathname: string): Promise<{ status: number; ttfb: number; total: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "GET" }, (res) => {
      const ttfb = performance.now() - t0;
      res.on("data", () => undefined);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ttfb, total: performance.now() - t0 }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function startServer(extraEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...extraEnv, DATABASE_URL: dbUrl, CONCORD_DIST_DIR: distDir, AUTH_SECRET: "bench-secret-0000000000000000000000000000", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[next] ${d.toString()}`));
  for (let i = 0; i < 120; i++) {
    try {
      if ((await get("/api/health")).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("next start did not come up in 60 s");
}

async function detail(getJudgeDetail: typeof import("@/lib/judges/dashboard/service").getJudgeDetail, all: import("@/lib/validation/slice").Slice): Promise<void> {
  const t0 = Date.now();
  await getJudgeDetail("bench-judge-4", all);
  process.stdout.write(`service cold /judges/bench-judge-4 (leaderboard warm): ${ms(t0)} ms\n`);
  const warmD: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await getJudgeDetail("bench-judge-4", all);
    warmD.push(performance.now() - t);
  }
  process.stdout.write(`service warm /judges/bench-judge-4 (50 calls): p50 ${pctl(warmD, 0.5).toFixed(1)} ms, p95 ${pctl(warmD, 0.95).toFixed(1)} ms\n`);
}

export default async function main(): Promise<void> {
  await ensureDatabase();
  await fill();
  process.env.DATABASE_URL = dbUrl;
  const { getJudgeLeaderboard, getJudgeDetail, clearJudgeDashboardCache } = await import("@/lib/judges/dashboard/service");
  const { sliceSchema } = await import("@/lib/validation/slice");
  const { closeDb } = await import("@/lib/db");
  const all = sliceSchema.parse({});
  clearJudgeDashboardCache();
  const t0 = Date.now();
  const lb = await getJudgeLeaderboard(all);
  process.stdout.write(`service cold /judges: ${ms(t0)} ms (computeMs ${lb.computeMs}); ${lb.judges.length} judges, crowd ${lb.crowd.votes.toLocaleString("en")} votes on ${lb.crowd.keys.toLocaleString("en")} keys\n`);
  for (const j of lb.judges)
    process.stdout.write(`  ${j.judge}: tau ${j.kendallTau?.toFixed(3)} [${j.tauCiLow?.toFixed(2)}, ${j.tauCiHigh?.toFixed(2)}], agreement ${j.agreementNoTies?.toFixed(3)} (n ${j.nAgreementNoTies}), first-shown ${j.firstShown.share?.toFixed(3)}\n`);
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await getJudgeLeaderboard(all);
    warm.push(performance.now() - t);
  }
  process.stdout.write(`service warm /judges (200 calls): p50 ${pctl(warm, 0.5).toFixed(1)} ms, p95 ${pctl(warm, 0.95).toFixed(1)} ms\n`);
  if (process.env.BENCH_JUDGES_DETAIL === "0") process.stdout.write("detail skipped (BENCH_JUDGES_DETAIL=0)\n");
  else await detail(getJudgeDetail, all);
  for (const [mode, category] of [["worker", "coding"], ["inline", "math"]] as const) {
    if (mode === "inline") process.env.CONCORD_COMPUTE = "inline";
    else delete process.env.CONCORD_COMPUTE;
    const r = await whileCold(
      () => getJudgeLeaderboard(sliceSchema.parse({ category })),
      () => getJudgeLeaderboard(all),
    );
    process.stdout.write(
      `service cold /judges?category=${category} (statistics ${mode}): ${r.coldMs.toFixed(0)} ms; meanwhile ${r.warm.length} warm /judges calls: p50 ${pctl(r.warm, 0.5).toFixed(1)} ms, max ${Math.max(...r.warm).toFixed(0)} ms; event-loop delay max ${r.loopMaxMs.toFixed(0)} ms\n`,
    );
  }
  delete process.env.CONCORD_COMPUTE;
  await closeDb();

  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    process.stdout.write(`HTTP TTFB skipped: no production build in ${distDir} (run the e2e spec or CONCORD_DIST_DIR=${distDir} npx next build)\n`);
    return;
  }
  await httpFigures();
}

/**
 * HTTP: one warm request at a time (20 ms apart) while `cold` runs, each timed from its start. The server is
 * another process, so a blocked event loop there shows up as slow warm requests; a closed loop never queues more
 * requests than one user would (an open loop at 50/s overloads two cores with rendering alone).
 */
async function sequentialWhileCold(cold: () => Promise<unknown>, warm: () => Promise<{ ttfb: number }>): Promise<{ coldMs: number; warm: number[] }> {
  const t0 = performance.now();
  let done = false;
  const c = cold().finally(() => (done = true));
  const lat: number[] = [];
  while (!done) {
    lat.push((await warm()).ttfb);
    await new Promise((r) => setTimeout(r, 20));
  }
  await c;
  return { coldMs: performance.now() - t0, warm: lat.length ? lat : [NaN] };
}

async function ttfbSeries(pathname: string, n: number): Promise<string> {
  const ttfb: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await get(pathname);
    if (r.status !== 200) throw new Error(`GET ${pathname} returned ${r.status}`);
    ttfb.push(r.ttfb);
  }
  return `TTFB p50 ${pctl(ttfb, 0.5).toFixed(1)} ms, p95 ${pctl(ttfb, 0.95).toFixed(1)} ms`;
}

async function coldThenWarm(pathname: string, n: number): Promise<void> {
  const cold = await get(pathname);
  if (cold.status !== 200) throw new Error(`GET ${pathname} returned ${cold.status}`);
  process.stdout.write(`HTTP GET ${pathname}: cold TTFB ${cold.ttfb.toFixed(0)} ms (total ${cold.total.toFixed(0)} ms); warm (${n} sequential) ${await ttfbSeries(pathname, n)}\n`);
}

async function httpFigures(): Promise<void> {
  for (const mode of ["worker", "inline"] as const) {
    const server = await startServer(mode === "inline" ? { CONCORD_COMPUTE: "inline" } : {});
    try {
      process.stdout.write(`-- next start, statistics ${mode === "worker" ? "on the compute worker" : "inline (CONCORD_COMPUTE=inline)"}\n`);
      if (mode === "worker") {
        await coldThenWarm("/judges", 100);
        await coldThenWarm("/judges/bench-judge-4", 50);
        await coldThenWarm("/leaderboard", 50);
        process.stdout.write(`HTTP warm GET /api/judges (50): ${await ttfbSeries("/api/judges", 50)}\n`);
      } else {
        await get("/leaderboard");
        await get("/judges");
      }
      const cats = mode === "worker" ? ["writing", "reasoning"] : ["roleplay", "coding"];
      for (const [cold, warm] of [
        [`/leaderboard?category=${cats[0]}`, "/leaderboard"],
        [`/judges?category=${cats[1]}`, "/leaderboard"],
        [`/judges?category=${cats[0]}`, "/api/leaderboard/watermark"],
      ] as const) {
        const r = await sequentialWhileCold(
          () => get(cold),
          () => get(warm),
        );
        process.stdout.write(
          `HTTP cold GET ${cold} ${r.coldMs.toFixed(0)} ms; meanwhile ${r.warm.length} × GET ${warm}: TTFB p50 ${pctl(r.warm, 0.5).toFixed(1)} ms, max ${Math.max(...r.warm).toFixed(0)} ms\n`,
        );
      }
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  }
}
