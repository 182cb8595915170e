import type { CreditAdjustmentFieldsFragment, PoolFieldsFragment } from "../gql/graphql";
import { CreditAdjustmentsDocument, OrgInvoicesDocument, SupportOrgDocument } from "../gql/graphql";

/** An adjustment as the server answers it. */
export const adjustment = (a: Partial<CreditAdjustmentFieldsFragment> & Pick<CreditAdjustmentFieldsFragment, "id">) => ({
  __typename: "CreditAdjustment" as const,
  at: "2026-02-21T10:00:00.000Z",
  bucket: "TOP_UP" as const,
  credits: 500,
  before: 1_500,
  after: 2_000,
  reason: "Ticket 42",
  actorEmail: "staff@example.com",
  description: "Added 500 credits to the top-up bucket (1,500 → 2,000).",
  reversalOf: null,
  reversedBy: null,
  ...a,
});

/** The org's recent adjustments (support's list). */
export const adjustmentsMock = (list: ReturnType<typeof adjustment>[] = [], orgId = "org_acme") => ({
  request: { query: CreditAdjustmentsDocument, variables: { orgId } },
  result: { data: { org: { __typename: "Org" as const, id: orgId, creditAdjustments: list } } },
});

export const withPool = (pool: PoolFieldsFragment) => ({ __typename: "Pool" as const, ...pool });

/** The support org page's own query: Acme on Team with the given pool. */
export const supportOrgMock = (pool: PoolFieldsFragment, name = "Acme") => ({
  request: { query: SupportOrgDocument, variables: { orgId: "org_acme" } },
  result: {
    data: {
      org: {
        __typename: "Org" as const,
        id: "org_acme",
        name,
        plan: "TEAM" as const,
        seats: 1,
        billingInterval: "MONTHLY" as const,
        softAlertThresholdPercent: 20,
        pool: withPool(pool),
        members: [],
        usage: { __typename: "UsageReport" as const, from: pool.periodStart, to: pool.periodEnd, totalCredits: 0, calls: 0, byMember: [] },
      },
    },
  },
});

export const supportInvoicesMock = () => ({
  request: { query: OrgInvoicesDocument, variables: { orgId: "org_acme" } },
  result: { data: { org: { __typename: "Org" as const, id: "org_acme", invoices: [] } } },
});
