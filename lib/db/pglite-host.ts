/**
 * Sharing one embedded PGlite folder between processes. PGlite lets only one process open a data folder, so the
 * first process that needs it (normally `npm start`, otherwise a CLI command) opens it and serves it over the
 * Postgres wire protocol on 127.0.0.1 with `@electric-sql/pglite-socket`. It records `{pid, port}` in a lock file
 * beside the folder, created exclusively. Every client, the host process's own Prisma client included, connects
 * through that socket with `pg`, so the socket's queue is the one place where transactions are serialised. A second
 * process finds the lock, checks that the host is alive, and connects; a stale lock (dead pid) is removed.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export interface PgliteHost {
  url: string;
  port: number;
  /** True when this process opened the folder and serves it. */
  owner: boolean;
  close(): Promise<void>;
}

/** How many client connections the socket multiplexes; pools must stay under it together. */
export const PGLITE_MAX_CONNECTIONS = 24;

export function lockPathFor(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.server.json`);
}

interface LockInfo {
  pid: number;
  port: number;
}

function readLock(lockPath: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockInfo>;
    return typeof info.pid === "number" && typeof info.port === "number" ? { pid: info.pid, port: info.port } : null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

/** Connects to the process serving `dir`, or opens and serves it here. */
export async function acquirePglite(dir: string, opts: { waitMs?: number } = {}): Promise<PgliteHost> {
  mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = lockPathFor(dir);
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  for (;;) {
    let fd: number | null = null;
    try {
      fd = openSync(lockPath, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (fd !== null) return await hostHere(dir, lockPath, fd);
    const info = readLock(lockPath);
    const alive = info !== null && pidAlive(info.pid);
    if (info && alive && info.port > 0 && (await portOpen(info.port))) {
      return { url: urlFor(info.port), port: info.port, owner: false, close: async () => undefined };
    }
    // A dead host, or a live pid (reused, or a host that stopped serving) whose recorded port is closed.
    if (info && (!alive || info.port > 0)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    // The host is starting (lock written, port not yet open), or the lock is being written.
    if (Date.now() > deadline) {
      throw new Error(`the embedded database in ${dir} is held by another process (${lockPath}) that does not answer`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function hostHere(dir: string, lockPath: string, fd: number): Promise<PgliteHost> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  writeSync(fd, JSON.stringify({ pid: process.pid, port: 0 }));
  closeSync(fd);
  let db: InstanceType<typeof PGlite> | null = null;
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    db = new PGlite(dir);
    await db.waitReady;
    const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: PGLITE_MAX_CONNECTIONS });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    const { writeFileSync } = await import("node:fs");
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port }));
    let closed = false;
    const opened = db;
    const close = async () => {
      if (closed) return;
      closed = true;
      await server.stop();
      await opened.close();
      const info = readLock(lockPath);
      if (info?.pid === process.pid) rmSync(lockPath, { force: true });
    };
    return { url: urlFor(port), port, owner: true, close };
  } catch (err) {
    rmSync(lockPath, { force: true });
    await db?.close().catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot open the embedded database in ${dir}: ${message}`);
  }
}
