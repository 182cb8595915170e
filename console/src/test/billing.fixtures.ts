import type { MockLink } from "@apollo/client/testing";
import { type BillingOrgFragment, OrgBillingDocument, type SubscriptionFieldsFragment } from "../gql/graphql";
import { acme } from "./fixtures";
import { acmePool, typed } from "./team.fixtures";

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
