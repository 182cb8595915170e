import type { MockLink } from "@apollo/client/testing";
import type { ErrorCode } from "@team-billing/shared";
import {
  DevToolsEnabledDocument,
  MeDocument,
  MyOrgsDocument,
  type OrgSummaryFragment,
  OrgSwitcherDocument,
  type SessionUserFragment,
} from "../gql/graphql";

export const ada: SessionUserFragment = {
  id: "user_ada",
  name: "Ada Lovelace",
  email: "ada@example.com",
  plan: "PRO",
  isStaff: false,
  emailVerified: true,
};

export const acme: OrgSummaryFragment = { id: "org_acme", name: "Acme", plan: "TEAM", seats: 3 };
export const initech: OrgSummaryFragment = { id: "org_initech", name: "Initech", plan: "PRO", seats: 1 };

export const asUser = (user: SessionUserFragment) => ({ __typename: "User" as const, ...user });
export const asOrg = (org: OrgSummaryFragment) => ({ __typename: "Org" as const, ...org });

/** A GraphQL error as the API sends it: a message and `extensions.code`. */
export const apiError = (code: ErrorCode, message = "Server message") => ({ errors: [{ message, extensions: { code } }] });

export const meMock = (user: SessionUserFragment | null = ada): MockLink.MockedResponse => ({
  request: { query: MeDocument },
  result: { data: { me: user && asUser(user) } },
});

export const myOrgsMock = (orgs: OrgSummaryFragment[]): MockLink.MockedResponse => ({
  request: { query: MyOrgsDocument },
  result: { data: { myOrgs: orgs.map(asOrg) } },
});

export const orgSwitcherMock = (orgs: OrgSummaryFragment[]): MockLink.MockedResponse => ({
  request: { query: OrgSwitcherDocument },
  result: { data: { myOrgs: orgs.map(({ id, name, plan }) => ({ __typename: "Org", id, name, plan, myRole: "OWNER" as const })) } },
});

/** The shell's question whether the server runs with dev tools (a banner when it does). */
export const devToolsMock = (enabled = false): MockLink.MockedResponse => ({
  request: { query: DevToolsEnabledDocument },
  result: { data: { devToolsEnabled: enabled } },
});

/** What every signed-in page asks for: who am I, which orgs for the header, and whether dev tools are on. */
export const signedInMocks = (orgs: OrgSummaryFragment[], user: SessionUserFragment = ada) => [
  meMock(user),
  orgSwitcherMock(orgs),
  devToolsMock(),
];

/**
 * Matches an element by its whole text, as a screen reader reads it, even when
 * the text is split across child elements (e.g. a plan badge "Team" + hidden " plan").
 */
export const fullText = (text: string) => (_content: string, element: Element | null) => element?.textContent === text;
