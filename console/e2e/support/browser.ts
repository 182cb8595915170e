import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { ARTIFACTS_DIR } from "./paths";

/** Where global.setup.ts started the server. */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run the browser tests with `playwright test` (its global setup starts the server).");
  return url;
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * One person's browser: its own cookies (so two people can be signed in at
 * once), clipboard access for the "Copy" buttons, and a fixed locale and
 * time zone so screenshots read the same everywhere.
 */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: DESKTOP,
    locale: "en-US",
    timezoneId: "UTC",
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // A failing page should say why in the test output, not only in a screenshot.
  page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

/**
 * Saves screenshots as `<test>-<nn>-<step>.png`, numbered in the order taken:
 * the whole page from the top, or (`viewport`) what is on screen, for modals.
 */
export function screenshots(test: string): (page: Page, step: string, what?: "page" | "viewport") => Promise<void> {
  let n = 0;
  return async (page, step, what = "page") => {
    n += 1;
    const file = `${test}-${String(n).padStart(2, "0")}-${step}.png`;
    // Let the last requests and render settle; a spinner in a screenshot tells nothing.
    await page.waitForLoadState("networkidle");
    // From the top, or the sticky header would be captured mid-page.
    if (what === "page") await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS_DIR, file), fullPage: what === "page" });
  };
}
