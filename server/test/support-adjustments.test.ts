import { ManualClock } from "../src/common/clock";
import { AuditEntryEntity, LedgerEntryEntity } from "../src/entities";
import { expectLedgerMatches, POOL, teamOrg } from "./support/credits-fixture";
import { addMember, signUp, staffOf } from "./support/fixtures";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 17 / UX review finding 1: a stray minus sign wiped a pool, took the monthly bucket
// too, misreported what it did, and the correcting grant landed in the wrong bucket.

const ADJUST = `mutation($o: ID!, $b: CreditBucket!, $c: Int!, $r: String!) { adjustCredits(orgId: $o, bucket: $b, credits: $c, reason: $r) {
  id ledgerEntryId bucket credits before after reason actorEmail reversalOf reversedBy description
  auditEntry { id action actorEmail details } pool { topUpRemaining monthlyRemaining totalRemaining } } }`;
const REVERSE = `mutation($o: ID!, $a: ID!) { reverseCreditAdjustment(orgId: $o, adjustmentId: $a) {
  id bucket credits before after reversalOf description auditEntry { id action details } pool { topUpRemaining monthlyRemaining } } }`;
const GRANT =
  "mutation($o: ID!, $c: Int!, $r: String!) { grantCredits(orgId: $o, credits: $c, reason: $r) { topUpRemaining monthlyRemaining } }";
const LIST = "query($id: ID!) { org(id: $id) { creditAdjustments { id bucket credits before after reversalOf reversedBy description } } }";

const DAY = 86_400_000;
const clock = new ManualClock("2027-03-10T09:00:00.000Z");
let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

/** A Team org whose pool is top-up 405 and its monthly allotment, as in the review. */
async function reviewOrg() {
  const team = await teamOrg(t);
  const staff = await staffOf(t);
  await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: 405, r: "set up like the review" });
  const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
  expect(org.pool.topUpRemaining).toBe(405);
  return { team, staff, monthly: org.pool.monthlyRemaining as number };
}

const pool = async (team: { owner: { client: { ok: (q: string, v: Record<string, unknown>) => Promise<any> } }; orgId: string }) =>
  (await team.owner.client.ok(POOL, { id: team.orgId })).org.pool;
const counts = async (orgId: string) => ({
  ledger: await t.app.db.manager.countBy(LedgerEntryEntity, { accountId: orgId }),
  audit: await t.app.db.manager.countBy(AuditEntryEntity, { orgId }),
});

