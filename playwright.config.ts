import { defineConfig } from "@playwright/test";

/**
 * e2e: builds the app and starts it exactly as `npm start` does, on a fresh PGlite folder, then drives Debian's
 * Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Never downloads a browser.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e/pglite";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} ${dataDir}.server.json && npx tsx scripts/start.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `pglite:${dataDir}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      CONCORD_TEST_CREDENTIALS: "1",
      CONCORD_ADMIN_EMAILS: "admin@concord.test",
      AUTH_SECRET: "e2e-secret-not-for-production-000000000000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
