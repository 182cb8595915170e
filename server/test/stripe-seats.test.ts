import { LedgerEntryEntity, PoolEntity, SeatSyncEntity, SubscriptionEntity } from "../src/entities";
import { expectLedgerMatches } from "./support/credits-fixture";
import { addMember, orgWithTeam, signUp, uniqueEmail } from "./support/fixtures";
import { emulatorOf, upgradeToTeam } from "./support/stripe-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const stripe = () => t.app.services.gateway.stripe;
const openRows = (orgId: string) =>
  t.app.db.manager.createQueryBuilder(SeatSyncEntity, "s").where("s.orgId = :o AND s.appliedAt IS NULL", { o: orgId }).getCount();

async function seatItem(orgId: string) {
  const sub = await t.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: orgId });
  const item = await stripe().subscriptionItems.retrieve(sub.seatItemId as string);
  return { sub, item };
}

describe("seats that count themselves", () => {
  it("sends Stripe the new count when a member joins, prorated from today, and adds the seat's credits for the days left", async () => {
    const team = await orgWithTeam(t); // 3 seats
    await upgradeToTeam(team.owner, team.orgId);
    expect((await seatItem(team.orgId)).item.quantity).toBe(3);
    const poolBefore = await t.app.db.manager.findOneByOrFail(PoolEntity, { orgId: team.orgId });

    // A pending invitation is not a seat.
    await team.owner.client.ok("mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }", {
      o: team.orgId,
      e: uniqueEmail(),
    });
    await t.app.jobs.runNow(["seats"]);
    expect((await seatItem(team.orgId)).item.quantity).toBe(3);

    await addMember(team.owner, team.orgId, await signUp(t));
    await t.app.jobs.runNow(["seats"]);
    const { sub, item } = await seatItem(team.orgId);
    expect(item.quantity).toBe(4);
    expect(sub.seatQuantity).toBe(4);
    // The proration waits for the next invoice: a credit for 3 seats and a charge for 4, from today.
    const pending = await stripe().invoiceItems.list({ customer: sub.customerId });
    expect(pending.data.map((i) => Math.sign(i.amount)).sort()).toEqual([-1, 1]);

    const pool = await expectLedgerMatches(t.app, team.orgId);
    // Prorated like Stripe's invoice line: from the start of today, never before the period began (so day one brings all 1,000).
    const today = new Date(Math.floor(t.app.clock.now().getTime() / 86_400_000) * 86_400_000);
    const from = today < poolBefore.periodStart ? poolBefore.periodStart : today;
    const expected = Math.floor(
      (1_000 * (poolBefore.periodEnd.getTime() - from.getTime())) / (poolBefore.periodEnd.getTime() - poolBefore.periodStart.getTime()),
    );
    expect(pool.monthlyBalance - poolBefore.monthlyBalance).toBe(expected);
    expect(expected).toBeGreaterThan(900);
    expect(await openRows(team.orgId)).toBe(0);
  });

  it("sends the lower count when a member leaves, and takes no credits back", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const before = await t.app.db.manager.findOneByOrFail(PoolEntity, { orgId: team.orgId });
    await team.owner.client.ok("mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }", {
      o: team.orgId,
      m: team.memberMemberId,
    });
    await t.app.jobs.runNow(["seats"]);
    expect((await seatItem(team.orgId)).item.quantity).toBe(2);
    expect((await t.app.db.manager.findOneByOrFail(PoolEntity, { orgId: team.orgId })).monthlyBalance).toBe(before.monthlyBalance);
    const seatGrants = await t.app.db.manager.findBy(LedgerEntryEntity, { accountId: team.orgId, kind: "GRANT" });
    expect(seatGrants.filter((g) => g.reference?.startsWith("seat:"))).toHaveLength(0);
  });

  it("keeps the change while Stripe fails, and catches up with the same request when it is back", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    await addMember(team.owner, team.orgId, await signUp(t));
    await addMember(team.owner, team.orgId, await signUp(t));
    emulatorOf(t).failNextRequests(1, "/v1/subscription_items");
    await t.app.jobs.runNow(["seats"]);
    expect((await seatItem(team.orgId)).item.quantity).toBe(3);
    const [failed] = await t.app.db.manager.find(SeatSyncEntity, {
      where: { orgId: team.orgId },
      order: { membershipVersion: "DESC" },
      take: 1,
    });
    expect(failed).toMatchObject({ attempts: 1, appliedAt: null });
    expect(failed.lastError).toContain("simulated Stripe outage");
    // Not retried before its backoff; then retried with the proration date it first used.
    await t.app.jobs.runNow(["seats"]);
    expect((await seatItem(team.orgId)).item.quantity).toBe(3);
    await t.app.db.transaction((em) => em.update(SeatSyncEntity, { id: failed.id }, { nextAttemptAt: new Date(0) }));
    await t.app.jobs.runNow(["seats"]);
    expect((await seatItem(team.orgId)).item.quantity).toBe(5);
    expect(await openRows(team.orgId)).toBe(0);
  });

  it("syncs nothing for an org without a Team subscription", async () => {
    const team = await orgWithTeam(t);
    await t.app.jobs.runNow(["seats"]);
    expect(await openRows(team.orgId)).toBe(0);
  });
});
