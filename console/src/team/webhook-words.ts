import { WEBHOOK_EVENTS } from "@team-billing/shared";

/** Outbound webhooks in words: the event types an endpoint can pick, and a delivery's outcome. */

/** The types an endpoint can pick (`@team-billing/shared`); `ping` comes only from "Send test event". */
export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.filter((e) => e.type !== "ping");

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
