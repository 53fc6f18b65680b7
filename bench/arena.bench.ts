/**
 * `npm run bench -- arena`: GET /api/battles/next + POST /api/battles/{ticket}/vote under concurrent load, against
 * the production build (`next build` + `next start` through scripts/start.ts) on real Postgres.
 *
 * Database: BENCH_ARENA_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/concord_arena_bench (dropped and re-created,
 * so it must be a throwaway: its name must contain "bench"). Knobs: BENCH_CONCURRENCY (64), BENCH_SECONDS (20),
 * BENCH_PORT (3301), CONCORD_DIST_DIR (.next-arena; built when stale).
 * The load generator is a bounded loop of keep-alive node:http clients, one anonymous voter (cookie) each, in this
 * process, on the same machine as the server and Postgres. After the run it counts the votes in the database:
 * every 200 answer must be exactly one row, nothing duplicated.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import pg from "pg";

const root = path.resolve(__dirname, "..");
const dbUrl = process.env.BENCH_ARENA_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/concord_arena_bench";
const port = Number(process.env.BENCH_PORT ?? 3301);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });

function request(method: string, pathname: string, cookie: string | null, body?: string): Promise<{ status: number; body: string; setCookie: string | null }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const req = http.request({ host: "127.0.0.1", port, method, path: pathname, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const sc = res.headers["set-cookie"];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), setCookie: sc ? sc[0].split(";")[0] : null });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

async function resetDatabase(): Promise<void> {
  const u = new URL(dbUrl);
  const name = u.pathname.slice(1);
  if (!name.includes("bench")) throw new Error(`refusing to drop "${name}": the bench database's name must contain "bench"`);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: "127.0.0.1", CONCORD_DIST_DIR: process.env.CONCORD_DIST_DIR ?? ".next-arena", AUTH_SECRET: "bench-secret-0000000000000000000000000000" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await request("GET", "/api/health", null)).status === 200) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not start:\n${log}`);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${quantile(s, 0.5).toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms`;
};

async function load(durationMs: number, record: boolean) {
  const nextLat: number[] = [];
  const voteLat: number[] = [];
  const statuses = new Map<string, number>();
  let okVotes = 0;
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  const end = Date.now() + durationMs;
  const outcomes = ["left", "right", "tie", "bothbad"];
  async function user(u: number) {
    let cookie: string | null = null;
    let votes = 0;
    while (Date.now() < end) {
      if (votes >= 300) {
        cookie = null; // a fresh anonymous voter
        votes = 0;
      }
      let t0 = performance.now();
      const next = await request("GET", "/api/battles/next", cookie);
      const t1 = performance.now();
      if (record) nextLat.push(t1 - t0);
      count(`next ${next.status}`);
      if (next.setCookie) cookie = next.setCookie;
      if (next.status !== 200) continue;
      const { ticket } = JSON.parse(next.body) as { ticket: string };
      t0 = performance.now();
      const vote = await request("POST", `/api/battles/${ticket}/vote`, cookie, JSON.stringify({ outcome: outcomes[(u + votes) % 4], timeToVoteMs: 1000 }));
      if (record) voteLat.push(performance.now() - t0);
      count(`vote ${vote.status}`);
      if (vote.status === 200) {
        okVotes++;
        votes++;
      }
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, u) => user(u)));
  const elapsed = (performance.now() - started) / 1000;
  return { nextLat, voteLat, statuses, okVotes, elapsed };
}

export default async function arenaBench(): Promise<void> {
  process.stdout.write(`database ${dbUrl.replace(/\/\/[^@]*@/, "//…@")}, ${concurrency} concurrent voters, ${seconds} s, port ${port}\n`);
  await resetDatabase();
  const server = await startServer();
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const limits = { votesPerMinute: 1e9, votesPerDay: 1e9, ipVotesPerMinute: 1e9, ipVotesPerDay: 1e9, battlesPerMinute: 1e9, ipBattlesPerMinute: 1e9 };
    await db.query(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('arena.rateLimits', $1, now()) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"`, [JSON.stringify(limits)]);
    const base = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Vote"`)).rows[0].n);
    await new Promise((r) => setTimeout(r, 5_500)); // the server's settings cache (5 s)
    await load(3_000, false); // warm-up (JIT, pools, battle rows); its votes are counted below too
    const warm = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Vote"`)).rows[0].n);
    const r = await load(seconds * 1000, true);
    const after = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "Vote"`)).rows[0].n);
    const dupes = Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM "Vote" WHERE "voterId" IS NOT NULL GROUP BY "battleId", "voterId" HAVING count(*) > 1) d`)).rows[0].n,
    );
    const ticketsUsed = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "BattleTicket" WHERE "usedAt" IS NOT NULL`)).rows[0].n);
    process.stdout.write(`votes: ${r.okVotes} accepted in ${r.elapsed.toFixed(1)} s = ${(r.okVotes / r.elapsed).toFixed(0)} votes/s (each = GET next + POST vote, ${((2 * r.okVotes) / r.elapsed).toFixed(0)} requests/s)\n`);
    process.stdout.write(`GET next:  ${fmt(r.nextLat)}\nPOST vote: ${fmt(r.voteLat)}\n`);
    process.stdout.write(`statuses: ${[...r.statuses].map(([k, v]) => `${k}×${v}`).join(", ")}\n`);
    process.stdout.write(`database: ${after - warm} new vote rows for ${r.okVotes} accepted votes (lost ${r.okVotes - (after - warm)}), ${dupes} duplicated (battle, voter) pairs; ${ticketsUsed} used tickets for ${after - base} bench votes\n`);
  } finally {
    await db.end();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    agent.destroy();
  }
}
