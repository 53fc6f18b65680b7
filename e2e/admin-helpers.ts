import { expect, type Page } from "@playwright/test";

/** Signs in through /signin with the test credentials provider (CONCORD_TEST_CREDENTIALS=1 on the e2e server). */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  const form = page.locator("form", { has: page.locator("#test-email") });
  await form.locator("#test-email").fill(email);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await page.goto("/signin");
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);
}
