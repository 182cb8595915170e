import type Stripe from "stripe";
import { expireSession, refreshSession } from "../billing/checkout";
import { productName } from "../billing/descriptions";
import type { Core } from "../core";
import { invalidRequest } from "../errors";
import { embeddedList, type ListParams, paginate } from "../list";
import { buildCheckoutSession, buildLineItem } from "../objects/checkout-session";
import { LIST_FIELDS, mergeMetadata, s } from "../params";
import { input, type Route } from "../routes";
import { createPrice } from "./catalog";

type Metadata = Record<string, string | null> | null;
type Interval = "day" | "week" | "month" | "year";

interface LineItemParams {
  price?: string;
  price_data?: {
    currency: string;
    product?: string;
    product_data?: { name: string; description?: string; metadata?: Metadata };
    unit_amount?: number;
    recurring?: { interval: Interval; interval_count?: number };
  };
  quantity?: number;
}

interface SessionParams {
  mode: "payment" | "subscription" | "setup";
  currency?: string;
  line_items?: LineItemParams[];
  customer?: string;
  customer_email?: string;
  customer_creation?: "always" | "if_required";
  client_reference_id?: string;
  metadata?: Metadata;
  success_url?: string;
  cancel_url?: string;
  expires_at?: number;
  subscription_data?: { metadata?: Metadata; description?: string };
  payment_intent_data?: { metadata?: Metadata; description?: string };
  setup_intent_data?: { metadata?: Metadata; description?: string };
  invoice_creation?: { enabled: boolean; invoice_data?: { metadata?: Metadata; description?: string } };
}

const dataFields = s.obj({ metadata: s.meta(), description: s.str() });

const createFields = {
  mode: s.req(s.enum(["payment", "subscription", "setup"])),
  currency: s.str(),
  line_items: s.arr(
    s.obj({
      price: s.str(),
      price_data: s.obj({
        currency: s.req(s.str()),
        product: s.str(),
        product_data: s.obj({ name: s.req(s.str()), description: s.str(), metadata: s.meta() }),
        unit_amount: s.int({ min: 0 }),
        recurring: s.obj({
          interval: s.req(s.enum(["day", "week", "month", "year"])),
          interval_count: s.int({ min: 1 }),
        }),
        tax_behavior: s.enum(["unspecified"]),
      }),
      quantity: s.int({ min: 1 }),
      adjustable_quantity: s.ignored(),
    }),
  ),
  customer: s.str(),
  customer_email: s.str(),
  customer_creation: s.enum(["always", "if_required"]),
  client_reference_id: s.str(),
  metadata: s.meta(),
  success_url: s.str(),
  cancel_url: s.str(),
  expires_at: s.ts(),
  subscription_data: dataFields,
  payment_intent_data: dataFields,
  setup_intent_data: dataFields,
  invoice_creation: s.obj({ enabled: s.req(s.bool()), invoice_data: dataFields }),
  ui_mode: s.enum(["hosted_page"]),
  // Accepted and ignored: the emulator's page has no such choices.
  allow_promotion_codes: s.ignored(),
  billing_address_collection: s.ignored(),
  locale: s.ignored(),
  payment_method_types: s.ignored(),
  submit_type: s.ignored(),
  tax_id_collection: s.ignored(),
  customer_update: s.ignored(),
};

function resolveLine(core: Core, line: LineItemParams, i: number): Stripe.LineItem {
  const at = `line_items[${i}]`;
  if (line.price && line.price_data)
    throw invalidRequest(`You may only specify one of these parameters: price, price_data.`, `${at}[price]`);
  if (line.quantity === undefined) throw invalidRequest(`Missing required param: ${at}[quantity].`, `${at}[quantity]`, "parameter_missing");
  let price: Stripe.Price;
  if (line.price) {
    price = core.store.prices.find(line.price, `${at}[price]`);
    if (!price.active) throw invalidRequest("The price specified is inactive. This field only accepts active prices.", `${at}[price]`);
  } else if (line.price_data) {
    const d = line.price_data;
    if (!d.product && !d.product_data)
      throw invalidRequest(
        `Missing required param: ${at}[price_data][product_data].`,
        `${at}[price_data][product_data]`,
        "parameter_missing",
      );
    price = createPrice(
      core,
      {
        currency: d.currency,
        unit_amount: d.unit_amount,
        product: d.product,
        product_data: d.product_data,
        recurring: d.recurring,
      },
      false,
      true,
    );
  } else {
    throw invalidRequest(`Missing required param: ${at}[price].`, `${at}[price]`, "parameter_missing");
  }
  return buildLineItem(price, line.quantity, productName(core.store, price));
}

