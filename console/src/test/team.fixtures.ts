import type { MockLink } from "@apollo/client/testing";
import {
  type ApiKeyItemFragment,
  type AuditEntryFieldsFragment,
  type CapItemFragment,
  type CapRequestItemFragment,
  OrgCapRequestsDocument,
  OrgUsageAlertsDocument,
  OrgWebhookDeliveriesDocument,
  OrgWebhookEndpointsDocument,
  type UsageAlertItemFragment,
  type WebhookDeliveryItemFragment,
  type WebhookEndpointItemFragment,
  type Plan,
  type PoolFieldsFragment,
  OrgApiKeysDocument,
  OrgAuditEntriesDocument,
  OrgInvitationsDocument,
  type PendingInvitationFragment,
  type Role,
  type SessionUserFragment,
  type SpaceItemFragment,
  type TeamMemberFragment,
  TeamSettingsDocument,
} from "../gql/graphql";
import { acme, ada } from "./fixtures";

/** Team fixtures: Acme, owned by Ada, with Grace (ADMIN) and Bob (MEMBER). */

export const grace: SessionUserFragment = {
  id: "user_grace",
  name: "Grace Hopper",
  email: "grace@example.com",
  plan: "FREE",
  isStaff: false,
  emailVerified: true,
};
export const bob: SessionUserFragment = {
  id: "user_bob",
  name: "Bob Builder",
  email: "bob@example.com",
  plan: "FREE",
  isStaff: false,
  emailVerified: true,
};

const member = (id: string, user: SessionUserFragment, role: Role, joinedAt: string): TeamMemberFragment => ({
  id,
  role,
  joinedAt,
  // On for the OWNER (the server's default), off for the others until they agree.
  personalCreditsAllowed: role === "OWNER",
  user: { id: user.id, name: user.name, email: user.email },
});

export const adaMember = member("mem_ada", ada, "OWNER", "2026-01-05T09:00:00.000Z");
export const graceMember = member("mem_grace", grace, "ADMIN", "2026-01-12T09:00:00.000Z");
export const bobMember = member("mem_bob", bob, "MEMBER", "2026-02-02T09:00:00.000Z");

export const carolInvitation: PendingInvitationFragment = {
  id: "inv_carol",
  email: "carol@example.com",
  role: "MEMBER",
  createdAt: "2026-02-20T10:00:00.000Z",
  expiresAt: "2026-02-27T10:00:00.000Z",
  acceptUrl: "https://billing.example.com/invite/inv_carol.sig",
};

export const research: SpaceItemFragment = { id: "space_research", name: "Research" };

export const ciKey: ApiKeyItemFragment = {
  id: "key_ci",
  name: "CI",
  prefix: "tbk_Ab3dE6gH",
  scopes: ["USAGE_READ"],
  createdAt: "2026-02-01T10:00:00.000Z",
  lastUsedAt: null,
  createdByUserId: "user_grace",
  createdByName: "Grace Hopper",
};

export const roleChangedEntry: AuditEntryFieldsFragment = {
  id: "2",
  action: "member.role_changed",
  actorKind: "USER",
  actorName: ada.email,
  at: "2026-02-10T10:00:00.000Z",
  summary: null,
  details: JSON.stringify({ before: { member: grace.email, role: "MEMBER" }, after: { member: grace.email, role: "ADMIN" } }),
};

export const orgCreatedEntry: AuditEntryFieldsFragment = {
  id: "1",
  action: "org.created",
  actorKind: "USER",
  actorName: ada.email,
  at: "2026-01-05T09:00:00.000Z",
  summary: null,
  details: JSON.stringify({ before: null, after: { name: "Acme", owner: ada.email } }),
};

