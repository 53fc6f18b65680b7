/**
 * `npm start`: resolve the database (embedded PGlite by default), apply migrations, load the demo data into an
 * empty database, build the app when its sources changed, then serve it on $PORT (3000).
 *
 * On PGlite this process hosts the data folder and serves it on a loopback socket (lib/db/pglite-host.ts); the
 * Next server, the judge worker process and any CLI command all connect through that socket.
 * `--dev` runs `next dev` instead of building.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DatabaseConfigError, redact, resolveDatabaseTarget } from "../lib/db/config";
import { acquirePglite, type PgliteHost } from "../lib/db/pglite-host";
import { withPgRunner } from "../lib/db/runner";
import { prepareDatabase } from "../lib/db/prepare";
import { openDatabase } from "../lib/db";
import { ensureAuthSecret } from "../lib/auth/secret";

const root = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const log = (line: string) => process.stdout.write(`[concord] ${line}\n`);

function newestSourceMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, process.env.CONCORD_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public"].map((d) => newestSourceMtime(path.join(root, d)));
  const configs = ["next.config.js", "package.json", "postcss.config.mjs"]
    .map((f) => path.join(root, f))
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs);
  return Math.max(...sources, ...configs) > built;
}

async function main(): Promise<void> {
  const target = resolveDatabaseTarget();
  let host: PgliteHost | null = null;
  let url: string;
  if (target.kind === "pglite") {
    if (target.dir === null) throw new DatabaseConfigError("npm start needs a folder for PGlite; pglite:memory is for tests");
    host = await acquirePglite(target.dir);
    url = host.url;
    log(`database: embedded PGlite in ${path.relative(root, target.dir) || target.dir}${host.owner ? "" : " (served by another Concord process)"}`);
  } else {
    url = target.url;
    log(`database: PostgreSQL at ${redact(url)}`);
  }

  const handle = await openDatabase({ kind: "postgres", url }, { poolSize: 2 });
  let authSecret = process.env.AUTH_SECRET;
  try {
    const result = await withPgRunner(url, (runner) =>
      prepareDatabase(runner, handle.db, { seedDemo: process.env.CONCORD_SEED_DEMO !== "0", log }),
    );
    log(`migrations: ${result.applied.length} applied, latest ${result.latest ?? "none"}`);
    authSecret ||= await ensureAuthSecret(handle.db);
  } finally {
    await handle.close();
  }

  const port = process.env.PORT ?? "3000";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    CONCORD_DB_KIND: target.kind,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!dev && (process.env.CONCORD_FORCE_BUILD === "1" || needsBuild())) {
    log("building the app (next build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port, "-H", process.env.HOST ?? "0.0.0.0"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  log(`serving http://localhost:${port}`);
  // The judge worker runs in its own process (`concord worker`, CONCORD_WORKER=0 turns it off; more `npm run worker`
  // processes can run beside it): judging CPU then never competes with this process, which hosts PGlite, and the
  // worker reaches the database through the same socket as the Next server. A crashed worker is restarted.
  let stopping = false;
  let worker: ChildProcess | null = null;
  const startJudgeWorker = () => {
    const w = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib", "cli", "main.ts"), "worker"], { cwd: root, env, stdio: "inherit" });
    w.on("exit", (code, signal) => {
      if (worker === w) worker = null;
      if (stopping) return;
      log(`judge worker exited (${signal ?? code}); restarting it in 2 s`);
      setTimeout(() => {
        if (!stopping) worker = startJudgeWorker();
      }, 2_000).unref();
    });
    return w;
  };
  if (process.env.CONCORD_WORKER !== "0") {
    worker = startJudgeWorker();
    log(`judge worker: running in its own process (pid ${worker.pid})`);
  }
  const shutdown = async (code: number) => {
    stopping = true;
    if (!child.killed && child.exitCode === null) child.kill("SIGTERM");
    const w = worker;
    if (w && w.exitCode === null && w.signalCode === null) {
      // Graceful: in-flight judgments finish and are written, unstarted tasks are released (at most 15 s).
      const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
      w.kill("SIGTERM");
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref())]);
    }
    await host?.close().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = err instanceof DatabaseConfigError ? "" : connectionHint(err);
  process.stderr.write(`concord: ${message}${hint}\n`);
  if (process.env.CONCORD_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});

function connectionHint(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ECONNREFUSED") return " (is the database server running?)";
  if (code === "3D000") return " (create the database first, e.g. createdb)";
  if (code === "28P01" || code === "28000") return " (check the user and password in DATABASE_URL)";
  return "";
}
