import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { demoSystems } from "../lib/demo/systems";

mkdirSync("e2e/screenshots", { recursive: true });

const truth = new Map(demoSystems.map((s) => [s.slug, s.trueStrength]));
const MARKDOWN_HEAVY = demoSystems.find((s) => s.style === "markdown-heavy")!.slug;

interface RankJson {
  systems: { system: string; rating: number; ci_low: number; ci_high: number; rank: number; battles: number }[];
  meta: { votes: number; demo: boolean; ci_label: string };
}

/** Every pair whose intervals do not overlap is ordered as the true strengths are. */
function expectConsistent(body: RankJson, skip: string[] = []) {
  const rows = body.systems.filter((s) => !skip.includes(s.system));
  let separated = 0;
  for (const a of rows)
    for (const b of rows)
      if (a.ci_low > b.ci_high) {
        separated++;
        expect(truth.get(a.system)!, `${a.system} above ${b.system}`).toBeGreaterThan(truth.get(b.system)!);
      }
  expect(separated).toBeGreaterThan(3);
}

async function tableSystems(page: Page): Promise<string[]> {
  return page.locator('[data-testid="leaderboard-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-system") ?? ""));
}

test("the leaderboard renders the demo, ordered as the true strengths where the CIs separate", async ({ page, request }) => {
  await page.goto("/leaderboard?set=demo");
  await expect(page.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();
  await expect(page.getByTestId("demo-label")).toBeVisible();
  await expect(page.getByText("95% CI (bootstrap, 1000 rounds)").first()).toBeVisible();
  await expect(page.locator('[data-testid="leaderboard-table"] tbody tr')).toHaveCount(6);
  await expect(page.getByTestId("ci-plot").locator("svg").first()).toBeVisible();
  await expect(page.getByText("rating (BT, 400-pt scale)").first()).toBeVisible();

  const crowd = (await (await request.get("/api/leaderboard?set=demo")).json()) as RankJson;
  expect(crowd.meta.demo).toBe(true);
  expect(await tableSystems(page)).toEqual(crowd.systems.map((s) => s.system));
  // the crowd over-rewards the markdown-heavy system by design (lib/demo/simulate.ts); the rest follow the truth
  expectConsistent(crowd, [MARKDOWN_HEAVY]);
  const fair = (await (await request.get("/api/leaderboard?source=judge:demo-judge-fair&set=demo")).json()) as RankJson;
  expectConsistent(fair);

  // heatmap hover readout
  await page.getByTestId("chart-heatmap").locator("rect").nth(1).hover();
  await expect(page.getByTestId("heatmap-hover")).toContainText(" vs ");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "e2e/screenshots/leaderboard-1280.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "e2e/screenshots/leaderboard-375.png", fullPage: true });
});

test("filters and toggles live in the URL and change the table", async ({ page }) => {
  await page.goto("/leaderboard");
  const before = Number(await page.getByTestId("vote-count").textContent());
  const category = await page.getByTestId("filter-category").locator("option").nth(1).getAttribute("value");
  await page.getByTestId("filter-category").selectOption(category!);
  await expect(page).toHaveURL(new RegExp(`category=${category}`));
  await expect.poll(async () => Number(await page.getByTestId("vote-count").textContent())).toBeLessThan(before);

  // the checkboxes show the URL's state: click, then the URL (and with it the box) changes
  await page.getByTestId("toggle-exclude-flagged").click();
  await expect(page).toHaveURL(/excludeFlagged=1/);
  await expect(page.getByTestId("toggle-exclude-flagged")).toBeChecked();
  await page.getByTestId("toggle-method").getByRole("radio", { name: "Sandwich" }).click();
  await expect(page).toHaveURL(/method=sandwich/);
  await expect(page.getByText("95% CI (sandwich)").first()).toBeVisible();
  await page.getByTestId("toggle-rating").getByRole("radio", { name: "Online Elo" }).click();
  await expect(page).toHaveURL(/rating=elo/);
  await expect(page.getByText("online Elo, K=4").first()).toBeVisible();

  // the URL alone reproduces the view
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId("toggle-exclude-flagged")).toBeChecked();
  await expect(page.getByText("online Elo, K=4").first()).toBeVisible();

  await page.goto("/leaderboard?source=judge:demo-judge-biased");
  await expect(page.getByTestId("filter-source")).toHaveValue("judge:demo-judge-biased");
  await page.getByTestId("sort-system").click();
  await expect(page).toHaveURL(/sort=system/);
});

test("style control changes the markdown-heavy system's rating and shows coefficients", async ({ page }) => {
  await page.goto("/leaderboard?set=demo");
  const cell = page.locator(`tr[data-system="${MARKDOWN_HEAVY}"] [data-testid="rating"]`);
  const plain = await cell.textContent();
  await page.getByTestId("toggle-style").click();
  await expect(page).toHaveURL(/style=1/);
  await expect(page.getByTestId("style-coefficients")).toBeVisible({ timeout: 30_000 });
  await expect(cell).not.toHaveText(plain!);
  await expect(page.getByText("style-controlled rating (BT, 400-pt scale)").first()).toBeVisible();
});

test("the table downloads as CSV with every row", async ({ page }) => {
  await page.goto("/leaderboard?set=demo");
  const download = page.waitForEvent("download");
  await page.getByRole("region", { name: "Ranking" }).getByRole("button", { name: "CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain(`rank (UB),system,name,"rating (BT, 400-pt scale)","95% CI (bootstrap, 1000 rounds) low"`);
  expect(lines).toHaveLength(7);
  for (const s of demoSystems) expect(csv).toContain(s.slug);
  const png = page.waitForEvent("download");
  await page.getByTestId("chart-ci").getByRole("button", { name: "PNG" }).click();
  expect((await png).suggestedFilename()).toBe("leaderboard-ratings.png");
});

test("a vote cast in another page appears within 5 s", async ({ page, context }) => {
  await page.goto("/leaderboard");
  const before = Number(await page.getByTestId("vote-count").textContent());
  const other = await context.newPage();
  const next = await other.request.get("/api/battles/next");
  expect(next.status()).toBe(200);
  const { ticket } = (await next.json()) as { ticket: string };
  const vote = await other.request.post(`/api/battles/${ticket}/vote`, { data: { outcome: "left", timeToVoteMs: 4000 } });
  expect(vote.status()).toBe(200);
  await expect.poll(async () => Number(await page.getByTestId("vote-count").textContent()), { timeout: 5000, intervals: [250] }).toBe(before + 1);
});

test("the system page shows history, opponents, categories and revealed battles", async ({ page }) => {
  await page.goto("/leaderboard");
  await page.locator(`tr[data-system="demo-meridian-70b"] a`).click();
  await expect(page).toHaveURL(/\/systems\/demo-meridian-70b/);
  await expect(page.getByRole("heading", { level: 1, name: /Meridian-70B/ })).toBeVisible();
  await expect(page.getByTestId("chart-history").locator("svg").first()).toBeVisible();
  await expect(page.getByText("online Elo (K=4, 400-pt scale)").first()).toBeVisible();
  await expect(page.getByTestId("category-table").locator("tbody tr").first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "e2e/screenshots/system-1280.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "e2e/screenshots/system-375.png", fullPage: true });
  await page.getByRole("link", { name: "← Leaderboard" }).click();
  await expect(page).toHaveURL(/\/leaderboard$/);
});
