/**
 * The outbound webhook event types (DESIGN "Events and corrections"), each with what it
 * means in words: the server sends them, the console offers them to pick. `ping` is sent
 * only on request (the console's "Send test event").
 */
export const WEBHOOK_EVENTS = [
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
  { type: "ping", description: "A test event, sent on request" },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["type"];
