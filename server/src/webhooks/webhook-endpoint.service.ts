import { IsNull } from "typeorm";
import type { Actor } from "../common/actor";
import { actorWords } from "../common/audit-words";
import type { AuditService } from "../common/audit.service";
import type { Clock } from "../common/clock";
import { badInput, notFound } from "../common/errors";
import { decodeCursor, encodeCursor, pageSize } from "../common/paging";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { WebhookDeliveryEntity, WebhookEndpointEntity } from "../entities";
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from "./event-types";
import { checkEndpointUrl } from "./webhook-address";
import type { EndpointSecrets } from "./endpoint-secrets";
import type { WebhookDeliveryService } from "./webhook-delivery.service";
import type { WebhookOutbox } from "./webhook-outbox";

/** How many endpoints one org may have. */
export const MAX_ENDPOINTS = 10;

/** An org's webhook endpoints, their delivery log, redelivery and ping (OWNER and ADMIN; checked at the resolver). */
export class WebhookEndpointService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: WebhookOutbox,
    private readonly deliveries: WebhookDeliveryService,
    private readonly secrets: EndpointSecrets,
    private readonly allowPrivate: boolean,
  ) {}

  list(orgId: string): Promise<WebhookEndpointEntity[]> {
    return this.db.manager.find(WebhookEndpointEntity, { where: { orgId, deletedAt: IsNull() }, order: { createdAt: "ASC", id: "ASC" } });
  }

  /** A new endpoint and its signing secret (see EndpointSecrets), which is answered this once and stored sealed. */
  async create(
    actor: Actor,
    orgId: string,
    rawUrl: string,
    eventTypes: string[],
  ): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const url = checkEndpointUrl(rawUrl, this.allowPrivate);
    const unknown = eventTypes.filter((t) => !isWebhookEventType(t));
    if (unknown.length > 0)
      throw badInput("eventTypes", `unknown type ${unknown.join(", ")}; the types are ${WEBHOOK_EVENT_TYPES.join(", ")}`);
    return this.db.transaction(async (em) => {
      if ((await em.countBy(WebhookEndpointEntity, { orgId, deletedAt: IsNull() })) >= MAX_ENDPOINTS)
        throw badInput("url", `an org has at most ${MAX_ENDPOINTS} webhook endpoints; remove one first`);
      const id = newId();
      const { secret, stored } = this.secrets.create(id);
      const endpoint = Object.assign(new WebhookEndpointEntity(), {
        id,
        orgId,
        url,
        secret: stored,
        eventTypes: [...new Set(eventTypes)],
        createdByUserId: actor.kind === "user" ? actor.user.id : "",
        createdAt: this.clock.now(),
        failingSince: null,
        disabledAt: null,
        deletedAt: null,
      });
      await em.insert(WebhookEndpointEntity, endpoint);
      await this.audit.record(em, actor, {
        orgId,
        action: "webhook.created",
        summary: `${actorWords(actor)} added the webhook endpoint ${url}, receiving ${typesWords(endpoint.eventTypes)}.`,
        after: { url, eventTypes: endpoint.eventTypes },
      });
      return { endpoint, secret };
    });
  }

  /** Removes an endpoint: nothing more is sent to it; its deliveries still pending fail. */
  async delete(actor: Actor, orgId: string, endpointId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const endpoint = await em.findOneBy(WebhookEndpointEntity, { id: endpointId, orgId, deletedAt: IsNull() });
      if (!endpoint) throw notFound("WebhookEndpoint");
      await em.update(WebhookEndpointEntity, { id: endpointId }, { deletedAt: this.clock.now() });
      await em.update(WebhookDeliveryEntity, { endpointId, status: "PENDING" }, { status: "FAILED", lastError: "endpoint removed" });
      await this.audit.record(em, actor, {
        orgId,
        action: "webhook.deleted",
        summary: `${actorWords(actor)} removed the webhook endpoint ${endpoint.url}.`,
        before: { url: endpoint.url, eventTypes: endpoint.eventTypes },
      });
    });
  }

  /** The delivery log, newest first, a page at a time (cursor: the delivery's id, time-ordered). */
  async deliveriesPage(orgId: string, first: number | null, after: string | null) {
    const size = pageSize(first, 20);
    const qb = this.db.manager.createQueryBuilder(WebhookDeliveryEntity, "d").where("d.orgId = :orgId", { orgId });
    if (after !== null) qb.andWhere("d.id < :before", { before: decodeCursor(after, isDeliveryKey)[0] });
    const found = await qb
      .orderBy("d.id", "DESC")
      .take(size + 1)
      .getMany();
    return { deliveries: found.slice(0, size), hasNextPage: found.length > size };
  }

  /** Sends a delivery's event again (the same `webhook-id`), now; its answer is in the result. */
  async redeliver(orgId: string, deliveryId: string): Promise<WebhookDeliveryEntity> {
    await this.deliveries.requeue(orgId, deliveryId);
    return this.deliveries.sendNow(deliveryId);
  }

  /** Sends a `ping` event to one endpoint (disabled or not), now. */
  async ping(actor: Actor, orgId: string, endpointId: string): Promise<WebhookDeliveryEntity> {
    const delivery = await this.db.transaction(async (em) => {
      const endpoint = await em.findOneBy(WebhookEndpointEntity, { id: endpointId, orgId, deletedAt: IsNull() });
      if (!endpoint) throw notFound("WebhookEndpoint");
      const event = await this.outbox.write(em, orgId, "ping", { endpointId, sentBy: actorWords(actor) });
      return this.outbox.deliver(em, event, endpoint);
    });
    return this.deliveries.sendNow(delivery.id);
  }
}

export const encodeDeliveryCursor = (d: WebhookDeliveryEntity): string => encodeCursor([d.id]);
const isDeliveryKey = (key: unknown[]): key is [string] => key.length === 1 && typeof key[0] === "string" && key[0].length <= 36;
const typesWords = (types: string[]): string => (types.length === 0 ? "every event type" : types.join(", "));
