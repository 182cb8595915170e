import type { Route } from "../routes";
import { catalogRoutes } from "./catalog";
import { checkoutRoutes } from "./checkout-sessions";
import { customerRoutes } from "./customers";
import { eventAndWebhookRoutes } from "./events-and-webhooks";
import { invoiceRoutes } from "./invoices";
import { paymentMethodRoutes } from "./payment-methods";
import { refundAndChargeRoutes } from "./refunds-and-charges";
import { subscriptionItemRoutes } from "./subscription-items";
import { scheduleRoutes } from "./subscription-schedules";
import { subscriptionRoutes } from "./subscriptions";

/** Every `/v1` endpoint the emulator speaks. Fixed paths come before `:id` ones that could match them. */
export const allRoutes: Route[] = [
  ...customerRoutes,
  ...catalogRoutes,
  ...checkoutRoutes,
  ...subscriptionRoutes,
  ...subscriptionItemRoutes,
  ...scheduleRoutes,
  ...invoiceRoutes,
  ...eventAndWebhookRoutes,
  ...refundAndChargeRoutes,
  ...paymentMethodRoutes,
];
