import type { MockLink } from "@apollo/client/testing";
import { type Catalog, DEFAULT_CATALOG } from "@team-billing/shared";
import {
  type BillingDetailsFragment,
  type BillingOrgFragment,
  CatalogDocument,
  type DowngradePreviewFieldsFragment,
  DowngradePreviewDocument,
  type EnterpriseRequestItemFragment,
  type InvoiceItemFragment,
  OrgBillingDetailsDocument,
  OrgBillingDocument,
  OrgEnterpriseRequestsDocument,
  OrgInvoicesDocument,
  type SubscriptionFieldsFragment,
} from "../gql/graphql";
import { acme, ada } from "./fixtures";
import { acmePool, bobMember, graceMember, research, typed } from "./team.fixtures";

/** Billing fixtures: Acme as the billing page reads it, on Team or before upgrading. */

export const monthlySubscription: SubscriptionFieldsFragment = {
  status: "active",
  interval: "MONTHLY",
  currentPeriodEnd: "2026-03-05T09:00:00.000Z",
  cancelAtPeriodEnd: false,
  pendingPlan: null,
};

/** Acme on the FREE personal plan, before upgrading. */
export const freeAcme: BillingOrgFragment = {
  id: acme.id,
  name: acme.name,
  plan: "FREE",
  seats: 3,
  myRole: "OWNER",
  softAlertThresholdPercent: 20,
  spacesOwnerOnly: false,
  ssoEnabled: false,
  dpaSigned: false,
  subscription: null,
  pool: null,
};

/** Acme on Team, monthly, with its pool. */
export const teamAcme: BillingOrgFragment = { ...freeAcme, plan: "TEAM", subscription: monthlySubscription, pool: acmePool };

/** The org as the API sends it, `__typename`s included. */
export const typedBillingOrg = (org: BillingOrgFragment) => ({
  __typename: "Org" as const,
  ...org,
  subscription: org.subscription && { __typename: "Subscription" as const, ...org.subscription },
  pool: org.pool && typed.pool(org.pool),
});

export const orgBillingMock = (org: BillingOrgFragment = teamAcme): MockLink.MockedResponse => ({
  request: { query: OrgBillingDocument, variables: { orgId: org.id } },
  result: { data: { org: typedBillingOrg(org) } },
});

/** Acme's first invoice (the Team upgrade) and a second with Bob's seat prorated and a credit for unused time. */
export const firstInvoice: InvoiceItemFragment = {
  id: "in_1",
  number: "ACME-0001",
  status: "paid",
  currency: "usd",
  amountDue: 7_300,
  amountPaid: 7_300,
  periodStart: "2026-01-05T09:00:00.000Z",
  periodEnd: "2026-02-05T09:00:00.000Z",
  createdAt: "2026-01-05T09:00:00.000Z",
  hostedUrl: "http://127.0.0.1:12111/invoices/in_1",
  pdfUrl: "http://127.0.0.1:12111/invoices/in_1/pdf",
  subtotal: 7_300,
  tax: 0,
  total: 7_300,
  customerEmail: ada.email,
  customerTaxIds: [],
  lines: [
    { description: "Team (monthly) base", amount: 4_900, quantity: 1, proration: false, periodStart: null, periodEnd: null },
    { description: "Team seats", amount: 2_400, quantity: 2, proration: false, periodStart: null, periodEnd: null },
  ],
};

export const secondInvoice: InvoiceItemFragment = {
  id: "in_2",
  number: "ACME-0002",
  status: "open",
  currency: "usd",
  amountDue: 8_135,
  amountPaid: 0,
  periodStart: "2026-02-05T09:00:00.000Z",
  periodEnd: "2026-03-05T09:00:00.000Z",
  createdAt: "2026-02-05T09:00:00.000Z",
  hostedUrl: "http://127.0.0.1:12111/invoices/in_2",
  pdfUrl: "http://127.0.0.1:12111/invoices/in_2/pdf",
  subtotal: 8_135,
  tax: 0,
  total: 8_135,
  customerEmail: ada.email,
  customerTaxIds: [],
  lines: [
    {
      description: "Unused time on 2 × Team seat",
      amount: -435,
      quantity: 2,
      proration: true,
      periodStart: "2026-01-20T00:00:00.000Z",
      periodEnd: "2026-02-05T09:00:00.000Z",
    },
    {
      description: "Remaining time on 3 × Team seat",
      amount: 650,
      quantity: 3,
      proration: true,
      periodStart: "2026-01-20T00:00:00.000Z",
      periodEnd: "2026-02-05T09:00:00.000Z",
    },
    { description: "Team (monthly) base", amount: 4_900, quantity: 1, proration: false, periodStart: null, periodEnd: null },
    { description: "Team seats", amount: 3_020, quantity: 3, proration: false, periodStart: null, periodEnd: null },
  ],
};

export const typedInvoice = (i: InvoiceItemFragment) => ({
  __typename: "Invoice" as const,
  ...i,
  customerTaxIds: i.customerTaxIds ? i.customerTaxIds.map((t) => ({ __typename: "TaxId" as const, ...t })) : null,
  lines: i.lines.map((l) => ({ __typename: "InvoiceLine" as const, ...l })),
});

export const invoicesMock = (invoices: InvoiceItemFragment[] = [secondInvoice, firstInvoice]): MockLink.MockedResponse => ({
  request: { query: OrgInvoicesDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, invoices: invoices.map(typedInvoice) } } },
});

export const noBillingDetails: BillingDetailsFragment = { id: acme.id, billingEmail: null, taxIds: [] };

