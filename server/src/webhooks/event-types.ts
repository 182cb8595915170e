/** The event types an endpoint can receive (DESIGN "Events and corrections"); `ping` is sent on request only. */
export const WEBHOOK_EVENT_TYPES = [
  "usage_alert.triggered",
  "usage_alert.resolved",
  "cap.reached",
  "pool.exhausted",
  "pool.refilled",
  "plan.changed",
  "seats.changed",
  "invoice.paid",
  "invoice.payment_failed",
  "member.joined",
  "member.removed",
  "usage.voided",
  "cap_increase.requested",
  "cap_increase.decided",
  "ping",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/** The body of every delivery; `id` is also the `webhook-id` header. */
export interface WebhookBody {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  orgId: string;
  data: Record<string, unknown>;
}
