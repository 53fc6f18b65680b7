/**
 * Crash and resume: a child process importing a file is killed with SIGKILL mid-file; the database then holds whole
 * batches only, and a re-run resumes from the job cursor and ends with exactly the counts of a clean import.
 * Needs Postgres (TEST_DATABASE_URL): in-memory PGlite cannot be shared with a child process.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDatabaseUrl, type TestDb } from "./support/db";
import { importFiles } from "@/lib/importers";

const url = testDatabaseUrl();
const ROWS = 12_000;

describe.skipIf(!url)("import crash-resume (Postgres)", () => {
  let crashed: TestDb;
  let clean: TestDb;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    crashed = await createTestDb();
    clean = await createTestDb();
    dir = mkdtempSync(path.join(tmpdir(), "concord-resume-"));
    file = path.join(dir, "battles.jsonl");
    const rows: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      rows.push(JSON.stringify({ question_id: `q${i}`, model_a: `m${i % 5}`, model_b: `m${(i % 5) + 1}`, winner: ["model_a", "model_b", "tie"][i % 3], judge: `u${i % 97}`, tstamp: 1_700_000_000 + i, anony: true }));
      if (i === 5000) rows.push("{broken");
    }
    writeFileSync(file, rows.join("\n") + "\n");
  });
  afterAll(async () => {
    await crashed?.close();
    await clean?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("SIGKILL mid-file, re-run: same counts as a clean import, earlier rows skipped", async () => {
    const child = spawn("npx", ["tsx", path.resolve(__dirname, "fixtures/import/child-import.ts"), url!, crashed.schema!, file], {
      cwd: path.resolve(__dirname, ".."),
      stdio: "ignore",
      detached: true,
    });
    let exited = false;
    child.on("exit", () => (exited = true));
    // Wait until some batches are committed, then kill the whole process group without warning.
    for (let i = 0; i < 600; i++) {
      const n = await crashed.db.vote.count();
      if (n >= 2000 || exited) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(exited).toBe(false);
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    const partial = await crashed.db.vote.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    // Whole batches only: every committed battle has its vote.
    expect(await crashed.db.battle.count()).toBe(partial);

    const resumed = await importFiles(crashed.db, "fastchat-battles", [file], { connectionUrl: crashed.url });
    expect(resumed.resumedRows).toBeGreaterThan(0);
    const fresh = await importFiles(clean.db, "fastchat-battles", [file], { connectionUrl: clean.url });
    expect(fresh.imported).toBe(ROWS);
    expect(fresh.skippedByReason.malformed_json).toBe(1);
    for (const t of [crashed, clean]) expect(await t.db.vote.count()).toBe(ROWS);
    expect(await crashed.db.battle.count()).toBe(await clean.db.battle.count());
    expect(await crashed.db.voter.count()).toBe(await clean.db.voter.count());
    expect(resumed.imported + partial).toBe(ROWS);
  }, 180_000);
});

if (!url) console.warn("[import-resume] skipped: set TEST_DATABASE_URL (Postgres) to run the crash-resume test");
