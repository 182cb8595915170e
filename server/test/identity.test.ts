import { loadConfig } from "../src/config";
import { LOGIN_LIMITS } from "../src/accounts/auth.service";
import { addMember, createOrg, mailedToken, orgWithTeam, signUp, staffOf, uniqueEmail } from "./support/fixtures";
import { GqlClient } from "./support/gql-client";
import { startTestApp, type TestApp } from "./support/test-app";

/** Security review 2026-12 findings 3, 8, 9, 11-15, 18, 19, 21, 23: each as the review reproduced it. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: "1" } });
});
afterAll(() => t.close());

const ME = "{ me { id email emailVerified isStaff } }";
const LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }";
const INVITE = "mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { acceptUrl } }";
const ACCEPT = "mutation($k: String!) { acceptInvitation(token: $k) { id } }";

/** A client whose requests come from `address` (X-Forwarded-For, trusted with TRUST_PROXY=1). */
function from(address: string): GqlClient {
  const client = t.client();
  client.headers["x-forwarded-for"] = address;
  return client;
}

describe("verified email", () => {
  it("mails a link on sign-up that verifies the address once it is opened; a bad link changes nothing", async () => {
    const user = await signUp(t, { verified: false });
    expect((await user.client.ok(ME)).me).toMatchObject({ emailVerified: false });
    await t.app.jobs.runNow(["mail"]);
    const mail = t.mail.sent.find((m) => m.to === user.email);
    expect(mail?.subject).toBe("Confirm your email address for Team Billing");
    expect(mail?.text).toMatch(/http:\/\/console\.test\/verify-email\/[\w-]+/);
    expect(await t.client().code('mutation { verifyEmail(token: "nope") { id } }')).toBe("BAD_USER_INPUT");
    const token = await mailedToken(t, user.email, "verify-email");
    // Opened signed out (another device): it verifies the account the link was mailed for.
    expect(
      (await t.client().ok("mutation($k: String!) { verifyEmail(token: $k) { email emailVerified } }", { k: token })).verifyEmail,
    ).toEqual({
      email: user.email,
      emailVerified: true,
    });
    expect((await user.client.ok(ME)).me.emailVerified).toBe(true);
    expect(await user.client.code("mutation { resendVerificationEmail }")).toBe("CONFLICT");
  });

  it("resends the link at most once a minute", async () => {
    const user = await signUp(t, { verified: false });
    const res = await user.client.request("mutation { resendVerificationEmail }");
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(res.errors?.[0]?.extensions?.retryAfter)).toBeGreaterThan(0);
  });

  it("lets only a verified address accept an invitation (finding 13: staff read a pending link, signed up as the invitee, accepted)", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const email = uniqueEmail("pending");
    const { inviteMember } = await owner.client.ok(INVITE, { o: orgId, e: email });
    // Staff no longer see invitation links at all.
    const staff = await staffOf(t);
    const seen = await staff.client.ok("query($o: ID!) { org(id: $o) { invitations { email acceptUrl } } }", { o: orgId });
    expect(seen.org.invitations).toEqual([{ email, acceptUrl: null }]);
    const squatter = await signUp(t, { email, verified: false });
    const token = inviteMember.acceptUrl.split("/invite/")[1];
    const refused = await squatter.client.request(ACCEPT, { k: token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "EMAIL_NOT_VERIFIED" });
    expect((await owner.client.ok("query($o: ID!) { org(id: $o) { seats } }", { o: orgId })).org.seats).toBe(1);
    await squatter.client.ok("mutation($k: String!) { verifyEmail(token: $k) { id } }", { k: await mailedToken(t, email, "verify-email") });
    expect((await squatter.client.ok(ACCEPT, { k: token })).acceptInvitation.id).toBeTruthy();
  });
});

