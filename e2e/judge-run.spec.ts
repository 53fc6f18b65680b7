/**
 * A maintainer creates an LLM judge against a local mock LLM (started here), tests the connection, starts a run
 * on the demo set limited to 20 battles, and watches the live progress bar reach 100 %. Needs the e2e server's
 * in-process judge worker (npm start runs one unless CONCORD_WORKER=0).
 */
import { expect, test } from "@playwright/test";
import { startMockLlm, type MockLlm } from "../tests/support/mock-llm";
import { signIn } from "./admin-helpers";

let mock: MockLlm;
test.beforeAll(async () => {
  mock = await startMockLlm({ latencyMs: 20, reply: () => "Assistant A answers the question more directly.\n[[A]]" });
});
test.afterAll(async () => {
  await mock?.close();
});

test("create a judge, start a 20-battle run on the demo set, watch it reach 100 %", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin@concord.test");
  await page.goto("/admin/judges");
  const slug = `e2e-judge-${Date.now().toString(36)}`;
  const form = page.getByRole("form", { name: "new judge" });
  await form.locator('input[name="slug"]').fill(slug);
  await form.locator('input[name="baseUrl"]').fill(mock.url);
  await form.locator('input[name="model"]').fill("mock-judge");
  await form.locator('input[name="concurrency"]').fill("8");
  await form.getByRole("button", { name: "Create judge" }).click();
  const row = page.getByTestId(`judge-${slug}`);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-report")).toContainText("OK");

  const runForm = row.getByRole("form", { name: `run ${slug}` });
  const setSelect = runForm.locator('select[name="set"]');
  const demo = await setSelect.locator("option").evaluateAll((os) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v.startsWith("demo")) ?? "");
  await setSelect.selectOption(demo);
  await runForm.locator('input[name="limit"]').fill("20");
  await runForm.getByRole("button", { name: "Start run" }).click();

  await page.waitForURL(/\/admin\/judges\/runs\/\d+/);
  const bar = page.getByTestId("run-progress");
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 150_000 });
  await expect(page.getByTestId("run-status")).toHaveText("completed");
  await expect(page.getByTestId("run-done")).toHaveText("40");
  expect(mock.count()).toBeGreaterThanOrEqual(41);
});
