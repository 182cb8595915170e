import type { MockLink } from "@apollo/client/testing";
import { type CapItemFragment, OrgUsageDocument, OrgUsageEventsDocument, type Role, type UsageEventItemFragment } from "../gql/graphql";
import { acme } from "./fixtures";
import { acmePool, adaMember, bobMember, research, typed } from "./team.fixtures";

/** Org usage fixtures: Acme's current period, its calls, and what voiding one changes. */

/** Bob's calls in Research: one split between top-up and monthly, one all monthly, one voided already. */
export const splitCall: UsageEventItemFragment = {
  id: "evt_split",
  memberId: bobMember.id,
  spaceId: research.id,
  model: "gpt-4o",
  credits: 15,
  fromTopUp: 12,
  fromMonthly: 3,
  occurredAt: "2026-02-20T10:00:00.000Z",
  voidedAt: null,
  voidReason: null,
};
export const lastPeriodCall: UsageEventItemFragment = {
  ...splitCall,
  id: "evt_last_period",
  model: "claude-sonnet",
  credits: 40,
  fromTopUp: 0,
  fromMonthly: 40,
  occurredAt: "2026-02-01T10:00:00.000Z",
};
export const voidedCall: UsageEventItemFragment = {
  ...splitCall,
  id: "evt_voided",
  credits: 100,
  fromTopUp: 0,
  fromMonthly: 100,
  occurredAt: "2026-02-18T10:00:00.000Z",
  voidedAt: "2026-02-19T10:00:00.000Z",
  voidReason: "Test run against production",
};

/** The usage page's report, with totals as given (the server counts voided calls out). */
export const orgUsageMock = (
  myRole: Role,
  { totalCredits = 155, calls = 2, caps = [] as CapItemFragment[], pool = acmePool } = {},
): MockLink.MockedResponse => ({
  request: { query: OrgUsageDocument, variables: { orgId: acme.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: acme.id,
        name: acme.name,
        plan: "TEAM",
        myRole,
        softAlertThresholdPercent: 20,
        pool: typed.pool(pool),
        forecast: { __typename: "Forecast", burnPerDay: 10, daysLeft: 40, runsOutBeforeReset: false, historyHours: 168 },
        caps: caps.map(typed.cap),
        usage: {
          __typename: "UsageReport",
          from: acmePool.periodStart,
          to: acmePool.periodEnd,
          totalCredits,
          calls,
          byMember: [{ __typename: "UsageByMember", memberId: bobMember.id, name: "Bob Builder", credits: totalCredits, calls }],
          bySpace: [{ __typename: "UsageBySpace", spaceId: research.id, name: research.name, credits: totalCredits, calls }],
          byModel: [{ __typename: "UsageByModel", model: "gpt-4o", credits: totalCredits, calls }],
          daily: [{ __typename: "UsageDay", date: "2026-02-20", credits: totalCredits, calls }],
        },
      },
    },
  },
});

/** The first page of the org's calls (20 a page), with the names they refer to. */
export const usageEventsMock = (events: UsageEventItemFragment[], { hasNextPage = false } = {}): MockLink.MockedResponse => ({
  request: { query: OrgUsageEventsDocument, variables: { orgId: acme.id, first: 20 } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: acme.id,
        members: [adaMember, bobMember].map((m) => ({
          __typename: "Member",
          id: m.id,
          user: { __typename: "User", id: m.user.id, name: m.user.name },
        })),
        spaces: [typed.space(research)],
        usageEvents: {
          __typename: "UsageEventConnection",
          edges: events.map((e) => ({ __typename: "UsageEventEdge", cursor: `cursor:${e.id}`, node: { __typename: "UsageEvent", ...e } })),
          pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: events.at(-1) ? `cursor:${events.at(-1)?.id}` : null },
        },
      },
    },
  },
});
