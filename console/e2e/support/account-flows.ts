import type { Page } from "@playwright/test";
import { baseUrl } from "./browser";

/** Steps on "Your account" (/account), by what people read on screen. */

/** Opens "Your account" from the user menu in the header. */
export async function openAccount(page: Page, name: string): Promise<void> {
  await page.locator(".user-menu > summary", { hasText: name }).click();
  await page.getByRole("link", { name: "Your account and plan" }).click();
  await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
  await page.getByRole("region", { name: "Your personal plan" }).waitFor();
}

/** Buys a personal plan through the Stripe emulator's hosted checkout; ends back on /account, its banner shown. */
export async function buyPersonalPlan(page: Page, plan: "Starter" | "Pro"): Promise<void> {
  await page
    .getByRole("region", { name: "Choose a personal plan" })
    .getByRole("button", { name: `Buy ${plan}` })
    .click();
  await page.waitForURL((url) => url.pathname.startsWith("/checkout/") && url.origin !== baseUrl());
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("region", { name: `You're on ${plan}` }).waitFor();
}

/** Cancels the personal plan at the period's end through its confirmation; ends on the "ends on" notice. */
export async function cancelPersonalPlan(page: Page, plan: "Starter" | "Pro"): Promise<void> {
  await page
    .getByRole("region", { name: "Your personal plan" })
    .getByRole("button", { name: `Cancel ${plan}…` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Cancel your ${plan} plan?` });
  await dialog.getByRole("button", { name: `Cancel ${plan}`, exact: true }).click();
  await page.getByRole("heading", { name: new RegExp(`Your ${plan} plan ends on`) }).waitFor();
}
