import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { startMockLlm, type MockLlm } from "../tests/support/mock-llm";
import { signIn } from "./admin-helpers";

mkdirSync("e2e/screenshots", { recursive: true });

let mock: MockLlm;
test.beforeAll(async () => {
  mock = await startMockLlm({
    reply: (body) => {
      const prompt = body.messages.at(-1)?.content ?? "";
      const who = body.model === "live-e2e-a" ? "first" : "second";
      return {
        text: `Here is the **${who}** take on "${prompt}":\n\n1. Start small.\n2. Keep going.\n\n\`\`\`js\nconsole.log("hi");\n\`\`\``,
        chunkDelayMs: 15,
      };
    },
  });
});
test.afterAll(async () => mock?.close());

test("a live battle streams both answers, takes a vote and reveals the systems", async ({ page, browser }) => {
  // A maintainer adds two systems pointing at the mock (the demo systems have no endpoints).
  await signIn(page, "admin@concord.test");
  for (const [slug, name, model] of [
    ["live-e2e-a", "Live Alpha", "live-e2e-a"],
    ["live-e2e-b", "Live Beta", "live-e2e-b"],
  ]) {
    const res = await page.request.post("/api/admin/systems", {
      data: { slug, name, organization: "E2E Org", baseUrl: mock.url, model, params: { max_tokens: 64 } },
    });
    expect([201, 409]).toContain(res.status());
  }
  // Any other live system left by another spec must not be sampled.
  const list = (await (await page.request.get("/api/admin/systems")).json()) as { systems: { id: number; slug: string; live: boolean }[] };
  for (const s of list.systems.filter((s) => s.live && !s.slug.startsWith("live-e2e-"))) {
    await page.request.patch(`/api/admin/systems/${s.id}`, { data: { outage: true } });
  }

  // An anonymous voter in a fresh browser context.
  const voterContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const voter = await voterContext.newPage();
  await voter.goto("/arena/live");
  await expect(voter.getByRole("heading", { name: "Live arena" })).toBeVisible();
  await voter.screenshot({ path: "e2e/screenshots/live-empty-375.png", fullPage: true });
  const box = voter.getByRole("textbox", { name: "Your prompt" });
  await box.fill("How do I learn to juggle?");
  await voter.getByRole("button", { name: "Send" }).click();

  const left = voter.getByTestId("live-left");
  const right = voter.getByTestId("live-right");
  await expect(left).toContainText("take on", { timeout: 20_000 });
  await expect(right).toContainText("take on", { timeout: 20_000 });
  // Once finished, each answer is rendered markdown (a code block), and no name is on the page before the vote.
  await expect(left.locator("pre code")).toBeVisible({ timeout: 20_000 });
  await expect(right.locator("pre code")).toBeVisible({ timeout: 20_000 });
  const before = await voter.content();
  expect(before).not.toContain("Live Alpha");
  expect(before).not.toContain("live-e2e-a");
  await expect(voter.getByTestId("vote-left")).toBeEnabled();
  await voter.screenshot({ path: "e2e/screenshots/live-answered-375.png", fullPage: true });

  // A follow-up continues both conversations.
  await voter.getByRole("textbox", { name: /^Follow up/ }).fill("And with five balls?");
  await voter.getByRole("button", { name: "Send follow-up" }).click();
  await expect(voter.getByTestId("live-prompt")).toHaveCount(2);
  await expect(voter.getByTestId("live-left").nth(1)).toContainText("five balls", { timeout: 20_000 });
  await expect(voter.getByTestId("vote-left")).toBeEnabled({ timeout: 20_000 });

  await voter.getByTestId("vote-left").click();
  const reveal = voter.getByTestId("live-reveal");
  await expect(reveal).toBeVisible();
  await expect(reveal).toContainText("Live Alpha");
  await expect(reveal).toContainText("Live Beta");
  await expect(voter.getByTestId("live-counted")).toContainText("counts");
  await voter.screenshot({ path: "e2e/screenshots/live-reveal-375.png", fullPage: true });
  await voter.getByTestId("live-new").click();
  await expect(voter.getByRole("textbox", { name: "Your prompt" })).toBeVisible();
  await voterContext.close();
});

test("an over-length prompt cannot be sent and the API refuses it with 422", async ({ page }) => {
  await page.goto("/arena/live");
  await page.getByRole("textbox", { name: "Your prompt" }).fill("x".repeat(4001));
  await expect(page.getByText("too long")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeDisabled();
  const res = await page.request.post("/api/live", { data: { prompt: "x".repeat(4001) } });
  expect(res.status()).toBe(422);
});
