import type { GqlClient } from "./support/gql-client";
import { orgWithTeam, signUp, staffOf } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

/**
 * DESIGN "Who sees what", as a matrix: every field of Org, User, Member and Invitation,
 * read by each kind of caller. "ok" is an answer; anything else the error code.
 */
type Caller = "owner" | "admin" | "member" | "stranger" | "staff" | "keyUsageRead" | "keyUsageWrite" | "keyBillingRead";
const CALLERS: Caller[] = ["owner", "admin", "member", "stranger", "staff", "keyUsageRead", "keyUsageWrite", "keyBillingRead"];

type Rule = "READERS" | "ADMIN_STAFF" | "ADMIN" | "ADMIN_STAFF_BILLING" | "MEMBER_STAFF_BILLING" | "MEMBER_STAFF" | "FORECAST" | "USAGE";
const ALLOWED: Record<Rule, Caller[]> = {
  READERS: ["owner", "admin", "member", "staff", "keyUsageRead", "keyUsageWrite", "keyBillingRead"],
  ADMIN_STAFF: ["owner", "admin", "staff"],
  ADMIN: ["owner", "admin"],
  ADMIN_STAFF_BILLING: ["owner", "admin", "staff", "keyBillingRead"],
  MEMBER_STAFF_BILLING: ["owner", "admin", "member", "staff", "keyBillingRead"],
  MEMBER_STAFF: ["owner", "admin", "member", "staff"],
  FORECAST: ["owner", "admin", "member", "staff", "keyUsageRead", "keyBillingRead"],
  USAGE: ["owner", "admin", "member", "staff", "keyUsageRead"],
};

/** Each Org field, the smallest selection of it, and who may read it. */
const ORG_FIELDS: [string, Rule][] = [
  ["id", "READERS"],
  ["name", "READERS"],
  ["softAlertThresholdPercent", "READERS"],
  ["ssoEnabled", "READERS"],
  ["dpaSigned", "READERS"],
  ["spacesOwnerOnly", "READERS"],
  ["myRole", "READERS"],
  ["plan", "READERS"],
  ["billingInterval", "READERS"],
  ["seats", "READERS"],
  ["members { id role joinedAt orgId personalCreditsAllowed user { id name email } }", "READERS"],
  ["spaces { id name }", "READERS"],
  ["invitations { id email role createdAt expiresAt }", "ADMIN_STAFF"],
  ["apiKeys { id name prefix createdByName }", "ADMIN"],
  ["auditLog { id }", "ADMIN_STAFF"],
  ["auditEntries { edges { cursor } }", "ADMIN_STAFF"],
  ["enterpriseRequests { id }", "ADMIN_STAFF"],
  ["downgradePreview { effectiveAt }", "ADMIN_STAFF"],
  ["invoices { id }", "ADMIN_STAFF_BILLING"],
  ["billingEmail", "ADMIN_STAFF_BILLING"],
  ["taxIds { type }", "ADMIN_STAFF_BILLING"],
  ["pool { totalRemaining }", "MEMBER_STAFF_BILLING"],
  ["subscription { status }", "MEMBER_STAFF_BILLING"],
  ["caps { id }", "MEMBER_STAFF"],
  ["forecast { burnPerDay }", "FORECAST"],
  ["usage { totalCredits }", "USAGE"],
  ["usageEvents { edges { cursor } }", "USAGE"],
  ["usageAlerts { id }", "ADMIN_STAFF"],
  ["webhookEndpoints { id }", "ADMIN_STAFF"],
  ["webhookDeliveries { edges { cursor } }", "ADMIN_STAFF"],
];

let t: TestApp;
let orgId: string;
const clients = {} as Record<Caller, GqlClient>;
const ids = {} as Record<"owner" | "member", string>;

beforeAll(async () => {
  t = await startTestApp();
  const team = await orgWithTeam(t);
  orgId = team.orgId;
  ids.owner = team.owner.id;
  ids.member = team.member.id;
  const key = async (scope: string) =>
    t.client({
      bearer: (
        await team.owner.client.ok(`mutation($o: ID!) { createApiKey(orgId: $o, name: "${scope}", scopes: [${scope}]) { secret } }`, {
          o: orgId,
        })
      ).createApiKey.secret,
    });
  Object.assign(clients, {
    owner: team.owner.client,
    admin: team.admin.client,
    member: team.member.client,
    stranger: (await signUp(t)).client,
    staff: (await staffOf(t)).client,
    keyUsageRead: await key("USAGE_READ"),
    keyUsageWrite: await key("USAGE_WRITE"),
    keyBillingRead: await key("BILLING_READ"),
  });
  await team.owner.client.ok('mutation($o: ID!) { inviteMember(orgId: $o, email: "pending@example.test", role: MEMBER) { id } }', {
    o: orgId,
  });
});
afterAll(() => t.close());

const outcome = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
  const res = await clients[caller].request(query, variables);
  return res.errors?.length ? String(res.errors[0].extensions?.code) : "ok";
};

describe.each(ORG_FIELDS)("Org.%s", (selection, rule) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const expected = caller === "stranger" ? "NOT_FOUND" : ALLOWED[rule].includes(caller) ? "ok" : "FORBIDDEN";
    expect(await outcome(caller, `query($o: ID!) { org(id: $o) { ${selection} } }`, { o: orgId })).toBe(expected);
  });
});

describe("User's personal fields: the user themself and staff only", () => {
  const PERSONAL = ["plan", "creditBalance", "isStaff", "emailVerified"];
  it.each(PERSONAL)("%s of a co-member, by each caller", async (field) => {
    // Every caller who sees the member list reads the owner's field through it.
    const query = `query($o: ID!) { org(id: $o) { members { user { id ${field} } } } }`;
    const results = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await outcome(c, query, { o: orgId })] as const)));
    expect(results).toEqual({
      owner: "FORBIDDEN", // the list holds other members too
      admin: "FORBIDDEN",
      member: "FORBIDDEN",
      stranger: "NOT_FOUND",
      staff: "ok",
      keyUsageRead: "FORBIDDEN",
      keyUsageWrite: "FORBIDDEN",
      keyBillingRead: "FORBIDDEN",
    });
  });

  it.each(PERSONAL)("%s of oneself", async (field) => {
    for (const caller of ["owner", "member", "stranger", "staff"] as const) {
      expect(await outcome(caller, `{ me { ${field} } }`, {})).toBe("ok");
    }
  });

  it("personalSubscription shows only to the user themself (null for others)", async () => {
    const { org } = await clients.staff.ok("query($o: ID!) { org(id: $o) { members { user { personalSubscription { status } } } } }", {
      o: orgId,
    });
    expect(org.members.every((m: { user: { personalSubscription: unknown } }) => m.user.personalSubscription === null)).toBe(true);
  });
});

describe("Invitation.acceptUrl: OWNER and ADMIN of its org only", () => {
  it.each(["owner", "admin", "staff"] as const)("as %s", async (caller) => {
    const { org } = await clients[caller].ok("query($o: ID!) { org(id: $o) { invitations { acceptUrl } } }", { o: orgId });
    const url = org.invitations[0].acceptUrl;
    if (caller === "staff") expect(url).toBeNull();
    else expect(url).toMatch(/\/invite\//);
  });
});
