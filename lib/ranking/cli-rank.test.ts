import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import rank from "../cli/commands/rank";
import { createTestDb, useTestDb } from "../../tests/support/db";

async function runRank(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  let code: number;
  try {
    code = await rank.run(args, { stdout, stderr, isTty: false });
  } catch (e) {
    code = -1;
    err += e instanceof Error ? e.message : String(e);
  }
  return { code, out, err };
}

const dir = mkdtempSync(path.join(tmpdir(), "concord-rank-"));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const rec = (a: string, b: string, winner: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ model_a: a, model_b: b, winner, ...extra });

describe("concord rank --battles", () => {
  const lines = [
    rec("x", "y", "model_a", { judge: "j1" }),
    rec("x", "y", "model_a", { judge: "j1" }),
    rec("y", "x", "model_a", { judge: "j1" }),
    rec("y", "z", "tie (bothbad)", { judge: "j2" }),
    rec("z", "x", "model_b", { judge: "j2" }),
    rec("z", "y", "tie", { judge: "j2" }),
  ];
  it.each([
    { name: "jsonl", text: lines.join("\n") + "\n" },
    { name: "json array", text: "[\n" + lines.join(",\n") + "\n]\n" },
  ])("JSON output has the documented shape ($name)", async ({ text }) => {
    const r = await runRank(["--battles", file("b.jsonl", text), "--format", "json", "--bootstrap", "50", "--seed", "3"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { systems: Record<string, number | string>[]; meta: Record<string, unknown> };
    expect(Object.keys(j.systems[0])).toEqual(["system", "rating", "ci_low", "ci_high", "rank", "battles", "wins", "losses", "ties"]);
    expect(j.meta).toMatchObject({ battles: 6, systems: 3, method: "bootstrap", ci: 0.95, rounds: 50, seed: 3 });
    const ratings = j.systems.map((s) => s.rating as number);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    const x = j.systems.find((s) => s.system === "x")!;
    expect([x.battles, x.wins, x.losses, x.ties]).toEqual([4, 3, 1, 0]);
  });
  it("filters by judge, pins an anchor, uses sandwich", async () => {
    const r = await runRank(["--battles", file("c.jsonl", lines.join("\n")), "--format", "json", "--judge", "j1", "--method", "sandwich", "--anchor", "y=1100"]);
    const j = JSON.parse(r.out) as { systems: { system: string; rating: number }[]; meta: { battles: number; method: string } };
    expect(j.meta.battles).toBe(3);
    expect(j.meta.method).toBe("sandwich");
    expect(j.systems.find((s) => s.system === "y")!.rating).toBeCloseTo(1100, 9);
    expect(j.systems.find((s) => s.system === "x")!.rating).toBeCloseTo(1100 + 400 * Math.log10(2), 6);
  });
  it("table output labels level and method", async () => {
    const r = await runRank(["--battles", file("d.jsonl", lines.join("\n")), "--ci", "0.9", "--bootstrap", "20"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/90% CI \(bootstrap, 20 rounds, seed 0\)/);
  });
  it.each([
    { text: rec("x", "y", "model_a") + "\n{oops\n", msg: /:2: malformed JSON/ },
    { text: rec("x", "y", "model_a") + "\n" + rec("x", "y", "model_c"), msg: /:2: unknown winner "model_c"/ },
  ])("errors name the line: $msg", async ({ text, msg }) => {
    const r = await runRank(["--battles", file("e.jsonl", text)]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(msg);
  });
  it("empty input and missing --battles are clear errors", async () => {
    const e = await runRank(["--battles", file("f.jsonl", "\n")]);
    expect(e.code).toBe(1);
    expect(e.err).toMatch(/contains no battles/);
  });
  it("without --battles reads the database, and an empty slice is a clear error", async () => {
    const t = await createTestDb();
    try {
      useTestDb(t);
      const d = await runRank(["--source", "crowd"]);
      expect(d.code).toBe(1);
      expect(d.err).toMatch(/no votes in this slice \(crowd\)/);
    } finally {
      await t.close();
    }
  });
});