export const typedBillingDetails = (d: BillingDetailsFragment) => ({
  __typename: "Org" as const,
  ...d,
  taxIds: d.taxIds.map((t) => ({ __typename: "TaxId" as const, ...t })),
});

export const billingDetailsMock = (details: BillingDetailsFragment = noBillingDetails): MockLink.MockedResponse => ({
  request: { query: OrgBillingDetailsDocument, variables: { orgId: acme.id } },
  result: { data: { org: typedBillingDetails(details) } },
});

/** What switching Acme to Pro would take: the pool, and Grace's and Bob's access to Research. */
export const acmePreview: DowngradePreviewFieldsFragment = {
  effectiveAt: "2026-03-05T09:00:00.000Z",
  topUpCreditsLost: 2_000,
  monthlyCreditsLost: 8_500,
  membersLosingAccess: [graceMember, bobMember].map(({ id, role, user }) => ({ id, role, user })),
  spacesLosingAccess: [research],
};

export const downgradePreviewMock = (preview: DowngradePreviewFieldsFragment | null = acmePreview): MockLink.MockedResponse => ({
  request: { query: DowngradePreviewDocument, variables: { orgId: acme.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: acme.id,
        downgradePreview: preview && {
          __typename: "DowngradePreview",
          ...preview,
          membersLosingAccess: preview.membersLosingAccess.map((m) => ({
            __typename: "Member",
            ...m,
            user: { __typename: "User", ...m.user },
          })),
          spacesLosingAccess: preview.spacesLosingAccess.map(typed.space),
        },
      },
    },
  },
});

/**
 * A deployment's own prices (its CATALOG_JSON): every number differs from the
 * shared defaults, so a console that used those would fail the tests using it.
 */
export const operatorCatalog: Catalog = {
  currency: "usd",
  personal: {
    STARTER: { monthlyPriceCents: 1_500, monthlyCredits: 1_200 },
    PRO: { monthlyPriceCents: 2_900, monthlyCredits: 4_000 },
  },
  team: {
    baseMonthlyCredits: 10_000,
    creditsPerSeat: 1_500,
    prices: {
      MONTHLY: { baseCents: 5_900, seatCents: 1_500 },
      // $49.90 and $12.50 a month, billed once a year.
      YEARLY: { baseCents: 59_880, seatCents: 15_000 },
    },
  },
  topUp: { minCredits: 2_000, maxCredits: 40_000, stepCredits: 2_000, centsPerStep: 3_000 },
  enterprise: { defaultMonthlyCredits: 80_000 },
};

/** The catalog as the `catalog` query answers it (lists, `__typename`s). */
export const apiCatalog = (catalog: Catalog) => ({
  __typename: "Catalog" as const,
  currency: catalog.currency,
  personalPlans: (["STARTER", "PRO"] as const).map((plan) => ({
    __typename: "PersonalPlanPrice" as const,
    plan,
    ...catalog.personal[plan],
  })),
  team: {
    __typename: "TeamCatalog" as const,
    baseMonthlyCredits: catalog.team.baseMonthlyCredits,
    creditsPerSeat: catalog.team.creditsPerSeat,
    prices: (["MONTHLY", "YEARLY"] as const).map((interval) => ({
      __typename: "TeamPrice" as const,
      interval,
      ...catalog.team.prices[interval],
    })),
  },
  topUp: { __typename: "TopUpCatalog" as const, ...catalog.topUp },
  enterpriseDefaultMonthlyCredits: catalog.enterprise.defaultMonthlyCredits,
});

/** The server's catalog; the default prices unless a test gives others. */
export const catalogMock = (catalog: Catalog = DEFAULT_CATALOG): MockLink.MockedResponse => ({
  request: { query: CatalogDocument },
  result: { data: { catalog: apiCatalog(catalog) } },
});

/** Ada's first "Get in touch", and a later one. */
export const firstEnterpriseRequest: EnterpriseRequestItemFragment = {
  id: "ent_1",
  message: "About 100,000 credits a month.",
  createdAt: "2026-01-20T10:00:00.000Z",
  requestedBy: { id: ada.id, name: ada.name, email: ada.email },
};

export const typedEnterpriseRequest = (r: EnterpriseRequestItemFragment) => ({
  __typename: "EnterpriseRequest" as const,
  ...r,
  requestedBy: { __typename: "User" as const, ...r.requestedBy },
});

export const enterpriseRequestsMock = (requests: EnterpriseRequestItemFragment[] = []): MockLink.MockedResponse => ({
  request: { query: OrgEnterpriseRequestsDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, enterpriseRequests: requests.map(typedEnterpriseRequest) } } },
});

/**
 * What the Billing page's own sections ask for, by the viewer's role and the
 * plan: the catalog always (prices are on every plan's page).
 */
export function billingSectionMocks(org: BillingOrgFragment, catalog: Catalog = DEFAULT_CATALOG): MockLink.MockedResponse[] {
  const manager = org.myRole === "OWNER" || org.myRole === "ADMIN";
  const canSwitch = org.myRole === "OWNER" && org.plan === "TEAM" && org.subscription && !org.subscription.pendingPlan;
  const offersEnterprise = manager && org.plan !== "ENTERPRISE";
  return [
    catalogMock(catalog),
    ...(manager ? [invoicesMock([]), billingDetailsMock()] : []),
    ...(offersEnterprise ? [enterpriseRequestsMock()] : []),
    ...(canSwitch ? [downgradePreviewMock()] : []),
  ];
}
