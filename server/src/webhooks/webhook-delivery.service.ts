import { type EntityManager, In, IsNull, LessThanOrEqual } from "typeorm";
import { type Clock, wallClock } from "../common/clock";
import { notFound } from "../common/errors";
import { UnreadableSecret } from "../common/secret-box";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, UserEntity, WebhookDeliveryEntity, WebhookEndpointEntity, WebhookEventEntity } from "../entities";
import type { MailService } from "../mail/mail.service";
import type { EndpointSecrets } from "./endpoint-secrets";
import type { AttemptResult, WebhookSender } from "./webhook-sender";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long an event is retried, and how long an endpoint may fail before it is disabled. */
export const GIVE_UP_AFTER_MS = 72 * HOUR;
/** After the 1st, 2nd... failed attempt (the first retry within 10 s), then every 10 hours until 3 days have passed. */
export const RETRY_DELAYS_MS = [5_000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR];
/** How many deliveries one run sends at once. */
const CONCURRENCY = 8;

/** When the attempt after `attempts` failed ones is due, or null when the event's 3 days are over. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const giveUp = createdAt.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= giveUp) return null;
  const delay = RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)];
  // The last attempt lands on the 3-day mark, so a dead endpoint has failed for 3 days when it ends.
  return new Date(Math.min(now.getTime() + delay, giveUp));
}

/**
 * Sends what the outbox holds (job "webhooks", and at once for a redelivery or a ping). A
 * delivery is claimed with a conditional UPDATE of its lease (wall-clock time: it guards
 * processes, not business time), so two processes never send it at once; a process that
 * dies mid-send loses the lease and the delivery is sent again (at least once: receivers
 * dedupe on `webhook-id`). Retries run on the server's clock (dev tools move them); an
 * endpoint that has failed for 3 days is disabled and its OWNERs are emailed.
 */
