/** Outbound webhooks in words: the event types an endpoint can pick, and a delivery's outcome. */

/** The types an endpoint can receive (DESIGN "Events and corrections"); `ping` comes only from "Send test event". */
export const WEBHOOK_EVENT_TYPES: readonly { type: string; description: string }[] = [
  { type: "usage_alert.triggered", description: "A usage alert's threshold was crossed" },
  { type: "usage_alert.resolved", description: "What is left rose above an alert's threshold again" },
  { type: "cap.reached", description: "A member or Space reached its cap" },
  { type: "pool.exhausted", description: "The pool ran out of credits" },
  { type: "pool.refilled", description: "The monthly refill" },
  { type: "plan.changed", description: "The plan changed" },
  { type: "seats.changed", description: "Seats were added or removed" },
  { type: "invoice.paid", description: "An invoice was paid" },
  { type: "invoice.payment_failed", description: "A payment failed" },
  { type: "member.joined", description: "Someone joined the org" },
  { type: "member.removed", description: "A member left or was removed" },
  { type: "usage.voided", description: "A recorded call was voided" },
  { type: "cap_increase.requested", description: "A member asked for a higher cap" },
  { type: "cap_increase.decided", description: "A cap request was approved or denied" },
];

/** What an endpoint receives, in words: "All events" for none picked. */
export function eventTypesWords(types: readonly string[]): string {
  return types.length === 0 ? "All events" : types.join(", ");
}

export type DeliveryTone = "good" | "bad" | "neutral";

/** A delivery's status as a badge: PENDING, SUCCEEDED or FAILED (retries exhausted); anything newer as it comes. */
export function deliveryStatus(status: string): { label: string; tone: DeliveryTone } {
  switch (status) {
    case "SUCCEEDED":
      return { label: "Succeeded", tone: "good" };
    case "FAILED":
      return { label: "Failed", tone: "bad" };
    case "PENDING":
      return { label: "Pending", tone: "neutral" };
    default:
      return { label: status, tone: "neutral" };
  }
}

/** The last answer: "HTTP 200", "HTTP 500: <why>", the reason alone when nothing answered, or "Not sent yet". */
export function lastResponseWords(delivery: { attempts: number; lastResponseStatus?: number | null; lastError?: string | null }): string {
  if (delivery.attempts === 0) return "Not sent yet";
  const status = delivery.lastResponseStatus ? `HTTP ${delivery.lastResponseStatus}` : null;
  const error = delivery.lastError?.trim() || null;
  // The error often says the status again ("HTTP 500"); once is enough.
  if (status && error && !error.startsWith(status)) return `${status}: ${error}`;
  return error ?? status ?? "No answer";
}

/** A URL a person typed for an endpoint, checked as far as the browser can: a full http(s) address. */
export function endpointUrlProblem(typed: string): string | null {
  const text = typed.trim();
  if (!text) return "Enter the address that receives the events, starting with https://.";
  try {
    const url = new URL(text);
    if (url.protocol !== "https:" && url.protocol !== "http:") return "The address must start with https://.";
  } catch {
    return "Enter a full address, starting with https://.";
  }
  return null;
}
