import { type BrowserContext, test as base, type Page } from "@playwright/test";
import { newPerson as openPerson } from "./browser";

export { expect } from "@playwright/test";

/**
 * The browser tests' `test`: `newPerson()` opens one person's browser (browser.ts newPerson)
 * in the run's Chromium, and closes it when the test ends.
 */
export const test = base.extend<{ newPerson: () => Promise<{ context: BrowserContext; page: Page }> }>({
  newPerson: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const person = await openPerson(browser);
      contexts.push(person.context);
      return person;
    });
    // Closing a context twice is harmless: some tests close theirs on the way.
    await Promise.all(contexts.map((context) => context.close()));
  },
});
