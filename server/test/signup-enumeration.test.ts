import { signUp, uniqueEmail } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

/** UX review 2026-12 finding 35 (sign-up told strangers who is registered) and finding 4 (the console learns PUBLIC_URL). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SIGN_UP =
  "mutation($e: String!, $p: String!, $n: String!) { signUp(email: $e, password: $p, name: $n) { email name emailVerified isStaff plan creditBalance } }";
const LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }";
const ME = "{ me { id } }";

async function mailsTo(address: string) {
  await t.app.jobs.runNow(["mail"]);
  return t.mail.sent.filter((m) => m.to === address);
}

describe("signing up with an address that already has an account", () => {
  it("answers like a new account, signs nobody in, changes nothing, and mails the address's owner how to get in", async () => {
    const owner = await signUp(t, { name: "Olivia", password: "the owner's password" });
    const before = await mailsTo(owner.email);

    const stranger = t.client();
    const res = await stranger.request(SIGN_UP, { e: owner.email.toUpperCase(), p: "a stranger's password", n: "Mallory" });
    expect(res.errors).toBeUndefined();
    // The same shape a new account gets: the typed name, unverified, Free, no credits.
    expect(res.data?.signUp).toEqual({
      email: owner.email,
      name: "Mallory",
      emailVerified: false,
      isStaff: false,
      plan: "FREE",
      creditBalance: 0,
    });
    expect((await stranger.ok(ME)).me).toBeNull();

    // The account is untouched: the owner's password works, the stranger's doesn't.
    expect(await t.client().code(LOGIN, { e: owner.email, p: "a stranger's password" })).toBe("UNAUTHENTICATED");
    expect((await t.client().ok(LOGIN, { e: owner.email, p: "the owner's password" })).login.id).toBe(owner.id);
    expect((await owner.client.ok(ME)).me.id).toBe(owner.id);

    const mails = (await mailsTo(owner.email)).slice(before.length);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Someone tried to create a Team Billing account with your email");
    expect(mails[0].text).toContain("Hello Olivia,");
    expect(mails[0].text).toContain("http://console.test/signin");
    expect(mails[0].text).toContain("http://console.test/forgot-password");
    expect(mails[0].text).not.toContain("Mallory");
  });

  it("mails the owner at most once an hour however often it is tried", async () => {
    const owner = await signUp(t, { name: "Olivia" });
    const before = await mailsTo(owner.email);
    for (const n of ["A", "B", "C"]) await t.client().ok(SIGN_UP, { e: owner.email, p: "correct horse battery", n });
    const notices = (await mailsTo(owner.email)).slice(before.length);
    expect(notices.map((m) => m.subject)).toEqual(["Someone tried to create a Team Billing account with your email"]);
  });

  it("still signs a new address in and mails it a verification link", async () => {
    const email = uniqueEmail("new");
    const client = t.client();
    const { signUp: user } = await client.ok(SIGN_UP, { e: email, p: "correct horse battery", n: "Nina" });
    expect(user).toMatchObject({ email, name: "Nina", emailVerified: false });
    expect((await client.ok(ME)).me.id).toBeTruthy();
    expect((await mailsTo(email)).map((m) => m.subject)).toEqual(["Confirm your email address for Team Billing"]);
  });
});

describe("/healthz", () => {
  it("names the server's PUBLIC_URL and time, for the console's different-address warning and clock", async () => {
    const health = (await (await fetch(`${t.url}/healthz`)).json()) as { ok: boolean; publicUrl: string; time: string };
    expect(health.ok).toBe(true);
    expect(health.publicUrl).toBe("http://console.test");
    expect(Number.isNaN(Date.parse(health.time))).toBe(false);
  });
});