describe("password reset and sessions", () => {
  it("answers the same whether the account exists, and a reset link works once, verifies the email and ends every session", async () => {
    const user = await signUp(t, { verified: false, password: "old password here" });
    const elsewhere = t.client();
    await elsewhere.ok(LOGIN, { e: user.email, p: "old password here" });
    const asked = (email: string) => t.client().ok("mutation($e: String!) { requestPasswordReset(email: $e) }", { e: email });
    expect(await asked(uniqueEmail("nobody"))).toEqual({ requestPasswordReset: true });
    expect(await asked(user.email)).toEqual({ requestPasswordReset: true });
    const token = await mailedToken(t, user.email, "reset-password");
    const reset = "mutation($k: String!, $p: String!) { resetPassword(token: $k, password: $p) }";
    expect(await t.client().code(reset, { k: token, p: "short" })).toBe("BAD_USER_INPUT");
    expect((await t.client().ok(reset, { k: token, p: "a brand new password" })).resetPassword).toBe(true);
    expect(await t.client().code(reset, { k: token, p: "another new password" })).toBe("BAD_USER_INPUT");
    expect((await user.client.ok(ME)).me).toBeNull();
    expect((await elsewhere.ok(ME)).me).toBeNull();
    expect(await t.client().code(LOGIN, { e: user.email, p: "old password here" })).toBe("UNAUTHENTICATED");
    const fresh = t.client();
    await fresh.ok(LOGIN, { e: user.email, p: "a brand new password" });
    expect((await fresh.ok(ME)).me.emailVerified).toBe(true);
  });

  it("signs out everywhere, and a login never reuses the browser's old session", async () => {
    const user = await signUp(t, { password: "correct horse battery" });
    const laptop = t.client();
    await laptop.ok(LOGIN, { e: user.email, p: "correct horse battery" });
    const before = (laptop as unknown as { cookie: string }).cookie;
    const stolen = new GqlClient(t.url);
    (stolen as unknown as { cookie: string }).cookie = before;
    await laptop.ok(LOGIN, { e: user.email, p: "correct horse battery" });
    expect((laptop as unknown as { cookie: string }).cookie).not.toBe(before);
    expect((await stolen.ok(ME)).me).toBeNull();
    expect((await user.client.ok("mutation { logoutEverywhere }")).logoutEverywhere).toBe(true);
    expect((await user.client.ok(ME)).me).toBeNull();
    expect((await laptop.ok(ME)).me).toBeNull();
  });
});

describe("login throttling (finding 9)", () => {
  it("gives 25 concurrent guesses no more tries than 25 sequential ones, and never locks the owner out from their own address", async () => {
    const owner = await signUp(t, { password: "the owner's password" });
    const attacker = "203.0.113.9";
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => from(attacker).request(LOGIN, { e: owner.email, p: `wrong guess ${i} xxxx` })),
    );
    const codes = guesses.map((r) => r.errors?.[0]?.extensions?.code);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(LOGIN_LIMITS.perEmailAndIp);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(25 - LOGIN_LIMITS.perEmailAndIp);
    // The right password from the attacker's address waits too; from the owner's it works.
    expect(await from(attacker).code(LOGIN, { e: owner.email, p: "the owner's password" })).toBe("RATE_LIMITED");
    expect((await from("198.51.100.7").ok(LOGIN, { e: owner.email, p: "the owner's password" })).login.id).toBe(owner.id);
  });
});

describe("dev tools (finding 8)", () => {
  it("are off by default in production, and the clock is staff's when STAFF_EMAILS is set", async () => {
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: "x" }).devTools).toBe(false);
    expect(loadConfig({ SESSION_SECRET: "x" }).devTools).toBe(true);
    const stranger = await signUp(t);
    expect(await stranger.client.code("mutation { devAdvanceClock(days: 32) }")).toBe("FORBIDDEN");
    expect(await stranger.client.code("{ devMailbox { subject } }")).toBe("FORBIDDEN");
    const staff = await staffOf(t);
    const { devMailbox } = await staff.client.ok("{ devMailbox(first: 5) { to subject text } }");
    expect(devMailbox.length).toBeGreaterThan(0);
  });
});

describe("who sees what (findings 12, 14)", () => {
  it("keeps personal fields to the user and staff, invitations from keys and MEMBERs, and a MEMBER's view to their own caps", async () => {
    const team = await orgWithTeam(t);
    const { apiKey, secret } = (
      await team.owner.client.ok(
        'mutation($o: ID!) { createApiKey(orgId: $o, name: "gw", scopes: [USAGE_WRITE]) { secret apiKey { id createdByName } } }',
        { o: team.orgId },
      )
    ).createApiKey;
    expect(apiKey.createdByName).toBe("Owner");
    const key = t.client({ bearer: secret });
    const personal = "query($o: ID!) { org(id: $o) { members { user { email plan creditBalance isStaff } } } }";
    for (const caller of [key, team.member.client, team.admin.client]) {
      const res = await caller.request(personal, { o: team.orgId });
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    // Keys see who members are (to attribute usage), never invitations.
    const names = await key.ok("query($o: ID!) { org(id: $o) { members { id role user { email name } } } }", { o: team.orgId });
    expect(names.org.members).toHaveLength(3);
    expect(await key.code("query($o: ID!) { org(id: $o) { invitations { email } } }", { o: team.orgId })).toBe("FORBIDDEN");
    expect(await team.member.client.code("query($o: ID!) { org(id: $o) { invitations { email } } }", { o: team.orgId })).toBe("FORBIDDEN");
    // The user themself sees their own.
    expect((await team.member.client.ok("{ me { plan creditBalance isStaff emailVerified } }")).me).toEqual({
      plan: "FREE",
      creditBalance: 0,
      isStaff: false,
      emailVerified: true,
    });
  });
});

describe("API keys and their creators (findings 15, 23)", () => {
  it("revokes the keys a member created when they are removed or leave, audited, at once", async () => {
    const team = await orgWithTeam(t);
    const create =
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "admin key", scopes: [USAGE_READ, USAGE_WRITE, BILLING_READ]) { secret } }';
    const { secret } = (await team.admin.client.ok(create, { o: team.orgId })).createApiKey;
    const key = t.client({ bearer: secret });
    expect((await key.ok("query($o: ID!) { org(id: $o) { name } }", { o: team.orgId })).org.name).toBe("Acme");
    await team.owner.client.ok("mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }", {
      o: team.orgId,
      m: team.adminMemberId,
    });
    const after = await key.request("query($o: ID!) { org(id: $o) { name } }", { o: team.orgId });
    expect(after.status).toBe(401);
    const { org } = await team.owner.client.ok("query($o: ID!) { org(id: $o) { auditLog { action } } }", { o: team.orgId });
    expect(org.auditLog.map((e: { action: string }) => e.action)).toContain("api_key.revoked_with_creator");
  });
});

