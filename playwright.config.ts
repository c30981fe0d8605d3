import { defineConfig } from "@playwright/test";
import { env } from "./lib/env";

// End-to-end tests in Debian's Chromium against a production build served by scripts/e2e-server.ts,
// which gives each run its own seeded database and drops it afterwards.
const { E2E_PORT: port, CI, CHROMIUM_PATH } = env();
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Specs share one database and two cores: one at a time, and no retries hiding flaky tests.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // Without the networking flags Chromium keeps calling home, which a closed network refuses.
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
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts$/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  webServer: {
    // tsx as a loader, not the tsx wrapper, which SIGKILLs a child that is slow to acknowledge a signal.
    command: "node --conditions=react-server --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the server stop its children and drop its database; the default is SIGKILL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
