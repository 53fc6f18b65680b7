/**
 * The embedded default: one process hosts a PGlite folder over the wire protocol, and other processes (the CLI)
 * connect through it instead of opening the folder. Two processes never open the same folder directly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { acquirePglite, lockPathFor, type PgliteHost } from "@/lib/db/pglite-host";
import { withPgRunner } from "@/lib/db/runner";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase, type DbHandle } from "@/lib/db";

const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

async function inChild(dir: string, script: string, args: string[]) {
  const { stdout } = await run(tsx, [script, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `pglite:${dir}` },
    timeout: 60_000,
  });
  return stdout;
}

let tmp: string;
let dir: string;
let host: PgliteHost;
let handle: DbHandle;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "concord-pglite-"));
  dir = path.join(tmp, "pglite");
  host = await acquirePglite(dir);
  await withPgRunner(host.url, (r) => applyMigrations(r));
  handle = await openDatabase({ kind: "postgres", url: host.url }, { poolSize: 4 });
});

afterAll(async () => {
  await handle?.close();
  await host?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("sharing one PGlite folder", () => {
  it("the first process hosts it and records its port in a lock file", () => {
    expect(host.owner).toBe(true);
    const lock = JSON.parse(readFileSync(lockPathFor(dir), "utf8")) as { pid: number; port: number };
    expect(lock).toEqual({ pid: process.pid, port: host.port });
  });

  it("the CLI in another process connects through the socket and sees the same data", async () => {
    await handle.db.system.create({ data: { slug: "seen-by-cli", name: "Seen" } });
    const out = await inChild(dir, "lib/cli/main.ts", ["db", "status"]);
    expect(out).toContain(`127.0.0.1:${host.port}`);
    expect(out).toMatch(/latest migration: \d{14}_[a-z0-9_]+/);
  });

  it("concurrent transactions from two processes come out exactly right", async () => {
    const local = (async () => {
      let committed = 0;
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          try {
            await handle.db.$transaction(async (tx) => {
              await tx.system.create({ data: { slug: `parent-${i}`, name: `parent ${i}` } });
              if (i % 2 === 1) throw new Error("rollback");
            });
            committed++;
          } catch (err) {
            if (!(err instanceof Error && err.message === "rollback")) throw err;
          }
        }),
      );
      return committed;
    })();
    const [childOut, parentCommitted] = await Promise.all([inChild(dir, "tests/support/pglite-writer.ts", ["child", "60"]), local]);
    const child = JSON.parse(childOut.trim().split("\n").pop()!) as { committed: number; url: string };
    expect(child.url).toContain(`:${host.port}/`);
    expect(child.committed).toBe(30);
    expect(parentCommitted).toBe(30);
    expect(await handle.db.system.count({ where: { slug: { startsWith: "child-" } } })).toBe(30);
    expect(await handle.db.system.count({ where: { slug: { startsWith: "parent-" } } })).toBe(30);
    // Only even-numbered (committed) rows exist.
    const odd = await handle.db.system.count({ where: { OR: [{ slug: "child-1" }, { slug: "parent-1" }] } });
    expect(odd).toBe(0);
  });
});

describe("lock handling", () => {
  it("replaces a stale lock left by a dead process and hosts the folder itself", async () => {
    const d = path.join(tmp, "stale");
    writeFileSync(lockPathFor(d), JSON.stringify({ pid: 2 ** 22 + 12345, port: 1 }));
    const h = await acquirePglite(d);
    try {
      expect(h.owner).toBe(true);
      expect(JSON.parse(readFileSync(lockPathFor(d), "utf8")).pid).toBe(process.pid);
    } finally {
      await h.close();
    }
    expect(existsSync(lockPathFor(d))).toBe(false);
  });

  it("a second acquire in the same process while hosted connects instead of opening", async () => {
    const again = await acquirePglite(dir);
    expect(again.owner).toBe(false);
    expect(again.port).toBe(host.port);
  });
});
