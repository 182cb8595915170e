import { addMember, orgWithTeam, signUp, uniqueEmail } from "./support/fixtures";
import type { GqlClient } from "./support/gql-client";
import { startTestApp, type TestApp } from "./support/test-app";

/**
 * Every mutation, as every kind of caller. "ok" means it succeeded; a code is
 * the error the caller must get (a CONFLICT means authorization let the caller
 * through to an operation the org's state then refuses).
 */
type Caller = "owner" | "admin" | "member" | "stranger" | "staff" | "anonymous" | "keyWithScope" | "keyWithoutScope";
type Outcome = "ok" | string;

let t: TestApp;
let team: Awaited<ReturnType<typeof orgWithTeam>>;
let callers: Record<Caller, GqlClient>;
let spaceId: string;
let ownerMemberId: string;

beforeAll(async () => {
  t = await startTestApp();
  team = await orgWithTeam(t);
  await t.app.services.pools.activatePlan({ kind: "anonymous" }, team.orgId, { plan: "TEAM" });
  spaceId = (await team.owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Matrix") { id } }', { o: team.orgId }))
    .createSpace.id;
  ownerMemberId = (
    await team.owner.client.ok("query($o: ID!) { org(id: $o) { members { id role } } }", { o: team.orgId })
  ).org.members.find((m: { role: string }) => m.role === "OWNER").id;
  const stranger = await signUp(t);
  const staff = await signUp(t, { email: "staff@support.test" });
  const key = async (scopes: string[]) =>
    (
      await team.owner.client.ok('mutation($o: ID!, $s: [ApiKeyScope!]!) { createApiKey(orgId: $o, name: "k", scopes: $s) { secret } }', {
        o: team.orgId,
        s: scopes,
      })
    ).createApiKey.secret as string;
  callers = {
    owner: team.owner.client,
    admin: team.admin.client,
    member: team.member.client,
    stranger: stranger.client,
    staff: staff.client,
    anonymous: t.client(),
    keyWithScope: t.client({ bearer: await key(["USAGE_WRITE"]) }),
    keyWithoutScope: t.client({ bearer: await key(["USAGE_READ", "BILLING_READ"]) }),
  };
});
afterAll(() => t.close());

const freshMember = async (): Promise<string> => addMember(team.owner, team.orgId, await signUp(t), "MEMBER");
const freshInvitation = async (): Promise<string> =>
  (
    await team.owner.client.ok("mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }", {
      o: team.orgId,
      e: uniqueEmail(),
    })
  ).inviteMember.id;
const freshCap = async (): Promise<string> =>
  (
    await team.owner.client.ok("mutation($o: ID!, $m: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $m, monthlyLimit: 100) { id } }", {
      o: team.orgId,
      m: team.memberMemberId,
    })
  ).setCap.id;
/** A signed-in member records usage as themself; a key for anyone. */
const ownMemberId = (caller: Caller) => ({ owner: ownerMemberId, admin: team.adminMemberId })[caller as string] ?? team.memberMemberId;
const freshApiKey = async (): Promise<string> =>
  (
    await team.owner.client.ok('mutation($o: ID!) { createApiKey(orgId: $o, name: "tmp", scopes: [USAGE_READ]) { apiKey { id } } }', {
      o: team.orgId,
    })
  ).createApiKey.apiKey.id;

interface Case {
  mutation: string;
  vars: (caller: Caller) => Promise<Record<string, unknown>>;
  expect: Record<Caller, Outcome>;
}

const o = async () => ({});
const OWNER_ONLY: Record<Caller, Outcome> = {
  owner: "ok",
  admin: "FORBIDDEN",
  member: "FORBIDDEN",
  stranger: "NOT_FOUND",
  staff: "FORBIDDEN",
  anonymous: "UNAUTHENTICATED",
  keyWithScope: "FORBIDDEN",
  keyWithoutScope: "FORBIDDEN",
};
const OWNER_OR_ADMIN: Record<Caller, Outcome> = { ...OWNER_ONLY, admin: "ok" };
const ANY_USER: Record<Caller, Outcome> = {
  owner: "ok",
  admin: "ok",
  member: "ok",
  stranger: "ok",
  staff: "ok",
  anonymous: "UNAUTHENTICATED",
  keyWithScope: "FORBIDDEN",
  keyWithoutScope: "FORBIDDEN",
};

const CASES: Record<string, Case> = {
  createOrg: { mutation: 'mutation { createOrg(name: "New") { id } }', vars: o, expect: ANY_USER },
  inviteMember: {
    mutation: "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }",
    vars: async () => ({ e: uniqueEmail() }),
    expect: OWNER_OR_ADMIN,
  },
  revokeInvitation: {
    mutation: "mutation($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }",
    vars: async () => ({ i: await freshInvitation() }),
    expect: OWNER_OR_ADMIN,
  },
  removeMember: {
    mutation: "mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }",
    vars: async () => ({ m: await freshMember() }),
    expect: OWNER_OR_ADMIN,
  },
  changeMemberRole: {
    mutation: "mutation($o: ID!, $m: ID!) { changeMemberRole(orgId: $o, memberId: $m, role: ADMIN) { id } }",
    vars: async () => ({ m: await freshMember() }),
    expect: OWNER_OR_ADMIN,
  },
  createSpace: {
    mutation: "mutation($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }",
    vars: async () => ({ n: uniqueEmail("space") }),
    expect: OWNER_OR_ADMIN,
  },
  createApiKey: {
    mutation: 'mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_READ]) { secret } }',
    vars: o,
    expect: OWNER_OR_ADMIN,
  },
  revokeApiKey: {
    mutation: "mutation($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }",
    vars: async () => ({ k: await freshApiKey() }),
    expect: OWNER_OR_ADMIN,
  },
  startTeamCheckout: {
    mutation: "mutation($o: ID!) { startTeamCheckout(orgId: $o, interval: MONTHLY) { url } }",
    vars: o,
    expect: OWNER_ONLY,
  },
  startTopUpCheckout: {
    mutation: "mutation($o: ID!) { startTopUpCheckout(orgId: $o, credits: 1000) { url } }",
    vars: o,
    expect: OWNER_ONLY,
  },
  scheduleDowngrade: {
    mutation: "mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }",
    vars: o,
    expect: { ...OWNER_ONLY, owner: "CONFLICT" },
  },
  cancelDowngrade: {
    mutation: "mutation($o: ID!) { cancelDowngrade(orgId: $o) { id } }",
    vars: o,
    expect: { ...OWNER_ONLY, owner: "CONFLICT" },
  },
  updateBillingDetails: {
    mutation: 'mutation($o: ID!) { updateBillingDetails(orgId: $o, billingEmail: "b@x.io") { id } }',
    vars: o,
    expect: OWNER_ONLY,
  },
  setCap: {
    mutation: "mutation($o: ID!, $m: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $m, monthlyLimit: 5000) { id } }",
    vars: async () => ({ m: team.memberMemberId }),
    expect: OWNER_OR_ADMIN,
  },
  removeCap: {
    mutation: "mutation($o: ID!, $c: ID!) { removeCap(orgId: $o, capId: $c) }",
    vars: async () => ({ c: await freshCap() }),
    expect: OWNER_OR_ADMIN,
  },
  setSoftAlertThreshold: {
    mutation: "mutation($o: ID!) { setSoftAlertThreshold(orgId: $o, percent: 30) { id } }",
    vars: o,
    expect: OWNER_OR_ADMIN,
  },
  recordUsage: {
    mutation:
      'mutation($o: ID!, $m: ID!, $s: ID!, $k: String!) { recordUsage(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: 1, idempotencyKey: $k }) { eventId } }',
    vars: async (caller) => ({ m: ownMemberId(caller), s: spaceId, k: `matrix-${caller}` }),
    expect: { ...OWNER_OR_ADMIN, member: "ok", keyWithScope: "ok" },
  },
  grantCredits: {
    mutation: 'mutation($o: ID!) { grantCredits(orgId: $o, credits: 10, reason: "goodwill") { totalRemaining } }',
    vars: o,
    expect: { ...OWNER_ONLY, owner: "FORBIDDEN", staff: "ok" },
  },
  transferOwnership: {
    // Last, and the owner goes first: once ownership has moved, every other caller's
    // expected answer is still the same (the old owner, now ADMIN, is not a caller).
    mutation: "mutation($o: ID!, $m: ID!) { transferOwnership(orgId: $o, memberId: $m) { id } }",
    vars: async () => ({ m: await freshMember() }),
    expect: OWNER_ONLY,
  },
};

describe.each(Object.entries(CASES))("%s", (_name, testCase) => {
  it.each(Object.keys(testCase.expect) as Caller[])("as %s", async (caller) => {
    const vars = { o: team.orgId, ...(await testCase.vars(caller)) };
    const res = await callers[caller].request(testCase.mutation, vars);
    const outcome = res.errors ? String(res.errors[0].extensions?.code) : "ok";
    expect(outcome).toBe(testCase.expect[caller]);
  });
});

describe("account mutations", () => {
  it.each(Object.keys(ANY_USER) as Caller[])("acceptInvitation, completeCheckout and devAdvanceClock as %s", async (caller) => {
    const accept = await callers[caller].request('mutation { acceptInvitation(token: "bogus") { id } }');
    const checkout = await callers[caller].request('mutation { completeCheckout(sessionId: "cs_x") { id } }');
    const clock = await callers[caller].request("mutation { devAdvanceClock(days: 1) }");
    // The dev clock is on in tests (the embedded default) and STAFF_EMAILS is set: only staff may move it.
    const clockOutcome = caller === "staff" ? "ok" : "FORBIDDEN";
    const expected = ANY_USER[caller] === "ok" ? ["NOT_FOUND", "NOT_FOUND", clockOutcome] : Array(3).fill(ANY_USER[caller]);
    expect([accept, checkout, clock].map((r) => (r.errors ? r.errors[0].extensions?.code : "ok"))).toEqual(expected);
  });
});
