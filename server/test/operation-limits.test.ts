import { createOrg, signUp, uniqueEmail } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

/** Security review finding 10: limits count operations, not HTTP requests; quotas bound what one account can send. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: {
      RATE_LIMIT_KEY_PER_SECOND: "100",
      RATE_LIMIT_ANONYMOUS_PER_SECOND: "2",
      SIGNUPS_PER_IP_PER_HOUR: "100000",
      INVITATIONS_PER_ORG_PER_DAY: "3",
      ORGS_PER_USER: "2",
    },
  });
});
afterAll(() => t.close());

const count = async (table: string): Promise<number> => Number((await t.app.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

it("charges every call of every aliased batch to the key: 20 batches sharing one 500-call variable are refused before anything runs", async () => {
  const owner = await signUp(t);
  const orgId = await createOrg(owner);
  const { secret } = (
    await owner.client.ok('mutation($o: ID!) { createApiKey(orgId: $o, name: "gw", scopes: [USAGE_WRITE]) { secret } }', { o: orgId })
  ).createApiKey;
  const members = await owner.client.ok("query($o: ID!) { org(id: $o) { members { id } } }", { o: orgId });
  const calls = Array.from({ length: 500 }, (_, i) => ({
    memberId: members.org.members[0].id,
    spaceId: "00000000-0000-7000-8000-000000000000",
    model: "m",
    credits: 1,
    idempotencyKey: `k-${i}`,
  }));
  const aliases = Array.from({ length: 20 }, (_, i) => `b${i}: recordUsageBatch(orgId: $o, calls: $c) { index errorCode }`).join(" ");
  const res = await t
    .client({ bearer: secret })
    .request(`mutation($o: ID!, $c: [UsageCallInput!]!) { ${aliases} }`, { o: orgId, c: calls });
  expect(res.status).toBe(429);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
  expect(res.headers.get("retry-after")).toBeTruthy();
  expect(await count("usage_event")).toBe(0);
});

it("refuses 1,000 aliased invitations and 200 aliased sign-ups in one request, sending and creating nothing", async () => {
  const owner = await signUp(t);
  const orgId = await createOrg(owner);
  const [mailBefore, usersBefore] = [await count("mail_outbox"), await count("user")];
  const invites = Array.from(
    { length: 1000 },
    (_, i) => `i${i}: inviteMember(orgId: $o, email: "spam${i}@victim.test", role: MEMBER) { id }`,
  );
  const spam = await owner.client.request(`mutation($o: ID!) { ${invites.join(" ")} }`, { o: orgId });
  expect(spam.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  const signUps = Array.from(
    { length: 200 },
    (_, i) => `s${i}: signUp(email: "a${i}@x.test", password: "correct horse battery", name: "A") { id }`,
  );
  const accounts = await t.client().request(`mutation { ${signUps.join(" ")} }`);
  expect(accounts.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  expect([await count("mail_outbox"), await count("user")]).toEqual([mailBefore, usersBefore]);
});

it("keeps quotas of invitations per org per day and of owned orgs per account (BAD_USER_INPUT)", async () => {
  const owner = await signUp(t);
  const orgId = await createOrg(owner);
  const invite = "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }";
  for (let i = 0; i < 3; i++) await owner.client.ok(invite, { o: orgId, e: uniqueEmail() });
  expect(await owner.client.code(invite, { o: orgId, e: uniqueEmail() })).toBe("BAD_USER_INPUT");
  await createOrg(owner, "Second");
  expect(await owner.client.code('mutation { createOrg(name: "Third") { id } }')).toBe("BAD_USER_INPUT");
});

it("limits anonymous callers by client address", async () => {
  const anonymous = t.client();
  const results = [];
  for (let i = 0; i < 25; i++) results.push(await anonymous.request("{ catalog { currency } }"));
  const refused = results.filter((r) => r.status === 429);
  expect(refused.length).toBeGreaterThanOrEqual(5);
  expect(refused[0].errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
});
