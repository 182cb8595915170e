import { Column, Entity, Index } from "typeorm";
import { DateTimeColumn, IdColumn, IntColumn, RefColumn, StringColumn } from "../db/columns";

/** A partner's URL that receives the org's events, signed with its own secret (Standard Webhooks). */
@Entity("webhook_endpoint")
@Index("ix_webhook_endpoint_org", ["orgId", "deletedAt"])
export class WebhookEndpointEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @Column({ type: "text" }) url: string;
  /** `whsec_` + base64 of 24 random bytes: what signs every delivery (shown once, at creation). */
  /** Sealed (see EndpointSecrets); a row from before sealing holds `whsec_...` until the webhook-secrets job seals it. */
  @StringColumn(255) secret: string;
  /** Event types it receives; empty: every type. */
  @Column({ type: "simple-json" }) eventTypes: string[];
  @RefColumn() createdByUserId: string;
  @DateTimeColumn() createdAt: Date;
  /** The first failure of the current run of failures; cleared by a success. */
  @DateTimeColumn({ nullable: true }) failingSince: Date | null;
  /** Set after 3 days of failures: nothing is sent to it until a redelivery or ping succeeds. */
  @DateTimeColumn({ nullable: true }) disabledAt: Date | null;
  @DateTimeColumn({ nullable: true }) deletedAt: Date | null;
}

/**
 * One event, written in the transaction of the change (the outbox); its id is the body's
 * `id` and the `webhook-id` header on every attempt. `dedupeKey` (unique; null for every
 * event so far) is room for an event whose cause cannot tell "once" by itself.
 */
@Entity("webhook_event")
@Index("ix_webhook_event_org", ["orgId", "createdAt"])
export class WebhookEventEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @StringColumn(40) type: string;
  @Index("uq_webhook_event_dedupe", { unique: true })
  @StringColumn(191, { nullable: true })
  dedupeKey: string | null;
  /** The JSON body sent, exactly as signed. */
  @Column({ type: "text" }) body: string;
  @DateTimeColumn() createdAt: Date;
}

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event to one endpoint: attempted until it succeeds or 3 days have passed. */
@Entity("webhook_delivery")
@Index("ix_webhook_delivery_due", ["status", "nextAttemptAt"])
@Index("ix_webhook_delivery_org", ["orgId", "createdAt"])
@Index("ix_webhook_delivery_endpoint", ["endpointId", "status"])
export class WebhookDeliveryEntity {
  @IdColumn() id: string;
  @RefColumn() orgId: string;
  @RefColumn() eventId: string;
  @StringColumn(40) eventType: string;
  @RefColumn() endpointId: string;
  @StringColumn(16) status: DeliveryStatus;
  @IntColumn({ default: 0 }) attempts: number;
  @DateTimeColumn() nextAttemptAt: Date;
  /** A process sending it holds it until then, so two processes never send it at once. */
  @DateTimeColumn({ nullable: true }) leaseUntil: Date | null;
  @DateTimeColumn({ nullable: true }) lastAttemptAt: Date | null;
  @IntColumn({ nullable: true }) lastResponseStatus: number | null;
  /** Why the last attempt failed, in words (timeout, refused address, HTTP 500...). */
  @StringColumn(255, { nullable: true }) lastError: string | null;
  @DateTimeColumn() createdAt: Date;
}
