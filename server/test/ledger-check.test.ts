import { ManualClock } from "../src/common/clock";
import { checkBooks, expectBooksBalanced, LEDGER_CHECK, staffClient } from "./support/books";
import { teamOrg } from "./support/credits-fixture";
import { createOrg, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const RESERVE = "mutation($input: ReserveCreditsInput!) { reserveCredits(input: $input) { id status } }";
const SETTLE = "mutation($o: ID!, $r: ID!, $c: Int!) { settleReservation(orgId: $o, reservationId: $r, credits: $c) { creditsCharged } }";
const RELEASE = "mutation($o: ID!, $r: ID!) { releaseReservation(orgId: $o, reservationId: $r) }";
const GRANT = 'mutation($o: ID!, $c: Int!) { grantCredits(orgId: $o, credits: $c, reason: "goodwill") { totalRemaining } }';
const BATCH =
  "mutation($o: ID!, $calls: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $calls) { index errorCode result { creditsCharged } } }";
const RECORD = "mutation($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged } }";

const clock = new ManualClock("2027-03-10T10:00:00.000Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

describe("supportLedgerCheck", () => {
  it("finds the books clean through usage, top-ups, grants, reservations and a period roll", async () => {
    clock.set("2027-03-10T10:00:00.000Z");
    const team = await teamOrg(t, { members: 2, spaces: 2 });
    const [m0, m1] = team.members.map((m) => m.memberId);
    const [s0, s1] = team.spaceIds;
    const fresh = await checkBooks(t, team.orgId);
    expect(fresh).toMatchObject({ orgId: team.orgId, ok: true, problems: [] });
    expect(new Date(fresh.checkedAt).toISOString()).toBe("2027-03-10T10:00:00.000Z");

    await team.call({ memberId: m0, spaceId: s0, credits: 120 });
    await team.call({ memberId: m1, spaceId: s1, credits: 80 });
    // A big batch: one coalesced transaction, many events and ledger lines.
    const calls = Array.from({ length: 500 }, (_, i) => ({
      memberId: i % 2 ? m0 : m1,
      spaceId: i % 3 ? s0 : s1,
      model: "gpt-test",
      credits: 1 + (i % 7),
      idempotencyKey: `batch-${i}`,
    }));
    const { recordUsageBatch } = await team.key.ok(BATCH, { o: team.orgId, calls });
    expect(recordUsageBatch.filter((r: { errorCode: string | null }) => r.errorCode)).toEqual([]);
    await t.app.db.transaction((em) => t.app.services.pools.creditTopUp(em, team.orgId, 2_000, "cs_test_topup"));
    const staff = await staffClient(t);
    await staff.ok(GRANT, { o: team.orgId, c: 500 });
    await staff.ok(GRANT, { o: team.orgId, c: -300 });
    // Top-up first: this call spends the top-ups and part of the monthly bucket.
    await team.call({ memberId: m1, spaceId: s0, credits: 2_500 });
    await expectBooksBalanced(t, team.orgId);

    const reserve = async (memberId: string, spaceId: string, credits: number) =>
      (
        await team.key.ok(RESERVE, {
          input: { orgId: team.orgId, memberId, spaceId, model: "long-call", credits, ttlSeconds: 3600 },
        })
      ).reserveCredits.id as string;
    const settled = await reserve(m0, s0, 300);
    const released = await reserve(m1, s1, 200);
    const open = await reserve(m1, s0, 150);
    await team.key.ok(SETTLE, { o: team.orgId, r: settled, c: 340 });
    await team.key.ok(RELEASE, { o: team.orgId, r: released });
    await expectBooksBalanced(t, team.orgId);

    // A month later: the monthly remainder expires (less what the open hold needs), the
    // allotment is granted again, the hold's counters carry into the new period.
    clock.set("2027-04-10T10:00:01.000Z");
    await t.app.jobs.runNow(["periods"]);
    await team.call({ memberId: m0, spaceId: s1, credits: 60 });
    await expectBooksBalanced(t, team.orgId);
    // The open hold, long past its TTL, expires and returns its credits.
    await t.app.jobs.runNow(["reservations"]);
    const { org } = await team.owner.client.ok("query($id: ID!) { org(id: $id) { pool { reserved } } }", { id: team.orgId });
    expect(org.pool.reserved).toBe(0);
    expect(open).toBeTruthy();
    await expectBooksBalanced(t, team.orgId);
  });

  it("finds the books of an org on personal plans clean", async () => {
    const owner = await signUp(t, { name: "Solo" });
    const orgId = await createOrg(owner, "Solo Labs");
    await t.app.services.personal.setPlan({ kind: "anonymous" }, owner.id, "PRO");
    const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { members { id } } }", { id: orgId });
    const { createSpace } = await owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Main") { id } }', { o: orgId });
    for (const [i, credits] of [40, 25].entries()) {
      await owner.client.ok(RECORD, {
        input: { orgId, memberId: org.members[0].id, spaceId: createSpace.id, model: "gpt-test", credits, idempotencyKey: `solo-${i}` },
      });
    }
    await t.app.services.personal.setPlan({ kind: "anonymous" }, owner.id, "STARTER");
    await expectBooksBalanced(t, orgId);
  });

  it("lists each balance, counter, hold total, chain and split that was tampered with", async () => {
    clock.set("2027-05-01T10:00:00.000Z");
    const team = await teamOrg(t, { members: 1, spaces: 1 });
    const member = team.members[0];
    await t.app.services.personal.setPlan({ kind: "anonymous" }, member.user.id, "PRO");
    const { data } = await team.call({ memberId: member.memberId, credits: 90 });
    await team.key.ok(RESERVE, {
      input: { orgId: team.orgId, memberId: member.memberId, spaceId: team.spaceIds[0], model: "long-call", credits: 40 },
    });
    await expectBooksBalanced(t, team.orgId);

    const db = t.app.db.manager;
    const [pool] = await db.query("SELECT topUpBalance, monthlyBalance, reserved FROM pool WHERE orgId = ?", [team.orgId]);
    const [balance] = await db.query("SELECT balance FROM personal_balance WHERE userId = ?", [member.user.id]);
    const [grant] = await db.query(
      "SELECT id, balanceAfter FROM ledger_entry WHERE account = 'ORG' AND accountId = ? AND kind = 'GRANT' ORDER BY id LIMIT 1",
      [team.orgId],
    );
    const monthly = Number(pool.monthlyBalance);
    await db.query("UPDATE pool SET monthlyBalance = monthlyBalance + 7, reserved = reserved + 11 WHERE orgId = ?", [team.orgId]);
    await db.query("UPDATE period_usage SET used = used + 5 WHERE orgId = ? AND scope = 'MEMBER' AND targetId = ?", [
      team.orgId,
      member.memberId,
    ]);
    await db.query("UPDATE personal_balance SET balance = balance - 3 WHERE userId = ?", [member.user.id]);
    await db.query("UPDATE ledger_entry SET balanceAfter = balanceAfter + 1 WHERE id = ?", [grant.id]);
    await db.query("UPDATE usage_event SET fromTopUp = 1, fromMonthly = fromMonthly - 1 WHERE id = ?", [data.eventId]);

    const check = await checkBooks(t, team.orgId);
    expect(check.ok).toBe(false);
    const expectProblem = (pattern: RegExp) => expect(check.problems.filter((p) => pattern.test(p))).toHaveLength(1);
    expectProblem(new RegExp(`^Monthly bucket: expected ${monthly} credits .*found ${monthly + 7} in the pool\\.$`));
    expectProblem(/^Pool reserved: expected 40 credits .*found 51\.$/);
    expectProblem(new RegExp(`^Member ${member.user.email} .*used expected 90 credits .*found 95\\.$`));
    expectProblem(
      new RegExp(
        `^Personal balance of ${member.user.email} .*expected ${Number(balance.balance)} credits .*found ${Number(balance.balance) - 3}\\.$`,
      ),
    );
    expectProblem(
      new RegExp(
        `ledger entry #${grant.id} \\(GRANT, .*\\): balance after expected ${Number(grant.balanceAfter)} .*found ${Number(grant.balanceAfter) + 1}\\.$`,
      ),
    );
    expectProblem(new RegExp(`^Usage event ${data.eventId} \\(90 credits\\): fromTopUp expected 0 .*found 1\\.$`));
    expectProblem(new RegExp(`^Usage event ${data.eventId} \\(90 credits\\): fromMonthly expected 90 .*found 89\\.$`));
    // The next entry's chain breaks too: its predecessor now says one more.
    expect(check.problems).toHaveLength(8);

    // Put back, the books balance again: the check reported the tampering, nothing else.
    await db.query("UPDATE pool SET monthlyBalance = monthlyBalance - 7, reserved = reserved - 11 WHERE orgId = ?", [team.orgId]);
    await db.query("UPDATE period_usage SET used = used - 5 WHERE orgId = ? AND scope = 'MEMBER' AND targetId = ?", [
      team.orgId,
      member.memberId,
    ]);
    await db.query("UPDATE personal_balance SET balance = balance + 3 WHERE userId = ?", [member.user.id]);
    await db.query("UPDATE ledger_entry SET balanceAfter = balanceAfter - 1 WHERE id = ?", [grant.id]);
    await db.query("UPDATE usage_event SET fromTopUp = 0, fromMonthly = fromMonthly + 1 WHERE id = ?", [data.eventId]);
    await expectBooksBalanced(t, team.orgId);
  });

  it("is for support staff only; others are refused as with other staff queries", async () => {
    const team = await teamOrg(t, { members: 1 });
    const outsider = await signUp(t, { name: "Outsider" });
    expect(await team.owner.client.code(LEDGER_CHECK, { orgId: team.orgId })).toBe("FORBIDDEN");
    expect(await team.members[0].user.client.code(LEDGER_CHECK, { orgId: team.orgId })).toBe("FORBIDDEN");
    expect(await outsider.client.code(LEDGER_CHECK, { orgId: team.orgId })).toBe("NOT_FOUND");
    expect(await team.key.code(LEDGER_CHECK, { orgId: team.orgId })).toBe("FORBIDDEN");
    expect(await t.client().code(LEDGER_CHECK, { orgId: team.orgId })).toBe("UNAUTHENTICATED");
    const staff = await staffClient(t);
    expect(await staff.code(LEDGER_CHECK, { orgId: "00000000-0000-7000-8000-000000000000" })).toBe("NOT_FOUND");
    expect(await staff.code(LEDGER_CHECK, { orgId: "not an id" })).toBe("NOT_FOUND");
    // An org with no pool and no personal plans has nothing to disagree.
    expect((await checkBooks(t, await createOrg(outsider, "Empty"))).ok).toBe(true);
  });
});
