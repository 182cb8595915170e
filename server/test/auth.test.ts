import { LOGIN_LIMITS } from "../src/accounts/auth.service";
import { createOrg, mailedToken, signUp, uniqueEmail } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const SIGN_UP =
  "mutation($e: String!, $p: String!, $n: String!) { signUp(email: $e, password: $p, name: $n) { id email name plan creditBalance isStaff } }";
const LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id email } }";
const ME = "{ me { id email } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("sign up", () => {
  it("creates a FREE user with a normalized email and signs them in", async () => {
    const client = t.client();
    const email = uniqueEmail("Mixed");
    const res = await client.request(SIGN_UP, { e: `  ${email.toUpperCase()} `, p: "correct horse battery", n: " Ada   Lovelace " });
    expect(res.errors).toBeUndefined();
    expect(res.data?.signUp).toMatchObject({
      email: email.toLowerCase(),
      name: "Ada Lovelace",
      plan: "FREE",
      creditBalance: 0,
      isStaff: false,
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tb_session=[^;]+\.[^;]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect((await client.ok(ME)).me.email).toBe(email.toLowerCase());
  });

  it("makes no second account for the same email, and signs nobody in (the answer does not say it exists)", async () => {
    const email = uniqueEmail();
    await t.client().ok(SIGN_UP, { e: email, p: "correct horse battery", n: "A" });
    const second = t.client();
    await second.ok(SIGN_UP, { e: email.toUpperCase(), p: "another password", n: "B" });
    expect(second.hasSession).toBe(false);
    expect(await t.client().code(LOGIN, { e: email, p: "another password" })).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["a malformed email", { e: "not-an-email", p: "correct horse battery", n: "A" }],
    ["an email with spaces", { e: "a b@example.com", p: "correct horse battery", n: "A" }],
    ["a short password", { e: uniqueEmail(), p: "short", n: "A" }],
    ["an empty name", { e: uniqueEmail(), p: "correct horse battery", n: "   " }],
    ["a huge name", { e: uniqueEmail(), p: "correct horse battery", n: "x".repeat(10_000) }],
    ["a huge email", { e: `${"x".repeat(300)}@example.com`, p: "correct horse battery", n: "A" }],
  ])("answers BAD_USER_INPUT for %s and creates nothing", async (_label, vars) => {
    const client = t.client();
    expect(await client.code(SIGN_UP, vars)).toBe("BAD_USER_INPUT");
    expect(client.hasSession).toBe(false);
    expect(await t.client().code(LOGIN, { e: vars.e, p: vars.p })).toBe("UNAUTHENTICATED");
  });

  it("stores only an scrypt hash of the password", async () => {
    const user = await signUp(t, { password: "a very secret phrase" });
    const rows = await t.app.db.manager.query("SELECT passwordHash FROM user WHERE id = ?", [user.id]);
    expect(rows[0].passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(rows[0].passwordHash).not.toContain("a very secret phrase");
  });
});

describe("login and logout", () => {
  it("signs in with the right password; logout ends the session on the server too", async () => {
    const user = await signUp(t, { password: "right password here" });
    const client = t.client();
    expect((await client.ok(LOGIN, { e: user.email, p: "right password here" })).login.id).toBe(user.id);
    const cookieBefore = (client as unknown as { cookie: string }).cookie;
    expect((await client.ok("mutation { logout }")).logout).toBe(true);
    expect((await client.ok(ME)).me).toBeNull();
    // Replaying the old cookie after logout does not bring the session back.
    (client as unknown as { cookie: string }).cookie = cookieBefore;
    expect((await client.ok(ME)).me).toBeNull();
  });

  it("answers UNAUTHENTICATED for a wrong password or an unknown email, without telling which", async () => {
    const user = await signUp(t);
    const wrong = await t.client().request(LOGIN, { e: user.email, p: "wrong password!" });
    const unknown = await t.client().request(LOGIN, { e: uniqueEmail(), p: "wrong password!" });
    expect(wrong.errors?.[0]).toMatchObject({ message: "Wrong email or password.", extensions: { code: "UNAUTHENTICATED" } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it("rate-limits repeated failures for one email, even with the right password, and says when to retry", async () => {
    const user = await signUp(t, { password: "right password here" });
    for (let i = 0; i < LOGIN_LIMITS.perEmailAndIp; i++) {
      expect(await t.client().code(LOGIN, { e: user.email, p: `guess number ${i}` })).toBe("UNAUTHENTICATED");
    }
    const limited = await t.client().request(LOGIN, { e: user.email, p: "right password here" });
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(limited.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await signUp(t, { password: "right password here" });
    expect((await t.client().ok(LOGIN, { e: other.email, p: "right password here" })).login.id).toBe(other.id);
  });

  it("ignores a session cookie whose signature does not match", async () => {
    const user = await signUp(t);
    const jar = user.client as unknown as { cookie: string };
    jar.cookie = jar.cookie.replace(/\.[^.]+$/, ".forged");
    expect((await user.client.ok(ME)).me).toBeNull();
  });

  it("makes a STAFF_EMAILS address support staff only once its owner verified it (finding 3)", async () => {
    // The review's reproduction: whoever signs up first with a staff address got staff powers.
    const client = t.client();
    const staff = await client.ok(SIGN_UP, { e: "Staff@Support.test", p: "correct horse battery", n: "Not really staff" });
    expect(staff.signUp.isStaff).toBe(false);
    expect(await client.code('{ supportSearchOrgs(query: "Org") { id } }')).toBe("FORBIDDEN");
    const orgId = await createOrg({ client, id: staff.signUp.id, email: "staff@support.test", name: "x" });
    expect(
      await client.code('mutation($o: ID!) { grantCredits(orgId: $o, credits: 100000000, reason: "self-service") { topUpRemaining } }', {
        o: orgId,
      }),
    ).toBe("FORBIDDEN");
    await client.ok("mutation($k: String!) { verifyEmail(token: $k) { emailVerified } }", {
      k: await mailedToken(t, "staff@support.test", "verify-email"),
    });
    expect((await client.ok("{ me { isStaff emailVerified } }")).me).toEqual({ isStaff: true, emailVerified: true });
  });
});

describe("CSRF prevention", () => {
  it("refuses a GET query without a preflight-forcing header, so a cross-site page cannot ride the cookie", async () => {
    const user = await signUp(t);
    const cookie = (user.client as unknown as { cookie: string }).cookie;
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ me { email } }")}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("CSRF");
  });

  it("refuses a form-encoded POST (what a cross-site form can send)", async () => {
    const user = await signUp(t);
    const cookie = (user.client as unknown as { cookie: string }).cookie;
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "query=mutation%7BcreateOrg(name%3A%22x%22)%7Bid%7D%7D",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await user.client.ok("{ myOrgs { id } }")).myOrgs).toEqual([]);
  });
});
