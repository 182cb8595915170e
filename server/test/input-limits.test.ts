import { ManualClock } from "../src/common/clock";
import { AuditEntryEntity, UsageEventEntity } from "../src/entities";
import { expectLedgerMatches, teamOrg } from "./support/credits-fixture";
import { staffOf } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

// Limits declared on the input classes (common/input-rules.ts) answer like the checks they
// replaced: BAD_USER_INPUT, the field in `extensions.field`, "field: what is wrong", nothing changed.

const RECORD = "mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }";
const ALERT = "mutation($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { softAlertThresholdPercent } }";
const ADJUST =
  "mutation($o: ID!, $b: CreditBucket!, $c: Int!, $r: String!) { adjustCredits(orgId: $o, bucket: $b, credits: $c, reason: $r) { id } }";
const AUDIT = "query($o: ID!, $f: Int, $p: String) { org(id: $o) { auditEntries(first: $f, actionPrefix: $p) { edges { cursor } } } }";

const clock = new ManualClock("2027-03-10T09:00:00.000Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

describe("declared input limits", () => {
  it("name the field of an input object and say what is wrong, charging nothing", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    const call = {
      orgId: team.orgId,
      memberId: team.ownerMemberId,
      spaceId: team.spaceIds[0],
      model: "m",
      credits: 1,
      idempotencyKey: "k",
    };
    const cases = [
      [{ credits: 0 }, "credits", "credits: must be a whole number from 1 to 1,000,000"],
      [{ model: "  " }, "model", "model: must not be empty"],
      [{ model: "m".repeat(201) }, "model", "model: must be at most 200 characters"],
      [{ model: "g\u200Bpt" }, "model", "model: must not contain control, bidi-override or zero-width characters"],
      [{ idempotencyKey: "" }, "idempotencyKey", "idempotencyKey: must be 1 to 255 characters"],
    ] as const;
    for (const [change, field, message] of cases) {
      const res = await team.key.request(RECORD, { input: { ...call, ...change } });
      expect(res.errors).toEqual([{ message, path: ["recordUsage"], extensions: { code: "BAD_USER_INPUT", field } }]);
    }
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(0);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("name a scalar argument, before anything is written", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    const staff = await staffOf(t);
    const auditBefore = await t.app.db.manager.countBy(AuditEntryEntity, { orgId: team.orgId });
    const alert = await team.owner.client.request(ALERT, { o: team.orgId, p: 100 });
    expect(alert.errors?.[0]).toMatchObject({
      message: "percent: must be a whole number from 1 to 99",
      extensions: { code: "BAD_USER_INPUT", field: "percent" },
    });
    const adjust = await staff.client.request(ADJUST, { o: team.orgId, b: "TOP_UP", c: 5, r: "  x  " });
    expect(adjust.errors?.[0]).toMatchObject({
      message: "reason: say why in 3 to 500 characters",
      extensions: { code: "BAD_USER_INPUT", field: "reason" },
    });
    const page = await team.owner.client.request(AUDIT, { o: team.orgId, f: 101 });
    expect(page.errors?.[0]).toMatchObject({ message: "first: must be 1 to 100", extensions: { field: "first" } });
    const prefix = await team.owner.client.request(AUDIT, { o: team.orgId, p: "Member%" });
    expect(prefix.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "actionPrefix" });
    expect(await t.app.db.manager.countBy(AuditEntryEntity, { orgId: team.orgId })).toBe(auditBefore);
  });

  it("leave a batch's calls to be checked one by one: a bad call answers alone, the rest are charged", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    const call = (key: string, credits: number) => ({
      memberId: team.ownerMemberId,
      spaceId: team.spaceIds[0],
      model: "m",
      credits,
      idempotencyKey: key,
    });
    const BATCH =
      "mutation($o: ID!, $c: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $c) { index errorCode result { creditsCharged } } }";
    const { recordUsageBatch } = await team.key.ok(BATCH, { o: team.orgId, c: [call("a", 3), call("b", 0), call("c", 4)] });
    expect(recordUsageBatch).toEqual([
      { index: 0, errorCode: null, result: { creditsCharged: 3 } },
      { index: 1, errorCode: "BAD_USER_INPUT", result: null },
      { index: 2, errorCode: null, result: { creditsCharged: 4 } },
    ]);
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(2);
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("check the role before the input: a MEMBER is FORBIDDEN whatever they send", async () => {
    const team = await teamOrg(t, { members: 1, at: clock.now() });
    expect(await team.members[0].user.client.code(ALERT, { o: team.orgId, p: 100 })).toBe("FORBIDDEN");
  });
});
