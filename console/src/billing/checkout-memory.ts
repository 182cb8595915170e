/**
 * What this tab started a checkout for, keyed by its Stripe session id. Stripe
 * sends the browser back with only the session id; this tells the return page
 * whether it was an upgrade or a top-up, and for which org, before the server
 * answers. sessionStorage survives the round trip through Stripe in the same
 * tab and goes with it. Best effort: without it the return page still works.
 */
export interface StartedCheckout {
  kind: "TEAM" | "TOP_UP";
  orgId: string;
  /** A top-up's credits, so the billing page can say "5,000 credits added". */
  credits?: number;
}

const PREFIX = "team-billing:checkout:";
/** The checkout the return page completed last (forgotten by session, kept for the billing page's banner). */
const LAST = `${PREFIX}last-completed`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled
  }
}

export function rememberCheckout(sessionId: string, started: StartedCheckout): void {
  try {
    storage()?.setItem(PREFIX + sessionId, JSON.stringify(started));
  } catch {
    // full or disabled: the return page falls back to what the server says
  }
}

export function recallCheckout(sessionId: string): StartedCheckout | null {
  try {
    const raw = storage()?.getItem(PREFIX + sessionId);
    const parsed = raw ? (JSON.parse(raw) as Partial<StartedCheckout>) : null;
    if ((parsed?.kind === "TEAM" || parsed?.kind === "TOP_UP") && typeof parsed.orgId === "string") {
      const credits = typeof parsed.credits === "number" && Number.isSafeInteger(parsed.credits) ? parsed.credits : undefined;
      return credits === undefined ? { kind: parsed.kind, orgId: parsed.orgId } : { kind: parsed.kind, orgId: parsed.orgId, credits };
    }
  } catch {
    // unreadable: treat as unknown
  }
  return null;
}

export function forgetCheckout(sessionId: string): void {
  try {
    const raw = storage()?.getItem(PREFIX + sessionId);
    if (raw) storage()?.setItem(LAST, raw);
    storage()?.removeItem(PREFIX + sessionId);
  } catch {
    // nothing to forget
  }
}

/** What the checkout completed last was (read once by the billing page's banner), without forgetting it. */
export function peekLastCompleted(): StartedCheckout | null {
  return recallCheckout("last-completed");
}

export function clearLastCompleted(): void {
  try {
    storage()?.removeItem(LAST);
  } catch {
    // nothing to clear
  }
}
