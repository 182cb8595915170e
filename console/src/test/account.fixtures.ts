import type { MockLink } from "@apollo/client/testing";
import {
  AccountDocument,
  AccountOrgsDocument,
  type AccountOrgsQuery,
  type PersonalAccountFragment,
  type SessionUserFragment,
} from "../gql/graphql";
import { catalogMock } from "./billing.fixtures";
import { ada, devToolsMock, meMock, orgSwitcherMock } from "./fixtures";

/** Account fixtures: Ada on Free before buying, and on Pro with part of the month spent. */

export const freeAda: SessionUserFragment = { ...ada, plan: "FREE" };
export const proAda: SessionUserFragment = { ...ada, plan: "PRO" };

export const REFILL_AT = "2026-03-05T09:00:00.000Z";

export const proSubscription = {
  __typename: "Subscription" as const,
  status: "active",
  interval: "MONTHLY" as const,
  currentPeriodEnd: REFILL_AT,
  cancelAtPeriodEnd: false,
};

type Personal = Omit<PersonalAccountFragment, "id" | "plan">;

export const freePersonal: Personal = { creditBalance: 0, personalSubscription: null };
export const proPersonal: Personal = { creditBalance: 1_840, personalSubscription: proSubscription };

/** The user as the account page (and the checkout's completion) answer it. */
export const accountUser = (user: SessionUserFragment, personal: Personal) => ({ __typename: "User" as const, ...user, ...personal });

export const accountMock = (user: SessionUserFragment, personal: Personal): MockLink.MockedResponse => ({
  request: { query: AccountDocument },
  result: { data: { me: accountUser(user, personal) } },
});

type AccountOrg = AccountOrgsQuery["myOrgs"][number];

/** An org of Ada's for "Where your credits are spent"; `allowed` is her own consent there. */
export const accountOrg = (id: string, name: string, plan: AccountOrg["plan"], allowed: boolean): AccountOrg => ({
  id,
  name,
  plan,
  myRole: "OWNER",
  members: [
    { id: `m_${id}_ada`, personalCreditsAllowed: allowed, user: { id: ada.id } },
    { id: `m_${id}_bob`, personalCreditsAllowed: true, user: { id: "user_bob" } },
  ],
});

export const accountOrgsMock = (orgs: AccountOrg[]): MockLink.MockedResponse => ({
  request: { query: AccountOrgsDocument },
  result: {
    data: {
      myOrgs: orgs.map((org) => ({
        __typename: "Org",
        ...org,
        members: org.members.map((m) => ({ __typename: "Member", ...m, user: { __typename: "User", ...m.user } })),
      })),
    },
  },
});

/** Everything /account asks for as `user` with `personal`, before any action. */
export const accountPageMocks = (user: SessionUserFragment, personal: Personal, orgs: AccountOrg[] = []) => [
  meMock(user),
  orgSwitcherMock([]),
  devToolsMock(),
  accountMock(user, personal),
  accountOrgsMock(orgs),
  catalogMock(),
];
