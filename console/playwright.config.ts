import { defineConfig } from "@playwright/test";

// End-to-end tests: the system's Chromium against the real server, started once by
// e2e/global.setup.ts on a free port with a fresh SQLite database and a real SMTP
// receiver. Needs `pnpm build` first.
export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.e2e.ts",
  globalSetup: "./e2e/global.setup.ts",
  // One server, one browser at a time: SQLite is single-process, and the
  // screenshots are easier to read in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  // As long as an action may wait (newPerson's default timeout).
  expect: { timeout: 15_000 },
  reporter: "list",
  // Playwright's own output (failure traces), with the screenshots; ignored by git.
  outputDir: "./e2e/artifacts/test-results",
  use: {
    browserName: "chromium",
    // The system's Chromium (Debian's package in CI); no browser download.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
});