describe("support adjustments that cannot go wrong quietly", () => {
  it("refuses the review's -999999 removal, saying how much there is, and changes nothing", async () => {
    const { team, staff, monthly } = await reviewOrg();
    const before = await counts(team.orgId);

    const viaGrant = await staff.client.request(GRANT, { o: team.orgId, c: -999_999, r: "typo" });
    expect(viaGrant.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(viaGrant.errors?.[0]?.message).toContain("holds 405 credits");
    const viaAdjust = await staff.client.request(ADJUST, { o: team.orgId, b: "TOP_UP", c: -999_999, r: "typo" });
    expect(viaAdjust.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(viaAdjust.errors?.[0]?.message).toMatch(/holds 405 credits, so at most 405 can be removed, not 999,999/);
    const monthlyTooMuch = await staff.client.request(ADJUST, { o: team.orgId, b: "MONTHLY", c: -(monthly + 1), r: "typo" });
    expect(monthlyTooMuch.errors?.[0]?.message).toContain(`holds ${monthly.toLocaleString("en-US")} credits`);

    expect(await pool(team)).toMatchObject({ topUpRemaining: 405, monthlyRemaining: monthly });
    expect(await counts(team.orgId)).toEqual(before);
  });

  it("removes from the top-up bucket only, and answers and audits exactly what moved", async () => {
    const { team, staff, monthly } = await reviewOrg();
    const { adjustCredits: done } = await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: -405, r: "ticket 42" });
    expect(done).toMatchObject({
      bucket: "TOP_UP",
      credits: -405,
      before: 405,
      after: 0,
      reason: "ticket 42",
      actorEmail: "staff@support.test",
      reversalOf: null,
      reversedBy: null,
      pool: { topUpRemaining: 0, monthlyRemaining: monthly },
    });
    expect(done.ledgerEntryId).toBe(done.id);
    const line = await t.app.db.manager.findOneByOrFail(LedgerEntryEntity, { id: Number(done.id) });
    expect(line).toMatchObject({ bucket: "TOP_UP", amount: -405, balanceAfter: 0 });
    expect(done.description).toBe(
      "Removed 405 credits from the top-up bucket (405 → 0); the monthly bucket is unchanged. Reason: ticket 42",
    );
    expect(done.auditEntry).toMatchObject({ action: "credits.adjusted", actorEmail: "staff@support.test" });
    expect(JSON.parse(done.auditEntry.details).after).toMatchObject({
      summary: done.description,
      bucket: "TOP_UP",
      adjustmentId: Number(done.id),
    });
    // The org's own audit log shows the same entry.
    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { auditLog { id action } } }", { id: team.orgId });
    expect(org.auditLog[0]).toEqual({ id: done.auditEntry.id, action: "credits.adjusted" });

    // The top-up is empty now: a further removal is refused, the monthly bucket is never touched.
    expect(await staff.client.code(GRANT, { o: team.orgId, c: -1, r: "again" })).toBe("BAD_USER_INPUT");
    expect(await pool(team)).toMatchObject({ topUpRemaining: 0, monthlyRemaining: monthly });

    // A monthly removal leaves the top-up alone.
    await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: 50, r: "goodwill" });
    const { adjustCredits: fromMonthly } = await staff.client.ok(ADJUST, { o: team.orgId, b: "MONTHLY", c: -1_000, r: "overgrant" });
    expect(fromMonthly).toMatchObject({ bucket: "MONTHLY", before: monthly, after: monthly - 1_000, pool: { topUpRemaining: 50 } });
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("keeps what open holds need", async () => {
    const team = await teamOrg(t);
    const staff = await staffOf(t);
    const { monthlyRemaining: monthly } = await pool(team);
    await team.key.ok("mutation($i: ReserveCreditsInput!) { reserveCredits(input: $i) { id } }", {
      i: { orgId: team.orgId, memberId: team.members[0].memberId, spaceId: team.spaceIds[0], model: "m", credits: 300 },
    });
    const res = await staff.client.request(ADJUST, { o: team.orgId, b: "MONTHLY", c: -monthly, r: "all of it" });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toContain("300 of them needed by open holds");
    const ok = await staff.client.ok(ADJUST, { o: team.orgId, b: "MONTHLY", c: -(monthly - 300), r: "all but the hold" });
    expect(ok.adjustCredits.after).toBe(300);
  });

  it("reverses an adjustment into the bucket it came from, once, audited with both ids", async () => {
    const { team, staff, monthly } = await reviewOrg();
    const { adjustCredits: removal } = await staff.client.ok(ADJUST, { o: team.orgId, b: "MONTHLY", c: -2_000, r: "wrong org" });
    const { reverseCreditAdjustment: undo } = await staff.client.ok(REVERSE, { o: team.orgId, a: removal.id });
    expect(undo).toMatchObject({
      bucket: "MONTHLY",
      credits: 2_000,
      before: monthly - 2_000,
      after: monthly,
      reversalOf: removal.id,
      pool: { topUpRemaining: 405, monthlyRemaining: monthly },
    });
    expect(undo.description).toContain(`Reversed adjustment #${removal.id}: put 2,000 credits back into the monthly bucket`);
    expect(undo.auditEntry.action).toBe("credits.adjustment_reversed");
    expect(JSON.parse(undo.auditEntry.details).after).toMatchObject({ adjustmentId: Number(removal.id), reversalId: Number(undo.id) });

    const before = await counts(team.orgId);
    expect(await staff.client.code(REVERSE, { o: team.orgId, a: removal.id })).toBe("CONFLICT");
    expect(await staff.client.code(REVERSE, { o: team.orgId, a: undo.id })).toBe("BAD_USER_INPUT");
    expect(await staff.client.code(REVERSE, { o: team.orgId, a: "999999999" })).toBe("NOT_FOUND");
    expect(await staff.client.code(REVERSE, { o: team.orgId, a: "x'1" })).toBe("BAD_USER_INPUT");
    expect(await counts(team.orgId)).toEqual(before);

    const { org } = await staff.client.ok(LIST, { id: team.orgId });
    expect(org.creditAdjustments.slice(0, 2)).toMatchObject([
      { id: undo.id, reversalOf: removal.id, reversedBy: null, credits: 2_000 },
      { id: removal.id, reversalOf: null, reversedBy: undo.id, credits: -2_000 },
    ]);

    // A grant reversed takes back what it gave, never more than the bucket holds.
    const { adjustCredits: grant } = await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: 100, r: "goodwill" });
    await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: -450, r: "spent elsewhere" });
    expect(await staff.client.code(REVERSE, { o: team.orgId, a: grant.id })).toBe("BAD_USER_INPUT");
    expect(await pool(team)).toMatchObject({ topUpRemaining: 55, monthlyRemaining: monthly });
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("refuses to return monthly credits after their period ended (they would have expired), but returns top-ups", async () => {
    const { team, staff } = await reviewOrg();
    const { adjustCredits: monthlyRemoval } = await staff.client.ok(ADJUST, { o: team.orgId, b: "MONTHLY", c: -500, r: "mistake" });
    const { adjustCredits: topUpRemoval } = await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: -400, r: "mistake" });
    clock.advance(32 * DAY);
    const refilled = await pool(team);
    const res = await staff.client.request(REVERSE, { o: team.orgId, a: monthlyRemoval.id });
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(res.errors?.[0]?.message).toContain("would have expired");
    expect(await pool(team)).toMatchObject({ monthlyRemaining: refilled.monthlyRemaining, topUpRemaining: 5 });
    const { reverseCreditAdjustment } = await staff.client.ok(REVERSE, { o: team.orgId, a: topUpRemoval.id });
    expect(reverseCreditAdjustment.pool).toMatchObject({ topUpRemaining: 405, monthlyRemaining: refilled.monthlyRemaining });
  });

  it("is for support staff only; the adjustments list for OWNER, ADMIN and staff", async () => {
    const team = await teamOrg(t);
    const admin = await signUp(t, { name: "Admin" });
    await addMember(team.owner, team.orgId, admin, "ADMIN");
    const member = team.members[0].user;
    for (const who of [team.owner, admin, member]) {
      expect(await who.client.code(ADJUST, { o: team.orgId, b: "TOP_UP", c: 10, r: "please" })).toBe("FORBIDDEN");
      expect(await who.client.code(REVERSE, { o: team.orgId, a: "1" })).toBe("FORBIDDEN");
    }
    expect(await team.key.code(ADJUST, { o: team.orgId, b: "TOP_UP", c: 10, r: "please" })).toBe("FORBIDDEN");
    expect((await admin.client.ok(LIST, { id: team.orgId })).org.creditAdjustments).toEqual([]);
    expect(await member.client.code(LIST, { id: team.orgId })).toBe("FORBIDDEN");
    const staff = await staffOf(t);
    expect(await staff.client.code(ADJUST, { o: team.orgId, b: "TOP_UP", c: 10, r: "" })).toBe("BAD_USER_INPUT");
    expect(await staff.client.code(ADJUST, { o: team.orgId, b: "TOP_UP", c: 0, r: "nothing" })).toBe("BAD_USER_INPUT");
  });
});
