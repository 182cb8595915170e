import { upgradeToTeam } from "./support/stripe-fixture";
import { createOrg, orgWithTeam, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const SEARCH = "query($q: String!) { supportSearchOrgs(query: $q) { id name plan } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("support staff", () => {
  it("find orgs by name, id, member email and Stripe customer id, and read them without being members", async () => {
    const team = await orgWithTeam(t);
    const named = await createOrg(team.owner, "Zebra 100% Labs");
    await upgradeToTeam(team.owner, team.orgId);
    const staff = await signUp(t, { email: "staff@support.test" });
    const ids = async (q: string) => (await staff.client.ok(SEARCH, { q })).supportSearchOrgs.map((o: { id: string }) => o.id);
    expect(await ids("zebra 100%")).toEqual([named]);
    expect(await ids("100_")).toEqual([]);
    expect(await ids(team.orgId)).toContain(team.orgId);
    expect(await ids(team.member.email)).toEqual([team.orgId]);
    const customer = (await t.app.db.manager.query("SELECT id FROM stripe_customer WHERE accountId = ?", [team.orgId]))[0].id;
    expect(await ids(customer)).toEqual([team.orgId]);
    expect(await staff.client.code(SEARCH, { q: "x" })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(SEARCH, { q: "zebra" })).toBe("FORBIDDEN");

    const { org } = await staff.client.ok(
      "query($id: ID!) { org(id: $id) { name plan pool { totalRemaining } members { role } invoices { status } auditLog { action } usage { totalCredits } } }",
      { id: team.orgId },
    );
    expect(org).toMatchObject({
      plan: "TEAM",
      pool: { totalRemaining: 11_000 },
      invoices: [{ status: "paid" }],
      usage: { totalCredits: 0 },
    });
    expect(org.auditLog.length).toBeGreaterThan(0);
    // Read-only: owner mutations stay refused to staff who are not members.
    expect(await staff.client.code('mutation($o: ID!) { createSpace(orgId: $o, name: "x") { id } }', { o: team.orgId })).toBe("FORBIDDEN");
    expect(await staff.client.code("mutation($o: ID!) { scheduleDowngrade(orgId: $o) { id } }", { o: team.orgId })).toBe("FORBIDDEN");
  });
});
