import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

mkdirSync("e2e/screenshots", { recursive: true });
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e/pglite";

/** SQL on the e2e server's PGlite, through the socket it serves (see README, "The embedded database and the CLI"). */
async function sql<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
  const info = JSON.parse(readFileSync(path.join(path.dirname(dataDir), `${path.basename(dataDir)}.server.json`), "utf8")) as { port: number };
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${info.port}/postgres?sslmode=disable` });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const DEMO = [
  ["demo-brightline-8b", "Brightline-8B", "Helix Forge"],
  ["demo-cascade-34b", "Cascade-34B", "Tidewater Research"],
  ["demo-meridian-70b", "Meridian-70B", "Northwind AI"],
  ["demo-quill-7b", "Quill-7B", "Lantern Labs"],
  ["demo-sparrow-3b", "Sparrow-3B", "Kestrel Systems"],
  ["demo-warden-13b", "Warden-13B", "Bastion Collective"],
];

async function battleSignature(page: Page): Promise<string> {
  await expect(page.getByTestId("answer-left").first()).toBeVisible();
  const prompt = await page.getByTestId("prompt-turn").first().innerText();
  const answers = [await page.getByTestId("answer-left").first().innerText(), await page.getByTestId("answer-right").first().innerText()].sort();
  return `${prompt}\n${answers.join("\n")}`;
}

test.beforeEach(async ({ page }) => {
  page.on("dialog", (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
});

test("vote with the mouse: reveal, stored with the shown order, not served again after reload", async ({ page }) => {
  await page.goto("/arena");
  const before = await battleSignature(page);
  const ticketsBefore = await sql<{ n: string }>(`SELECT count(*) AS n FROM "Vote" WHERE "voterKind" = 'human' AND "externalKey" IS NULL`);
  await page.getByTestId("vote-left").click();
  const reveal = page.getByTestId("reveal");
  await expect(reveal).toBeVisible();
  const leftName = (await page.getByTestId("reveal-left").innerText()).trim();
  expect(DEMO.some(([, name]) => leftName.startsWith(name))).toBe(true);
  await expect(page.getByTestId("reveal-winrate")).toContainText("A wins");
  // Every answer column names its system after the vote (a multi-turn battle has one per turn).
  const leftNames = page.getByTestId("answer-left-name");
  await expect(leftNames.first()).toBeVisible();
  const leftSystem = DEMO.find(([, name]) => leftName.startsWith(name))![1];
  for (const text of await leftNames.allInnerTexts()) expect(text).toContain(leftSystem);

  const rows = await sql<{ outcome: string; shownLeft: string; name: string }>(
    `SELECT v."outcome"::text AS outcome, v."shownLeft"::text AS "shownLeft",
            (SELECT s."name" FROM "System" s WHERE s."id" = CASE WHEN v."shownLeft" = 'A' THEN b."systemAId" ELSE b."systemBId" END) AS name
     FROM "Vote" v JOIN "Battle" b ON b."id" = v."battleId" WHERE v."voterKind" = 'human' AND v."externalKey" IS NULL ORDER BY v."id" DESC LIMIT 1`,
  );
  const ticketsAfter = await sql<{ n: string }>(`SELECT count(*) AS n FROM "Vote" WHERE "voterKind" = 'human' AND "externalKey" IS NULL`);
  expect(Number(ticketsAfter[0].n)).toBe(Number(ticketsBefore[0].n) + 1);
  expect(rows[0].outcome).toBe(rows[0].shownLeft);
  expect(leftName.startsWith(rows[0].name)).toBe(true);

  for (let i = 0; i < 5; i++) {
    await page.reload();
    expect(await battleSignature(page)).not.toBe(before);
  }
});

test("vote with the keyboard; keys do nothing while a form field has focus", async ({ page }) => {
  await page.goto("/arena");
  await battleSignature(page);
  await page.getByTestId("pick-category").focus();
  await page.keyboard.press("3");
  await expect(page.getByTestId("reveal")).toHaveCount(0);
  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("reveal")).toBeVisible();
  await expect(page.getByTestId("reveal")).toContainText("B is better");
  const first = await battleSignature(page);
  await page.keyboard.press("n");
  await expect(page.getByTestId("reveal")).toHaveCount(0);
  expect(await battleSignature(page)).not.toBe(first);
  await page.keyboard.press("4");
  await expect(page.getByTestId("reveal")).toContainText("Both are bad");
  // visible focus on the next button (autofocused after the reveal)
  const outline = await page.getByTestId("next").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});

test("the arena page and the battle API name no system before the vote", async ({ page, request }) => {
  const html = await (await request.get("/arena")).text();
  const res = await request.get("/api/battles/next");
  const api = `${JSON.stringify(res.headers())}\n${await res.text()}`;
  for (const needle of DEMO.flat()) {
    expect(html.toLowerCase()).not.toContain(needle.toLowerCase());
    expect(api.toLowerCase()).not.toContain(needle.toLowerCase());
  }
  expect(res.headers()["cache-control"]).toContain("no-store");
  await page.goto("/arena");
  await battleSignature(page);
  const dom = (await page.content()).toLowerCase();
  for (const needle of DEMO.flat()) expect(dom).not.toContain(needle.toLowerCase());
});

test("signed-in votes attach to the user, anonymous ones from this browser merge in", async ({ page }) => {
  await page.goto("/arena");
  await battleSignature(page);
  await page.getByTestId("vote-tie").click();
  await expect(page.getByTestId("reveal")).toBeVisible();
  await page.goto("/signin?callbackUrl=/arena");
  await page.locator("#test-email").fill("voter-e2e@concord.test");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL("**/arena");
  await battleSignature(page);
  await page.getByTestId("vote-right").click();
  await expect(page.getByTestId("reveal")).toBeVisible();
  const rows = await sql<{ n: string }>(
    `SELECT count(*) AS n FROM "Vote" v JOIN "Voter" r ON r."id" = v."voterId" JOIN "User" u ON u."id" = r."userId" WHERE u."email" = $1`,
    ["voter-e2e@concord.test"],
  );
  expect(Number(rows[0].n)).toBe(2);
});

test("hostile answers run no script; the layout holds at 375 px", async ({ page }) => {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "lib/cli/main.ts", "arena", "add-fixture", "tests/fixtures/hostile/arena-fixture.json"], {
    env: { ...process.env, DATABASE_URL: `pglite:${dataDir}` },
    stdio: "pipe",
  });
  await page.setViewportSize({ width: 375, height: 800 });
  // the server's pool refreshes within 5 s
  await expect(async () => {
    await page.goto("/arena");
    await page.getByTestId("pick-set").selectOption({ label: "Hostile answers (test fixture)" }, { timeout: 2_000 });
    await expect(page.getByTestId("battle-meta")).toContainText("Hostile answers", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  for (let i = 0; i < 6; i++) {
    await battleSignature(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
    expect(await page.locator("[data-testid^=answer] :is(script, iframe, svg, style, img, object, embed, form)").count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    if (i === 0 || (await page.locator(".md-table").count()) > 0) {
      await page.screenshot({ path: `e2e/screenshots/arena-hostile-375-${i}.png`, fullPage: false });
    }
    await page.keyboard.press("3");
    await expect(page.getByTestId("reveal")).toBeVisible();
    await page.keyboard.press("n");
  }
  await page.getByTestId("pick-set").selectOption({ label: "Demo prompts" });
  await battleSignature(page);
  await page.screenshot({ path: "e2e/screenshots/arena-375.png", fullPage: true });
  await page.keyboard.press("1");
  await expect(page.getByTestId("reveal")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/arena-reveal-375.png", fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "e2e/screenshots/arena-1280.png", fullPage: false });
});
