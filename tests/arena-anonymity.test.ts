/**
 * Anonymity is a security property: before the vote nothing the browser can get names the systems. These tests scan
 * every byte of the pre-vote responses (JSON body, every header, the arena page's HTML) for every system name, slug,
 * organization and id, the battle id and the response ids (all made distinctive by the seed), and check the order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { createTestDb, useTestDb, type TestDb } from "./support/db";
import { seedArena, type ArenaSeed } from "./arena-seed";
import { GET as nextGET } from "@/app/api/battles/next/route";
import ArenaPage from "@/app/arena/page";
import { invalidatePool } from "@/lib/arena/pool";
import { writeArenaSettings } from "@/lib/arena/settings";

let t: TestDb;
let seed: ArenaSeed;

beforeAll(async () => {
  t = await createTestDb();
  useTestDb(t);
  invalidatePool();
  seed = await seedArena(t, { promptsPerSet: 4 });
  await writeArenaSettings({ rateLimits: { battlesPerMinute: 0, ipBattlesPerMinute: 0 } });
});
afterAll(async () => {
  await t.close();
});

function secrets(extra: number[]): string[] {
  return [
    ...seed.systems.flatMap((s) => [s.name, s.slug, s.organization, String(s.id)]),
    ...seed.responseIds.map(String),
    ...extra.map(String),
  ];
}

function leaks(bytes: string, needles: string[]): string[] {
  const hay = bytes.toLowerCase();
  return needles.filter((n) => hay.includes(n.toLowerCase()));
}

describe("anonymity before the vote", () => {
  it("no system identity or battle id in any byte of GET /api/battles/next (body and headers)", async () => {
    const battleIds = new Set<number>();
    let cookie = "";
    for (let i = 0; i < 40; i++) {
      const res = await nextGET(new Request("http://arena.test/api/battles/next", { headers: cookie ? { cookie } : {} }), undefined);
      expect(res.status).toBe(200);
      const setCookie = res.headers.get("set-cookie");
      if (setCookie) cookie = setCookie.split(";")[0];
      const body = await res.text();
      const headers = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
      const parsed = JSON.parse(body) as { ticket: string };
      const ticketRow = await t.db.battleTicket.findUniqueOrThrow({ where: { id: parsed.ticket.split(".")[0] }, include: { battle: true } });
      battleIds.add(ticketRow.battleId);
      const needles = secrets([ticketRow.battleId, ticketRow.battle.promptId]);
      expect(leaks(body, needles), "body").toEqual([]);
      expect(leaks(headers, needles), "headers").toEqual([]);
      expect(res.headers.get("cache-control")).toMatch(/no-store/);
      expect(res.headers.get("etag")).toBeNull();
      // only these keys exist in the payload
      const keys = new Set<string>();
      JSON.parse(body, (k, v: unknown) => {
        if (k && Number.isNaN(Number(k))) keys.add(k);
        return v;
      });
      expect([...keys].sort()).toEqual(["category", "expiresAt", "html", "language", "left", "markdown", "name", "prompt", "right", "set", "slug", "ticket", "turns"]);
    }
    expect(battleIds.size).toBeGreaterThan(10);
  });

  it("the ticket is random: two fetches of the same battle get unrelated tickets", async () => {
    const res1 = (await (await nextGET(new Request("http://arena.test/api/battles/next?set=alpha"), undefined)).json()) as { ticket: string };
    const res2 = (await (await nextGET(new Request("http://arena.test/api/battles/next?set=alpha"), undefined)).json()) as { ticket: string };
    expect(res1.ticket).not.toBe(res2.ticket);
    expect(res1.ticket).toMatch(/^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{22}$/);
  });

  it("left/right order is random and independent of canonical order or system id", async () => {
    let leftIsA = 0;
    const n = 200;
    const leftIds = new Set<number>();
    for (let i = 0; i < n; i++) {
      const res = (await (await nextGET(new Request("http://arena.test/api/battles/next"), undefined)).json()) as { ticket: string };
      const row = await t.db.battleTicket.findUniqueOrThrow({ where: { id: res.ticket.split(".")[0] }, include: { battle: true } });
      if (row.shownLeft === "A") leftIsA++;
      leftIds.add(row.shownLeft === "A" ? row.battle.systemAId : row.battle.systemBId);
    }
    // Binomial(200, ½): 99.99 % within 100 ± 28
    expect(leftIsA).toBeGreaterThan(72);
    expect(leftIsA).toBeLessThan(128);
    expect(leftIds.size).toBe(seed.systems.length);
  });

  it("the arena page's server HTML names no system", async () => {
    const html = renderToString(await ArenaPage());
    expect(html).toContain("Arena");
    expect(leaks(html, secrets([]))).toEqual([]);
  });
});