export class WebhookDeliveryService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sender: WebhookSender,
    private readonly secrets: EndpointSecrets,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly leaseMs: number,
  ) {}

  /** Sends every delivery that is due (up to `batch`), a few at a time; returns how many succeeded. */
  async deliverDue(batch = 100): Promise<number> {
    const due = await this.db.manager.find(WebhookDeliveryEntity, {
      where: { status: "PENDING", nextAttemptAt: LessThanOrEqual(this.clock.now()) },
      order: { nextAttemptAt: "ASC", id: "ASC" },
      take: batch,
    });
    let succeeded = 0;
    const queue = [...due];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) if ((await this.claimAndSend(d.id, false)) === "SUCCEEDED") succeeded++;
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    return succeeded;
  }

  /** Attempts the delivery now (a redelivery or a ping): its answer is in the row returned. */
  async sendNow(deliveryId: string): Promise<WebhookDeliveryEntity> {
    await this.claimAndSend(deliveryId, true);
    return this.db.manager.findOneByOrFail(WebhookDeliveryEntity, { id: deliveryId });
  }

  /** Queues a delivery again (same event id), due now; a FAILED one gets one more attempt. */
  async requeue(orgId: string, deliveryId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const delivery = await em.findOneBy(WebhookDeliveryEntity, { id: deliveryId, orgId });
      if (!delivery) throw notFound("WebhookDelivery");
      const endpoint = await em.findOneBy(WebhookEndpointEntity, { id: delivery.endpointId, deletedAt: IsNull() });
      if (!endpoint) throw notFound("WebhookEndpoint");
      await em.update(WebhookDeliveryEntity, { id: deliveryId }, { status: "PENDING", nextAttemptAt: this.clock.now(), leaseUntil: null });
    });
  }

  private async claimAndSend(deliveryId: string, manual: boolean): Promise<string | null> {
    const now = wallClock.now();
    const claimed = await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(WebhookDeliveryEntity)
        .set({ leaseUntil: new Date(now.getTime() + this.leaseMs) })
        .where("id = :id AND status = 'PENDING' AND (leaseUntil IS NULL OR leaseUntil < :now)", { id: deliveryId, now })
        .execute(),
    );
    if (claimed.affected !== 1) return null;
    const delivery = await this.db.manager.findOneByOrFail(WebhookDeliveryEntity, { id: deliveryId });
    const endpoint = await this.db.manager.findOneBy(WebhookEndpointEntity, { id: delivery.endpointId });
    const event = await this.db.manager.findOneByOrFail(WebhookEventEntity, { id: delivery.eventId });
    if (!endpoint || endpoint.deletedAt || (endpoint.disabledAt && !manual)) {
      await this.db.transaction((em) =>
        em.update(
          WebhookDeliveryEntity,
          { id: deliveryId },
          { status: "FAILED", leaseUntil: null, lastError: "endpoint removed or disabled" },
        ),
      );
      return "FAILED";
    }
    const result = await this.attempt(endpoint, event);
    return this.db.transaction((em) => this.record(em, delivery, endpoint, result, manual));
  }

  /** One signed attempt; a secret this server cannot open fails it, saying so (the secret itself is never told). */
  private attempt(endpoint: WebhookEndpointEntity, event: WebhookEventEntity): Promise<AttemptResult> {
    let secret: string;
    try {
      secret = this.secrets.read(endpoint);
    } catch (error) {
      if (!(error instanceof UnreadableSecret)) throw error;
      return Promise.resolve({ ok: false, status: null, error: error.message });
    }
    return this.sender.send(endpoint.url, secret, event.id, event.body);
  }

  private async record(
    em: EntityManager,
    delivery: WebhookDeliveryEntity,
    endpoint: WebhookEndpointEntity,
    result: AttemptResult,
    manual: boolean,
  ): Promise<string> {
    const now = this.clock.now();
    const attempts = delivery.attempts + 1;
    const seen = {
      attempts,
      lastAttemptAt: now,
      lastResponseStatus: result.status,
      lastError: result.error?.slice(0, 255) ?? null,
      leaseUntil: null,
    };
    if (result.ok) {
      await em.update(WebhookDeliveryEntity, { id: delivery.id }, { ...seen, status: "SUCCEEDED" });
      if (endpoint.failingSince || endpoint.disabledAt)
        await em.update(WebhookEndpointEntity, { id: endpoint.id }, { failingSince: null, disabledAt: null });
      return "SUCCEEDED";
    }
    // A ping or a redelivery is one attempt, asked for by someone watching; the schedule retries the rest.
    const next = delivery.eventType === "ping" ? null : nextAttemptAt(delivery.createdAt, attempts, now);
    await em.update(
      WebhookDeliveryEntity,
      { id: delivery.id },
      { ...seen, status: next ? "PENDING" : "FAILED", nextAttemptAt: next ?? now },
    );
    const failingSince = endpoint.failingSince ?? now;
    if (!endpoint.failingSince) await em.update(WebhookEndpointEntity, { id: endpoint.id }, { failingSince });
    if (!manual && !endpoint.disabledAt && now.getTime() - failingSince.getTime() >= GIVE_UP_AFTER_MS)
      await this.disable(em, endpoint, now);
    return next ? "PENDING" : "FAILED";
  }

  /** After 3 days of failures: nothing more is sent to it (its pending deliveries fail) and its OWNERs are told. */
  private async disable(em: EntityManager, endpoint: WebhookEndpointEntity, now: Date): Promise<void> {
    await em.update(WebhookEndpointEntity, { id: endpoint.id }, { disabledAt: now });
    await em.update(
      WebhookDeliveryEntity,
      { endpointId: endpoint.id, status: "PENDING" },
      { status: "FAILED", lastError: "endpoint disabled after 3 days of failures" },
    );
    const org = await em.findOneByOrFail(OrgEntity, { id: endpoint.orgId });
    const owners = await em.findBy(MembershipEntity, { orgId: endpoint.orgId, role: "OWNER", active: true });
    const users = owners.length ? await em.findBy(UserEntity, { id: In(owners.map((o) => o.userId)) }) : [];
    const settings = `${this.publicUrl}/orgs/${encodeURIComponent(endpoint.orgId)}/team#webhooks`;
    for (const user of users) {
      await this.mail.enqueue(em, {
        kind: "webhook_disabled",
        dedupeKey: `webhook-disabled:${endpoint.id}:${now.getTime()}:${user.id}`,
        to: user.email,
        subject: `${org.name}: webhook endpoint disabled after 3 days of failures`,
        text: [
          `Hello ${user.name},`,
          "",
          `Every delivery to ${endpoint.url} has failed since ${endpoint.failingSince?.toUTCString() ?? now.toUTCString()}, so Team Billing stopped sending to it.`,
          "Events from now on are not queued for it. Once it answers again, send a test event or redeliver an event from the delivery log: a success turns it back on.",
          "",
          `Webhooks of ${org.name}: ${settings}`,
        ].join("\n"),
      });
    }
  }
}
