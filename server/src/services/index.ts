import { type Clock, wallClock } from "../clock";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { ForecastService } from "../analytics/forecast.service";
import { UsageService } from "../analytics/usage.service";
import { CapService } from "../credits/cap.service";
import { EnterpriseService } from "./enterprise.service";
import { CreditStore } from "../credits/credit-store";
import { CreditHistoryService } from "../credits/credit-history.service";
import { MeteringService } from "../credits/metering.service";
import { PersonalService } from "../credits/personal.service";
import { PoolService } from "../credits/pool.service";
import { RefusedCallsService } from "../credits/refused-calls.service";
import { ReservationService } from "../credits/reservation.service";
import { MailService } from "../mail/mail.service";
import { BillingService } from "../stripe/billing.service";
import { CheckoutService } from "../stripe/checkout.service";
import { DowngradeService } from "../stripe/downgrade.service";
import { InvoicePreviewService } from "../stripe/invoice-preview.service";
import { PaymentMethodService } from "../stripe/payment-method.service";
import { PersonalCheckoutService } from "../stripe/personal-checkout.service";
import { SubscriptionService } from "../stripe/subscription.service";
import { SeatSyncService } from "../stripe/seat-sync.service";
import type { StripeGateway } from "../stripe/stripe-gateway";
import { WebhookService } from "../stripe/webhook.service";
import type { MailTransport } from "../mail/mail.transport";
import type { LimiterStore } from "../limits/limiter-store";
import { OperationLimits } from "../limits/operation-limits";
import { ApiKeyService } from "./api-key.service";
import { AuditService } from "./audit.service";
import { AuthService } from "./auth.service";
import { InvitationService } from "./invitation.service";
import { MemberService } from "./member.service";
import { OrgAccess } from "./org-access";
import { OrgService } from "./org.service";
import { SpaceService } from "./space.service";
import { SupportService } from "./support.service";
import { LedgerCheckService } from "../support/ledger-check.service";

/** The composition root: every service, wired once per app instance. */
export interface ServiceOptions {
  /** Coalesce concurrent usage calls of one org into shared transactions (default on). */
  coalesceUsage?: boolean;
}

export function createServices(
  db: Database,
  clock: Clock,
  config: Config,
  transport: MailTransport,
  log: (message: string) => void,
  gateway: StripeGateway,
  runJobs: () => Promise<unknown>,
  limits: LimiterStore,
  options: ServiceOptions = {},
) {
  const audit = new AuditService(db, clock);
  const mail = new MailService(db, clock, transport, config.mailFrom, log);
  const store = new CreditStore(db, clock, config.catalog, mail, config.publicUrl);
  const seats = new SeatSyncService(db, clock, gateway, store, config.catalog, log);
  const apiKeys = new ApiKeyService(db, clock, audit, limits);
  const members = new MemberService(db, clock, audit, seats, apiKeys);
  const pools = new PoolService(db, clock, config.catalog, store, audit);
  const personal = new PersonalService(db, clock, config.catalog, audit);
  const orgs = new OrgService(db, clock, audit, config.orgsPerUser);
  const subscriptions = new SubscriptionService(db, clock, store, audit, personal);
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
  const caps = new CapService(db, clock, pools, audit);
  const billing = new BillingService(db, clock, config, gateway, orgs, checkouts, audit, runJobs);
  const downgrades = new DowngradeService(db, clock, gateway, subscriptions, personal, audit);
  const refusedCalls = new RefusedCallsService(db, clock, usage, log);
  const metering = new MeteringService(db, clock, store, pools, personal, members, options.coalesceUsage ?? true);
  metering.refusals = refusedCalls;
  subscriptions.onDowngraded = (em, orgId, subscriptionId) => downgrades.complete(em, orgId, subscriptionId);
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
    refusedCalls,
    caps,
    reservations: new ReservationService(db, clock, store, pools, members),
    seats,
    invitations: new InvitationService(
      db,
      clock,
      audit,
      mail,
      config.sessionSecret,
      config.publicUrl,
      seats,
      config.invitationsPerOrgPerDay,
    ),
    spaces: new SpaceService(db, clock, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
