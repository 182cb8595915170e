import { type Clock, wallClock } from "./common/clock";
import { DomainEvents } from "./common/domain-events";
import { SeatsChanged } from "./teams/team-events";
import { SubscriptionMirrored } from "./billing/billing-events";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { ForecastService } from "./analytics/forecast.service";
import { UsageService } from "./analytics/usage.service";
import { CapService } from "./credits/cap.service";
import { EnterpriseService } from "./billing/enterprise.service";
import { CreditStore } from "./credits/credit-store";
import { CreditHistoryService } from "./credits/credit-history.service";
import { MeteringService } from "./credits/metering.service";
import { PersonalService } from "./credits/personal.service";
import { PoolService } from "./credits/pool.service";
import { RefusedCallsReportService } from "./analytics/refused-calls-report.service";
import { RefusedCallsService } from "./credits/refused-calls.service";
import { ReservationService } from "./credits/reservation.service";
import { UsageAlertService } from "./credits/usage-alert.service";
import { MailService } from "./mail/mail.service";
import { BillingService } from "./billing/billing.service";
import { CheckoutService } from "./billing/checkout.service";
import { DowngradeService } from "./billing/downgrade.service";
import { InvoicePreviewService } from "./billing/invoice-preview.service";
import { PaymentMethodService } from "./billing/payment-method.service";
import { PersonalCheckoutService } from "./billing/personal-checkout.service";
import { SubscriptionService } from "./billing/subscription.service";
import { SeatSyncService } from "./billing/seat-sync.service";
import type { StripeGateway } from "./billing/stripe-gateway";
import { WebhookService } from "./billing/webhook.service";
import { DevToolsService } from "./dev-tools/dev-tools.service";
import type { JobRunner } from "./jobs/job-runner";
import type { MailTransport } from "./mail/mail.transport";
import type { LimiterStore } from "./limits/limiter-store";
import { OperationLimits } from "./limits/operation-limits";
import { ApiKeyService } from "./accounts/api-key.service";
import { AuditService } from "./common/audit.service";
import { SecretBox } from "./common/secret-box";
import { AuthService } from "./accounts/auth.service";
import { InvitationService } from "./teams/invitation.service";
import { MemberService } from "./teams/member.service";
import { OrgAccess } from "./common/org-access";
import { OrgService } from "./teams/org.service";
import { SpaceService } from "./teams/space.service";
import { SupportService } from "./support/support.service";
import { LedgerCheckService } from "./support/ledger-check.service";
import { EndpointSecrets } from "./webhooks/endpoint-secrets";
import { WebhookDeliveryService } from "./webhooks/webhook-delivery.service";
import { WebhookEndpointService } from "./webhooks/webhook-endpoint.service";
import { WebhookOutbox } from "./webhooks/webhook-outbox";
import { WebhookSender } from "./webhooks/webhook-sender";
import { subscribeWebhooks } from "./webhooks/webhook-subscriptions";
import { VoidUsageService } from "./credits/void-usage.service";
import { CapIncreaseService } from "./credits/cap-increase.service";

export interface ServiceOptions {
  /** Coalesce concurrent usage calls of one org into shared transactions (default on). */
  coalesceUsage?: boolean;
}

/** What the services are built from: infrastructure the app opened. */
export interface ServiceDeps {
  db: Database;
  clock: Clock;
  config: Config;
  transport: MailTransport;
  log: (message: string) => void;
  gateway: StripeGateway;
  jobs: JobRunner;
  limits: LimiterStore;
  options?: ServiceOptions;
}

