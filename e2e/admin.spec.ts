import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { startMockLlm, type MockLlm } from "../tests/support/mock-llm";
import { signIn } from "./admin-helpers";

mkdirSync("e2e/screenshots", { recursive: true });

let mock: MockLlm;
test.beforeAll(async () => {
  mock = await startMockLlm({ reply: () => "OK from the mock" });
});
test.afterAll(async () => mock?.close());

test("a voter gets the 403 page on every admin page, and 403 from the admin API", async ({ page }) => {
  await signIn(page, "voter@concord.test");
  for (const path of ["/admin", "/admin/systems", "/admin/prompt-sets", "/admin/voters"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "403 · Maintainers only" })).toBeVisible();
  }
  const api = await page.request.post("/api/admin/systems", { data: { slug: "nope", name: "Nope" } });
  expect(api.status()).toBe(403);
});

test("signed out, the admin pages answer 403", async ({ page }) => {
  const res = await page.goto("/admin/systems");
  expect(res?.status()).toBe(403);
});

test("a maintainer creates a system pointing at a mock LLM, tests the connection and edits it", async ({ page }) => {
  await signIn(page, "admin@concord.test");
  await page.goto("/admin");
  for (const name of ["Systems", "Prompt sets", "Voters", "Judges", "Import"]) {
    await expect(page.getByRole("main").getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await page.getByRole("main").getByRole("link", { name: /^Systems/ }).click();
  await expect(page.getByRole("heading", { name: "Systems" })).toBeVisible();
  await page.getByRole("button", { name: "New system" }).click();
  const form = page.getByRole("form", { name: "New system" });
  await form.getByLabel("Slug").fill("e2e-admin-mock");
  await form.getByLabel("Name", { exact: true }).fill("E2E Admin Mock");
  await form.getByLabel("Organization").fill("Mockery");
  await form.getByLabel("Endpoint base URL").fill(mock.url);
  await form.getByLabel("Model", { exact: true }).fill("mock-model");
  await form.getByLabel(/^Generation params/).fill('{"temperature": 2.5}');
  await form.getByRole("button", { name: "Create system" }).click();
  await expect(form.getByRole("alert")).toContainText("temperature");
  await form.getByLabel(/^Generation params/).fill('{"temperature": 0.5, "max_tokens": 32}');
  await form.getByRole("button", { name: "Create system" }).click();

  const row = page.getByTestId("system-e2e-admin-mock");
  await expect(row).toBeVisible();
  await expect(row).toContainText("live");
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-result")).toContainText("Connected in");
  await expect(row.getByTestId("connection-result")).toContainText("mock-model");
  await expect(row.getByTestId("connection-result")).toContainText("OK from the mock");
  await page.screenshot({ path: "e2e/screenshots/admin-systems-1280.png", fullPage: true });

  // Edit: mark an outage (so later live battles never sample this system once its mock is gone).
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit e2e-admin-mock" });
  await edit.getByLabel("Outage (weight 0)").check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("outage");
  await page.reload();
  await expect(page.getByTestId("system-e2e-admin-mock")).toContainText("outage");
});

test("a maintainer toggles a prompt-set category, and the voters page lists flagged voters", async ({ page }) => {
  await signIn(page, "admin@concord.test");
  await page.goto("/admin/prompt-sets");
  const set = page.getByTestId("set-demo");
  await expect(set).toBeVisible();
  const math = set.getByRole("checkbox", { name: /^math/ });
  await expect(math).toBeChecked();
  // Wait for the save to reach the server before reloading (the checkbox updates optimistically).
  const saved = (r: import("@playwright/test").Response) => r.url().includes("/api/admin/prompt-sets/") && r.request().method() !== "GET";
  await Promise.all([page.waitForResponse(saved), math.uncheck()]);
  await page.reload();
  await expect(page.getByTestId("set-demo").getByRole("checkbox", { name: /^math/ })).not.toBeChecked();
  await Promise.all([page.waitForResponse(saved), page.getByTestId("set-demo").getByRole("checkbox", { name: /^math/ }).check()]);
  await page.reload();
  await expect(page.getByTestId("set-demo").getByRole("checkbox", { name: /^math/ })).toBeChecked();

  await page.goto("/admin/voters");
  await expect(page.getByRole("heading", { name: "Voters" })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "e2e/screenshots/admin-voters-375.png", fullPage: true });
});
