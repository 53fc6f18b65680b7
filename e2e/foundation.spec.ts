import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";

mkdirSync("e2e/screenshots", { recursive: true });

test("the home page explains Concord and links to every section", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Concord" })).toBeVisible();
  for (const name of ["Arena", "Leaderboard", "Judges", "Admin"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByTestId("db-kind")).toHaveText("pglite");
  await expect(page.getByTestId("demo-banner")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/home-1280.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "e2e/screenshots/home-375.png", fullPage: true });
});

test("the health endpoint reports PGlite, the applied migration and the demo rows", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    database: { kind: string; migration: string | null };
    counts: Record<string, number>;
    demo: boolean;
  };
  expect(body.database.kind).toBe("pglite");
  expect(body.database.migration).toMatch(/^\d{14}_/);
  expect(body.demo).toBe(true);
  expect(body.counts.systems).toBeGreaterThanOrEqual(6);
  expect(body.counts.prompts).toBeGreaterThanOrEqual(60);
  expect(body.counts.votes).toBeGreaterThan(1000);
});