/** Adds the `__typename`s the API sends, so the cache normalizes as it does in the app. */
export const typed = {
  member: (m: TeamMemberFragment) => ({ __typename: "Member" as const, ...m, user: { __typename: "User" as const, ...m.user } }),
  invitation: (i: PendingInvitationFragment) => ({ __typename: "Invitation" as const, ...i }),
  space: (s: SpaceItemFragment) => ({ __typename: "Space" as const, ...s }),
  apiKey: (k: ApiKeyItemFragment) => ({ __typename: "ApiKey" as const, ...k }),
  auditEntry: (e: AuditEntryFixture) => ({ __typename: "AuditEntry" as const, summary: null, ...e }),
  cap: (c: CapItemFragment) => ({ __typename: "Cap" as const, ...c }),
  pool: (p: PoolFieldsFragment) => ({ __typename: "Pool" as const, ...p }),
  alert: (a: UsageAlertItemFragment) => ({ __typename: "UsageAlert" as const, ...a }),
  endpoint: (e: WebhookEndpointItemFragment) => ({ __typename: "WebhookEndpoint" as const, ...e }),
  delivery: (d: WebhookDeliveryItemFragment) => ({ __typename: "WebhookDelivery" as const, ...d }),
  capRequest: (r: CapRequestItemFragment) => ({
    __typename: "CapIncreaseRequest" as const,
    ...r,
    requestedBy: { __typename: "Member" as const, id: r.requestedBy.id, user: { __typename: "User" as const, ...r.requestedBy.user } },
    decidedBy: r.decidedBy && {
      __typename: "Member" as const,
      id: r.decidedBy.id,
      user: { __typename: "User" as const, ...r.decidedBy.user },
    },
  }),
};

/** The soft alert as `usageAlerts` lists it first: the pool's alert for the owner, at the org's threshold. */
export const softAlert: UsageAlertItemFragment = {
  id: "soft-alert",
  scope: "POOL",
  targetId: null,
  thresholdPercent: 20,
  notifyRoles: ["OWNER"],
  triggered: false,
  lastTriggeredAt: null,
};

/** The org's usage alerts (OWNER and ADMIN ask for them): the soft alert, then those added. Answers every refetch. */
export const usageAlertsMock = (alerts: UsageAlertItemFragment[] = [softAlert]): MockLink.MockedResponse => ({
  request: { query: OrgUsageAlertsDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, usageAlerts: alerts.map(typed.alert) } } },
  maxUsageCount: Number.POSITIVE_INFINITY,
});

export const webhookEndpointsMock = (endpoints: WebhookEndpointItemFragment[] = []): MockLink.MockedResponse => ({
  request: { query: OrgWebhookEndpointsDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, webhookEndpoints: endpoints.map(typed.endpoint) } } },
});

/** A delivery's cursor in these fixtures (the server's are opaque). */
export const deliveryCursor = (delivery: { id: string }) => `cursor:${delivery.id}`;

/** One page of the delivery log, as the Webhooks section asks for it (20 a page). */
export const webhookDeliveriesMock = ({
  deliveries = [] as WebhookDeliveryItemFragment[],
  after,
  hasNextPage = false,
}: {
  deliveries?: WebhookDeliveryItemFragment[];
  after?: string;
  hasNextPage?: boolean;
} = {}): MockLink.MockedResponse => {
  const last = deliveries.at(-1);
  return {
    request: { query: OrgWebhookDeliveriesDocument, variables: { orgId: acme.id, first: 20, ...(after === undefined ? {} : { after }) } },
    result: {
      data: {
        org: {
          __typename: "Org",
          id: acme.id,
          webhookDeliveries: {
            __typename: "WebhookDeliveryConnection",
            edges: deliveries.map((d) => ({ __typename: "WebhookDeliveryEdge", cursor: deliveryCursor(d), node: typed.delivery(d) })),
            pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: last ? deliveryCursor(last) : null },
          },
        },
      },
    },
  };
};

/** The cap increase requests the reader may see (every one for OWNER and ADMIN, their own for a MEMBER). */
export const capRequestsMock = (requests: CapRequestItemFragment[] = []): MockLink.MockedResponse => ({
  request: { query: OrgCapRequestsDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, capIncreaseRequests: requests.map(typed.capRequest) } } },
  maxUsageCount: Number.POSITIVE_INFINITY,
});

/** Acme's Team pool for three seats: 11,000 a month, some spent, a top-up left. */
export const acmePool: PoolFieldsFragment = {
  monthlyAllotment: 11_000,
  monthlyRemaining: 8_500,
  topUpRemaining: 2_000,
  totalRemaining: 10_500,
  periodStart: "2026-02-05T09:00:00.000Z",
  periodEnd: "2026-03-05T09:00:00.000Z",
  reserved: 0,
};

