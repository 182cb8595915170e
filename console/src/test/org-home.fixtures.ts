import type { MockLink } from "@apollo/client/testing";
import { OrgHomeDocument, type OrgSummaryFragment, type PoolFieldsFragment, type Role } from "../gql/graphql";
import { typed } from "./team.fixtures";

export interface OrgHome {
  billingInterval?: "MONTHLY" | "YEARLY" | null;
  myRole?: Role;
  pool?: PoolFieldsFragment | null;
  /** Ada's own member cap. */
  myCap?: { monthlyLimit: number; usedThisPeriod: number };
}

/** The org home page's query; Ada (user_ada) is member_ada, next to Bob. */
export const orgHomeMock = (
  org: OrgSummaryFragment,
  { billingInterval = null, myRole = "OWNER", pool = null, myCap }: OrgHome = {},
): MockLink.MockedResponse => ({
  request: { query: OrgHomeDocument, variables: { orgId: org.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        ...org,
        billingInterval,
        myRole,
        pool: pool && typed.pool(pool),
        caps: myCap ? [{ __typename: "Cap", id: "cap_ada", scope: "MEMBER", targetId: "member_ada", ...myCap }] : [],
        members: [
          { __typename: "Member", id: "member_ada", user: { __typename: "User", id: "user_ada" } },
          { __typename: "Member", id: "member_bob", user: { __typename: "User", id: "user_bob" } },
        ],
      },
    },
  },
});