describe("personal credits are the member's (finding 11)", () => {
  it("only the member sets their consent, on for the OWNER and off for others", async () => {
    const team = await orgWithTeam(t);
    const mine = "query($o: ID!) { org(id: $o) { members { role personalCreditsAllowed } } }";
    const members = (await team.owner.client.ok(mine, { o: team.orgId })).org.members;
    expect(
      Object.fromEntries(members.map((m: { role: string; personalCreditsAllowed: boolean }) => [m.role, m.personalCreditsAllowed])),
    ).toEqual({
      OWNER: true,
      ADMIN: false,
      MEMBER: false,
    });
    const set = "mutation($o: ID!, $a: Boolean!) { setPersonalCreditsAllowed(orgId: $o, allowed: $a) { role personalCreditsAllowed } }";
    expect((await team.member.client.ok(set, { o: team.orgId, a: true })).setPersonalCreditsAllowed).toEqual({
      role: "MEMBER",
      personalCreditsAllowed: true,
    });
    const stranger = await signUp(t);
    expect(await stranger.client.code(set, { o: team.orgId, a: true })).toBe("NOT_FOUND");
    const { secret } = (
      await team.owner.client.ok('mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_WRITE]) { secret } }', {
        o: team.orgId,
      })
    ).createApiKey;
    expect(await t.client({ bearer: secret }).code(set, { o: team.orgId, a: false })).toBe("FORBIDDEN");
  });
});

describe("the edges (findings 18, 19, 21)", () => {
  it("ignores another app's malformed cookie and authorization schemes other than Bearer", async () => {
    const user = await signUp(t);
    const cookie = (user.client as unknown as { cookie: string }).cookie;
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `other_app=%E0%A4%A; theme=dark; ${cookie}`,
        authorization: "Basic dXNlcjpwYXNz",
      },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { me: { email: string } } }).data.me.email).toBe(user.email);
  });

  it("answers bad JSON, an oversized body and an unknown route with a coded JSON error, no stack or path", async () => {
    const post = (body: string) => fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    for (const [res, status] of [
      [await post('{"query": '), 400],
      [await post(JSON.stringify({ query: "x".repeat(1_200_000) })), 413],
      [await fetch(`${t.url}/nothing/here`, { headers: { accept: "application/json" } }), 404],
    ] as const) {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      const text = await res.text();
      expect(text).not.toMatch(/node_modules|at \w+ \(|SyntaxError|Error:/);
      expect(JSON.parse(text).errors[0].extensions.code).toMatch(/^(BAD_REQUEST|NOT_FOUND)$/);
    }
  });

  it("refuses display-name emails and names that hide or reverse text", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    expect(await owner.client.code(INVITE, { o: orgId, e: "Boss<ceo@victim.test>" })).toBe("BAD_USER_INPUT");
    expect(await owner.client.code(INVITE, { o: orgId, e: '"ceo"@victim.test' })).toBe("BAD_USER_INPUT");
    const create = "mutation($n: String!) { createOrg(name: $n) { id } }";
    for (const name of ["evil\u202Egnp.exe", "zero\u200Bwidth", "a\u0085b"])
      expect(await owner.client.code(create, { n: name })).toBe("BAD_USER_INPUT");
    expect(await addMember(owner, orgId, await signUp(t), "MEMBER")).toBeTruthy();
  });
});
