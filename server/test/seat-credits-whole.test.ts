import { PoolEntity, SubscriptionEntity } from "../src/entities";
import { expectBooksBalancedAfterEach } from "./support/books";
import { expectLedgerMatches } from "./support/credits-fixture";
import { addMember, advanceDevClock, orgWithTeam, signUp } from "./support/fixtures";
import { upgradeToTeam } from "./support/stripe-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CREDITS_PER_SEAT = 1_000;

/** What the seat change costs on the invoice, as a share of one seat's price (the proration lines netted). */
async function invoiceShareOfOneSeat(orgId: string): Promise<{ share: number; cents: number; seatPrice: number }> {
  const stripe = t.app.services.gateway.stripe;
  const sub = await t.app.db.manager.findOneByOrFail(SubscriptionEntity, { accountType: "ORG", accountId: orgId });
  const item = await stripe.subscriptionItems.retrieve(sub.seatItemId as string);
  const seatPrice = item.price.unit_amount as number;
  const pending = await stripe.invoiceItems.list({ customer: sub.customerId });
  const cents = pending.data.reduce((sum, i) => sum + i.amount, 0);
  return { share: cents / seatPrice, cents, seatPrice };
}

async function addSeat(team: Awaited<ReturnType<typeof orgWithTeam>>): Promise<number> {
  const before = await t.app.db.manager.findOneByOrFail(PoolEntity, { orgId: team.orgId });
  await addMember(team.owner, team.orgId, await signUp(t));
  await t.app.jobs.runNow(["seats"]);
  const after = await expectLedgerMatches(t.app, team.orgId);
  return after.monthlyBalance - before.monthlyBalance;
}

describe("a seat's credits match its proration", () => {
  it("brings the whole 1,000 credits on the period's first day, as the invoice bills the whole seat", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    expect(await addSeat(team)).toBe(CREDITS_PER_SEAT);
    const invoice = await invoiceShareOfOneSeat(team.orgId);
    expect(invoice.cents).toBe(invoice.seatPrice);
  });

  it("brings the same share of 1,000 credits mid-period as the invoice's proration share of the seat price", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    await advanceDevClock(t, 11);
    const credits = await addSeat(team);
    const invoice = await invoiceShareOfOneSeat(team.orgId);
    expect(credits).toBeLessThan(CREDITS_PER_SEAT);
    expect(credits).toBeGreaterThan(500);
    // Equal shares up to each side's rounding (credits round down to 1 of 1,000; cents to 1 of the price).
    expect(Math.abs(credits / CREDITS_PER_SEAT - invoice.share)).toBeLessThanOrEqual(1 / CREDITS_PER_SEAT + 1 / invoice.seatPrice);
  });
});
