import { WEBHOOK_EVENTS, type WebhookEventType } from "@team-billing/shared";

export type { WebhookEventType };

/** The event types an endpoint can receive (`@team-billing/shared`); `ping` is sent on request only. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENTS.map((e) => e.type);

export const isWebhookEventType = (type: string): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/** The body of every delivery; `id` is also the `webhook-id` header. */
export interface WebhookBody {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  orgId: string;
  data: Record<string, unknown>;
}
