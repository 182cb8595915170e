/**
 * Leaves the console for another site (Stripe's hosted checkout). Its own
 * module so tests can replace it: jsdom cannot navigate.
 */
export function assignLocation(url: string): void {
  window.location.assign(url);
}