interface TeamState {
  myRole: Role | null;
  members?: TeamMemberFragment[];
  spaces?: SpaceItemFragment[];
  plan?: Plan;
  pool?: PoolFieldsFragment | null;
  caps?: CapItemFragment[];
  softAlertThresholdPercent?: number;
}

export const teamSettingsMock = ({
  myRole,
  members = [adaMember, graceMember, bobMember],
  spaces = [research],
  plan = "TEAM",
  pool = plan === "TEAM" || plan === "ENTERPRISE" ? acmePool : null,
  caps = [],
  softAlertThresholdPercent = 20,
}: TeamState): MockLink.MockedResponse => ({
  request: { query: TeamSettingsDocument, variables: { orgId: acme.id } },
  result: {
    data: {
      org: {
        __typename: "Org",
        id: acme.id,
        name: acme.name,
        seats: members.length,
        myRole,
        members: members.map(typed.member),
        spaces: spaces.map(typed.space),
        plan,
        softAlertThresholdPercent,
        pool: pool && typed.pool(pool),
        caps: caps.map(typed.cap),
      },
    },
  },
});

/** The pending invitations, which only OWNER and ADMIN ask for (the server refuses a MEMBER). */
export const invitationsMock = (invitations: PendingInvitationFragment[] = [carolInvitation]): MockLink.MockedResponse => ({
  request: { query: OrgInvitationsDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, invitations: invitations.map(typed.invitation) } } },
});

export const apiKeysMock = (keys: ApiKeyItemFragment[] = [ciKey]): MockLink.MockedResponse => ({
  request: { query: OrgApiKeysDocument, variables: { orgId: acme.id } },
  result: { data: { org: { __typename: "Org", id: acme.id, apiKeys: keys.map(typed.apiKey) } } },
});

/** An entry as tests write it: `summary` (the server's sentence) may be left out, for none. */
type AuditEntryFixture = Omit<AuditEntryFieldsFragment, "summary"> & { summary?: string | null };

interface AuditPage {
  entries?: AuditEntryFixture[];
  /** The filter's action prefix; null for All. */
  actionPrefix?: string | null;
  /** The cursor this page continues from; none for the first page. */
  after?: string;
  hasNextPage?: boolean;
  orgId?: string;
}

/** An entry's cursor in these fixtures (the server's are opaque). */
export const auditCursor = (entry: { id: string }) => `cursor:${entry.id}`;

/**
 * One page of `Org.auditEntries` as the section asks for it. Answers every
 * (re)fetch: the page refetches the first page after each change.
 */
export const auditEntriesMock = ({
  entries = [roleChangedEntry, orgCreatedEntry],
  actionPrefix = null,
  after,
  hasNextPage = false,
  orgId = acme.id,
}: AuditPage = {}): MockLink.MockedResponse => {
  const last = entries.at(-1);
  return {
    request: {
      query: OrgAuditEntriesDocument,
      // The section's page size, written out so a change to it shows here.
      variables: { orgId, first: 25, actionPrefix, ...(after === undefined ? {} : { after }) },
    },
    result: {
      data: {
        org: {
          __typename: "Org",
          id: orgId,
          auditEntries: {
            __typename: "AuditEntryConnection",
            edges: entries.map((e) => ({ __typename: "AuditEntryEdge", cursor: auditCursor(e), node: typed.auditEntry(e) })),
            pageInfo: { __typename: "PageInfo", hasNextPage, endCursor: last ? auditCursor(last) : null },
          },
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
};

/** What an OWNER or ADMIN's Team settings page asks for when it opens. */
export const managerTeamMocks = (myRole: "OWNER" | "ADMIN", state: Omit<TeamState, "myRole"> = {}) => [
  teamSettingsMock({ myRole, ...state }),
  invitationsMock(),
  apiKeysMock(),
  usageAlertsMock(),
  capRequestsMock(),
  webhookEndpointsMock(),
  webhookDeliveriesMock(),
  auditEntriesMock(),
];
