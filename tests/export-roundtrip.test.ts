/**
 * Export → import into an empty database → the same leaderboard: per-pair outcome counts per vote source, and the
 * Bradley–Terry ratings fitted by lib/ranking on the counted human votes. Also the public-release options.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "./support/db";
import { importFiles } from "@/lib/importers";
import { exportLines, type ExportOptions } from "@/lib/exporters";
import { fitBradleyTerry, reduceToCounts, type Battle } from "@/lib/ranking";

const F = path.resolve(__dirname, "fixtures/import");
let src: TestDb;
let dir: string;

async function pairCounts(t: TestDb, filter: { humanOnly?: boolean } = {}): Promise<Record<string, number>> {
  const votes = await t.db.vote.findMany({
    where: filter.humanOnly ? { voterKind: "human" } : {},
    select: { outcome: true, voterKind: true, strength: true, judge: { select: { slug: true } }, battle: { select: { counted: true, turn: true, systemA: { select: { slug: true } }, systemB: { select: { slug: true } } } } },
  });
  const out: Record<string, number> = {};
  for (const v of votes) {
    const { systemA: a, systemB: b } = v.battle;
    const winner = v.outcome === "A" ? a.slug : v.outcome === "B" ? b.slug : v.outcome;
    const key = [v.voterKind, v.judge?.slug ?? "", [a.slug, b.slug].sort().join(" vs "), winner, v.battle.counted, v.battle.turn, v.strength].join("|");
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function ratings(t: TestDb): Promise<Record<string, number>> {
  const votes = await t.db.vote.findMany({
    where: { voterKind: "human", battle: { counted: true } },
    select: { outcome: true, battle: { select: { systemA: { select: { slug: true } }, systemB: { select: { slug: true } } } } },
  });
  const battles: Battle[] = votes.map((v) => {
    const [a, b] = [v.battle.systemA.slug, v.battle.systemB.slug];
    const outcome = v.outcome === "A" ? "a" : v.outcome === "B" ? "b" : v.outcome;
    return a < b ? { a, b, outcome } : { a: b, b: a, outcome: outcome === "a" ? "b" : outcome === "b" ? "a" : outcome };
  });
  const fit = fitBradleyTerry(reduceToCounts(battles));
  return Object.fromEntries(fit.systems.map((s, i) => [s, Math.round(fit.ratings[i] * 1e6) / 1e6]));
}

async function exportTo(kind: "votes", opts: ExportOptions, name: string): Promise<string> {
  let text = "";
  for await (const line of exportLines(src.db, kind, opts)) text += line;
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  src = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "concord-export-"));
  for (const [format, p] of [["prd", "prd"], ["fastchat-battles", "fastchat"], ["csv", "csv"], ["arena-hard", "arena-hard"], ["mtbench", "mtbench"]] as const) {
    await importFiles(src.db, format, [path.join(F, p)], { connectionUrl: src.url });
  }
});
afterAll(async () => {
  await src?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("export → import round trip", () => {
  for (const format of ["csv", "jsonl"] as const) {
    it(`${format}: identical per-pair outcome counts for every vote source, and identical fitted ratings`, async () => {
      const file = await exportTo("votes", { format }, `votes.${format === "csv" ? "csv" : "jsonl"}`);
      const dst = await createTestDb();
      try {
        const s = await importFiles(dst.db, "csv", [file], { connectionUrl: dst.url });
        expect(s.skipped).toBe(0);
        expect(await dst.db.vote.count()).toBe(await src.db.vote.count());
        expect(await pairCounts(dst)).toEqual(await pairCounts(src));
        expect(await ratings(dst)).toEqual(await ratings(src));
        // Importing the export again adds nothing.
        expect((await importFiles(dst.db, "csv", [file], { connectionUrl: dst.url, resume: false })).imported).toBe(0);
      } finally {
        await dst.close();
      }
    });
  }

  it("fastchat: human votes round-trip through clean-battle records", async () => {
    const file = await exportTo("votes", { format: "fastchat", voterKind: "human" }, "battles.jsonl");
    const dst = await createTestDb();
    try {
      const s = await importFiles(dst.db, "fastchat-battles", [file], { connectionUrl: dst.url });
      expect(s.errors, JSON.stringify(s.errors)).toEqual([]);
      expect(s.skipped, JSON.stringify(s.skippedByReason)).toBe(0);
      const strip = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k.split("|").slice(2, 5).join("|"), v]));
      const merge = (c: Record<string, number>) => Object.entries(strip(c)).reduce<Record<string, number>>((m, [k, v]) => ((m[k] = (m[k] ?? 0) + v), m), {});
      expect(merge(await pairCounts(dst))).toEqual(merge(await pairCounts(src, { humanOnly: true })));
      expect(await ratings(dst)).toEqual(await ratings(src));
    } finally {
      await dst.close();
    }
  });
});

describe("public release", () => {
  it("replaces voter ids by salted hashes and leaves out live battles' texts", async () => {
    const live = await src.db.battle.findFirst({ where: { votes: { some: { voterKind: "human" } } } });
    await src.db.battle.update({ where: { id: live!.id }, data: { mode: "live" } });
    const rows = async (opts: Partial<ExportOptions>) => {
      const out: Record<string, string>[] = [];
      for await (const l of exportLines(src.db, "votes", { format: "jsonl", voterKind: "human", ...opts })) out.push(JSON.parse(l) as Record<string, string>);
      return out;
    };
    const pub = await rows({ publicRelease: true, salt: "s1" });
    const priv = await rows({});
    expect(pub.every((r) => /^anon-[0-9a-f]{16}$/.test(r.voter))).toBe(true);
    expect(new Set(pub.map((r) => r.voter)).size).toBe(new Set(priv.map((r) => r.voter)).size);
    expect((await rows({ publicRelease: true, salt: "s2" }))[0].voter).not.toBe(pub[0].voter);
    const liveRows = pub.filter((r) => r.battle_key === live!.key);
    expect(liveRows.length).toBeGreaterThan(0);
    expect(liveRows.every((r) => r.prompt === "" && r.response_a === "")).toBe(true);
    const withPrivate = (await rows({ publicRelease: true, salt: "s1", includePrivate: true })).filter((r) => r.battle_key === live!.key);
    expect(withPrivate.some((r) => r.prompt !== "")).toBe(true);
    // Without --salt the salt comes from (and is stored in) the export.salt setting.
    const a = await rows({ publicRelease: true });
    const b = await rows({ publicRelease: true });
    expect(a[0].voter).toBe(b[0].voter);
    expect(await src.db.setting.findUnique({ where: { key: "export.salt" } })).not.toBeNull();
  });
});
