import { expect, test } from "@playwright/test";
import path from "node:path";

const F = path.resolve(__dirname, "../tests/fixtures/import");

async function signInAsAdmin(page: import("@playwright/test").Page) {
  await page.goto("/signin?callbackUrl=/admin/import");
  await page.locator("#test-email").fill("admin@concord.test");
  await page.locator("#test-email").press("Enter");
  await page.waitForURL(/\/admin\/import/);
}

test("a maintainer uploads a FastChat file and watches the progress bar to a summary with bad rows", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("heading", { name: "Import data" })).toBeVisible();
  await page.getByLabel("Format").selectOption("fastchat-battles");
  await page.getByLabel("Prompt set (optional)").fill("e2e-import");
  await page.getByLabel("Files").setInputFiles(path.join(F, "fastchat/clean_battle_fixture.json"));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page.getByTestId("import-phase")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("import-progress")).toHaveAttribute("value", "100");
  const summary = page.getByTestId("import-summary");
  await expect(summary).toContainText("4 votes imported");
  await expect(summary).toContainText("unknown_winner 1");
  await expect(page.getByRole("list", { name: "Bad rows" })).toContainText("clean_battle_fixture.json:51: unknown_winner");
  await page.screenshot({ path: "e2e/screenshots/admin-import.png", fullPage: true });

  // The same upload again adds nothing.
  await page.getByLabel("Files").setInputFiles(path.join(F, "fastchat/clean_battle_fixture.json"));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-phase")).toHaveText("Done", { timeout: 30_000 });
  await expect(page.getByTestId("import-summary")).toContainText("0 votes imported");
});

test("the import API refuses anonymous callers; the export API serves a public release", async ({ request }) => {
  const res = await request.post("/api/admin/import", { data: { format: "csv" } });
  expect(res.status()).toBe(401);
  const exp = await request.get("/api/export/votes?format=jsonl&voterKind=human");
  expect(exp.status()).toBe(200);
  const first = (await exp.text()).split("\n")[0];
  expect(JSON.parse(first).voter).toMatch(/^anon-[0-9a-f]{16}$/);
  expect((await request.get("/api/export/votes?public=0")).status()).toBe(403);
});
