import { expect, type Locator, type Page } from "@playwright/test";
import { DESKTOP, PHONE, screenshots } from "./browser";

/** Scrolls a section to the top of the screen, below the sticky header, for a viewport screenshot. */
export async function scrollToTop(locator: Locator): Promise<void> {
  await locator.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
}

/** On a phone a section's tables become stacked rows: nothing scrolls sideways. Shot as `<step>-01-section.png`, for the eye. */
export async function expectNoSidewaysScroll(page: Page, section: Locator, step: string): Promise<void> {
  const shot = screenshots(step);
  await page.setViewportSize(PHONE);
  await scrollToTop(section);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await shot(page, "section", "viewport");
  await page.setViewportSize(DESKTOP);
}