/** The composition root: every service, wired once per app instance. Nothing but the app (and tests, benches) imports this file. */
export function createServices({ db, clock, config, transport, log, gateway, jobs, limits, options = {} }: ServiceDeps) {
  const events = new DomainEvents(db);
  const audit = new AuditService(db, clock);
  const mail = new MailService(db, clock, transport, config.mailFrom, log);
  const store = new CreditStore(db, clock, config.catalog, mail, config.publicUrl, events);
  const seats = new SeatSyncService(db, clock, gateway, store, config.catalog, log);
  const apiKeys = new ApiKeyService(db, clock, audit, limits);
  const members = new MemberService(db, clock, audit, events, apiKeys);
  const pools = new PoolService(db, clock, config.catalog, store, audit);
  const personal = new PersonalService(db, clock, config.catalog, audit);
  const orgs = new OrgService(db, clock, audit, config.orgsPerUser);
  const subscriptions = new SubscriptionService(db, clock, store, audit, personal, events);
  const checkouts = new CheckoutService(
    db,
    clock,
    gateway,
    config.catalog,
    config.publicUrl,
    orgs,
    pools,
    audit,
    subscriptions,
    personal,
    mail,
  );
  const usage = new UsageService(db, clock, pools);
  const caps = new CapService(db, clock, pools, audit, store.alerts);
  const billing = new BillingService(db, clock, gateway, orgs, checkouts, audit, events);
  const downgrades = new DowngradeService(db, clock, gateway, subscriptions, personal, audit);
  const refusedCalls = new RefusedCallsService(db, clock, log);
  const metering = new MeteringService(db, clock, store, pools, personal, members, refusedCalls, options.coalesceUsage ?? true);
  // Who reacts to what: each handler runs in the emitter's transaction.
  events.on(SeatsChanged, ({ orgId, added }, em) => seats.seatsChanged(em, orgId, added));
  events.on(SubscriptionMirrored, (mirrored, em) => downgrades.subscriptionMirrored(em, mirrored));
  // Outbound webhooks: what the domains tell becomes outbox rows in the same transaction.
  const webhookOutbox = new WebhookOutbox(clock);
  subscribeWebhooks(events, webhookOutbox);
  const webhookSender = new WebhookSender(config.webhookAllowPrivate, config.webhookTimeoutMs);
  // Signing secrets are stored sealed under DATA_ENCRYPTION_KEY (see SecretBox).
  const endpointSecrets = new EndpointSecrets(new SecretBox(config.dataEncryptionKey));
  const webhookDeliveries = new WebhookDeliveryService(
    db,
    clock,
    webhookSender,
    endpointSecrets,
    mail,
    config.publicUrl,
    config.webhookTimeoutMs + 30_000,
  );
  const paymentMethods = new PaymentMethodService(db, gateway, config.publicUrl, config.catalog.currency, orgs, checkouts, audit, log);
  return {
    config,
    clock,
    audit,
    mail,
    // Sessions and login limits run on wall time: the dev clock moves billing time only.
    auth: new AuthService(db, wallClock, config, mail, limits),
    apiKeys,
    limits,
    operations: new OperationLimits(limits, config),
    orgs,
    gateway,
    checkouts,
    subscriptions,
    billing,
    devTools: new DevToolsService(db, clock, config, gateway, jobs),
    downgrades,
    paymentMethods,
    invoicePreviews: new InvoicePreviewService(db, gateway, log),
    personalCheckouts: new PersonalCheckoutService(db, clock, gateway, config.publicUrl, checkouts, subscriptions),
    enterprise: new EnterpriseService(db, clock, config, pools, mail, audit),
    usage,
    forecasts: new ForecastService(clock, pools, caps, usage),
    support: new SupportService(db),
    ledgerCheck: new LedgerCheckService(db, clock),
    creditHistory: new CreditHistoryService(db),
    webhooks: new WebhookService(db, clock, gateway, checkouts, subscriptions, billing, log, paymentMethods),
    members,
    access: new OrgAccess(members, orgs),
    pools,
    personal,
    metering,
    refusedCalls: new RefusedCallsReportService(db, usage),
    caps,
    usageAlerts: new UsageAlertService(db, clock, store, audit),
    reservations: new ReservationService(db, clock, store, pools, members),
    voids: new VoidUsageService(db, clock, store, pools, audit, events),
    capIncreases: new CapIncreaseService(db, clock, caps, pools, mail, audit, events, config.publicUrl),
    seats,
    invitations: new InvitationService(
      db,
      clock,
      audit,
      mail,
      config.sessionSecret,
      config.publicUrl,
      events,
      config.invitationsPerOrgPerDay,
    ),
    spaces: new SpaceService(db, clock, audit),
    webhookDeliveries,
    endpointSecrets,
    webhookEndpoints: new WebhookEndpointService(
      db,
      clock,
      audit,
      webhookOutbox,
      webhookDeliveries,
      endpointSecrets,
      config.webhookAllowPrivate,
    ),
  };
}

export type Services = ReturnType<typeof createServices>;