function createSession(core: Core, p: SessionParams): Stripe.Checkout.Session {
  if (p.customer && p.customer_email)
    throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  const customer = p.customer ? core.store.customers.find(p.customer, "customer") : undefined;
  if (p.mode === "setup") return createSetupSession(core, p, customer);
  if (!p.line_items?.length)
    throw invalidRequest("line_items is required in `payment` and `subscription` mode.", "line_items", "parameter_missing");
  if (p.invoice_creation && p.mode !== "payment") {
    throw invalidRequest("`invoice_creation` can only be used in `payment` mode.", "invoice_creation");
  }
  const lines = p.line_items.map((line, i) => resolveLine(core, line, i));
  const prices = lines.map((l) => l.price as Stripe.Price);
  if (p.mode === "payment" && prices.some((x) => x.recurring)) {
    throw invalidRequest(
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
      "line_items",
    );
  }
  if (p.mode === "subscription" && !prices.some((x) => x.recurring)) {
    throw invalidRequest("You must provide at least one recurring price in `subscription` mode when using prices.", "line_items");
  }
  if (prices.some((x) => x.currency !== prices[0].currency)) throw invalidRequest("All prices must be in the same currency.", "line_items");
  const session = buildCheckoutSession({
    mode: p.mode,
    currency: prices[0].currency,
    amountSubtotal: lines.reduce((sum, l) => sum + l.amount_total, 0),
    customer: customer?.id ?? null,
    customerEmail: p.customer_email ?? null,
    clientReferenceId: p.client_reference_id ?? null,
    metadata: mergeMetadata({}, p.metadata),
    successUrl: p.success_url ?? null,
    cancelUrl: p.cancel_url ?? null,
    invoiceCreation: p.invoice_creation?.enabled ?? false,
    publicUrl: core.publicUrl,
    now: core.now(),
  });
  if (p.expires_at !== undefined) session.expires_at = p.expires_at;
  if (p.customer_creation && !customer) session.customer_creation = p.customer_creation;
  if (session.invoice_creation && p.invoice_creation?.invoice_data?.metadata) {
    session.invoice_creation.invoice_data.metadata = mergeMetadata({}, p.invoice_creation.invoice_data.metadata);
  }
  core.store.sessions.insert(session);
  core.store.sessionExtras.set(session.id, {
    lineItems: lines,
    subscriptionMetadata: mergeMetadata({}, p.subscription_data?.metadata),
    subscriptionDescription: p.subscription_data?.description ?? null,
    paymentIntentMetadata: mergeMetadata({}, p.payment_intent_data?.metadata),
    paymentIntentDescription: p.payment_intent_data?.description ?? null,
  });
  return session;
}

/** Setup mode: no line items and no amount; completing it saves a card (a SetupIntent). */
function createSetupSession(core: Core, p: SessionParams, customer: Stripe.Customer | undefined): Stripe.Checkout.Session {
  if (p.line_items?.length) throw invalidRequest("You cannot pass `line_items` in `setup` mode.", "line_items");
  for (const param of ["subscription_data", "payment_intent_data", "invoice_creation"] as const) {
    if (p[param]) throw invalidRequest(`\`${param}\` cannot be used in \`setup\` mode.`, param);
  }
  const session = buildCheckoutSession({
    mode: "setup",
    currency: p.currency?.toLowerCase() ?? null,
    amountSubtotal: null,
    customer: customer?.id ?? null,
    customerEmail: p.customer_email ?? null,
    clientReferenceId: p.client_reference_id ?? null,
    metadata: mergeMetadata({}, p.metadata),
    successUrl: p.success_url ?? null,
    cancelUrl: p.cancel_url ?? null,
    invoiceCreation: false,
    publicUrl: core.publicUrl,
    now: core.now(),
  });
  if (p.expires_at !== undefined) session.expires_at = p.expires_at;
  core.store.sessions.insert(session);
  core.store.sessionExtras.set(session.id, {
    lineItems: [],
    subscriptionMetadata: {},
    subscriptionDescription: null,
    paymentIntentMetadata: {},
    paymentIntentDescription: null,
    setupIntentMetadata: mergeMetadata({}, p.setup_intent_data?.metadata),
    setupIntentDescription: p.setup_intent_data?.description ?? null,
  });
  return session;
}

function findSession(core: Core, id: string): Stripe.Checkout.Session {
  return refreshSession(core, core.store.sessions.find(id, "session"));
}

export const checkoutRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/checkout/sessions",
    fields: createFields,
    handler: (ctx) => createSession(ctx.core, input<SessionParams>(ctx)),
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id",
    fields: {},
    handler: (ctx) => findSession(ctx.core, ctx.params.id),
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions",
    fields: {
      ...LIST_FIELDS,
      customer: s.str(),
      subscription: s.str(),
      payment_intent: s.str(),
      status: s.enum(["open", "complete", "expired"]),
    },
    handler: (ctx) => {
      const p = input<ListParams & { customer?: string; subscription?: string; payment_intent?: string; status?: string }>(ctx);
      const rows = ctx.core.store.sessions.newestFirst(
        (x) =>
          (p.customer === undefined || x.customer === p.customer) &&
          (p.subscription === undefined || x.subscription === p.subscription) &&
          (p.payment_intent === undefined || x.payment_intent === p.payment_intent) &&
          (p.status === undefined || refreshSession(ctx.core, x).status === p.status),
      );
      return paginate(rows, p, "/v1/checkout/sessions");
    },
  },
  {
    method: "GET",
    path: "/v1/checkout/sessions/:id/line_items",
    fields: LIST_FIELDS,
    handler: (ctx) => {
      const session = findSession(ctx.core, ctx.params.id);
      const items = ctx.core.store.sessionExtras.get(session.id)?.lineItems ?? [];
      const url = `/v1/checkout/sessions/${session.id}/line_items`;
      // Line items are listed in the order they were given.
      return paginate(embeddedList(items, url).data, input<ListParams>(ctx), url);
    },
  },
  {
    method: "POST",
    path: "/v1/checkout/sessions/:id/expire",
    fields: {},
    handler: (ctx) => {
      const session = findSession(ctx.core, ctx.params.id);
      expireSession(ctx.core, session);
      return session;
    },
  },
];
