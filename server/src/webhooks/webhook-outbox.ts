import { type EntityManager, IsNull } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookEventEntity } from "../entities";
import type { WebhookBody, WebhookEventType } from "./event-types";

/** An event's `data`, or how to read it (read only when some endpoint takes the event). */
export type EventData = Record<string, unknown> | (() => Promise<Record<string, unknown>>);

/**
 * The webhooks' outbox: an event and one delivery per endpoint that wants it, written in
 * the transaction of the change (a rolled-back change sends nothing; a committed one is
 * delivered at least once). Endpoints made later do not receive earlier events.
 */
export class WebhookOutbox {
  constructor(private readonly clock: Clock) {}

  /**
   * Writes the event for the org's enabled endpoints that take its type; without such an
   * endpoint nothing is written (null). "Once per crossing / period" is the emitter's rule
   * (the alert's, the cap's and the pool's state under the pool lock), not the outbox's.
   */
  async publish(em: EntityManager, orgId: string, type: WebhookEventType, data: EventData): Promise<WebhookEventEntity | null> {
    const endpoints = (await em.findBy(WebhookEndpointEntity, { orgId, deletedAt: IsNull(), disabledAt: IsNull() })).filter(
      (e) => e.eventTypes.length === 0 || e.eventTypes.includes(type),
    );
    if (endpoints.length === 0) return null;
    const event = await this.write(em, orgId, type, typeof data === "function" ? await data() : data);
    for (const endpoint of endpoints) await this.deliver(em, event, endpoint);
    return event;
  }

  /** The event alone (a ping goes to one endpoint whatever its types). */
  async write(em: EntityManager, orgId: string, type: WebhookEventType, data: Record<string, unknown>) {
    const now = this.clock.now();
    const id = `msg_${newId().replace(/-/g, "")}`;
    const body: WebhookBody = { id, type, createdAt: now.toISOString(), orgId, data };
    const event = Object.assign(new WebhookEventEntity(), { id, orgId, type, dedupeKey: null, body: JSON.stringify(body), createdAt: now });
    await em.insert(WebhookEventEntity, event);
    return event;
  }

  /** A delivery of `event` to `endpoint`, due now. */
  async deliver(em: EntityManager, event: WebhookEventEntity, endpoint: WebhookEndpointEntity): Promise<WebhookDeliveryEntity> {
    const now = this.clock.now();
    const delivery = Object.assign(new WebhookDeliveryEntity(), {
      id: newId(),
      orgId: event.orgId,
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      status: "PENDING" as const,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastAttemptAt: null,
      lastResponseStatus: null,
      lastError: null,
      createdAt: now,
    });
    await em.insert(WebhookDeliveryEntity, delivery);
    return delivery;
  }
}
