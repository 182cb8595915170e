import { CreditHistoryService } from "../src/credits/credit-history.service";
import { AuditEntryEntity } from "../src/entities";
import { expectLedgerMatches } from "./support/credits-fixture";
import { addMember, advanceDevClock, orgWithTeam, signUp, staffOf } from "./support/fixtures";
import { payOnHostedPage, upgradeToTeam, webhooksSettled } from "./support/stripe-fixture";
import { expectBooksBalancedAfterEach } from "./support/books";
import { startTestApp, type TestApp } from "./support/test-app";

// Issue 17 item 3: where every credit went, a page at a time, adding up to the pool.

const HISTORY = `query($id: ID!, $first: Int, $after: String) { org(id: $id) { creditHistory(first: $first, after: $after) {
  edges { cursor node { id at kind bucket credits balanceAfter description } } pageInfo { hasNextPage endCursor } } } }`;
const POOL = "query($id: ID!) { org(id: $id) { pool { topUpRemaining monthlyRemaining } } }";
const ADJUST =
  "mutation($o: ID!, $b: CreditBucket!, $c: Int!, $r: String!) { adjustCredits(orgId: $o, bucket: $b, credits: $c, reason: $r) { id } }";
const REVERSE = "mutation($o: ID!, $a: ID!) { reverseCreditAdjustment(orgId: $o, adjustmentId: $a) { id } }";
const RECORD =
  'mutation($o: ID!, $m: ID!, $s: ID!, $c: Int!, $k: String!) { recordUsage(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: $c, idempotencyKey: $k }) { creditsCharged } }';

interface Entry {
  id: string;
  at: string;
  kind: string;
  bucket: "TOP_UP" | "MONTHLY";
  credits: number;
  balanceAfter: number;
  description: string;
}

let t: TestApp;
expectBooksBalancedAfterEach(() => t);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let keys = 0;

/** Every entry, `first` at a time, following the cursors. */
async function allPages(client: { ok: (q: string, v: Record<string, unknown>) => Promise<any> }, orgId: string, first: number) {
  const entries: Entry[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  for (;;) {
    const { org } = await client.ok(HISTORY, { id: orgId, first, after });
    const page = org.creditHistory;
    entries.push(...page.edges.map((e: { node: Entry }) => e.node));
    pages.push(page.edges.length);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { entries, pages };
}

describe("Org.creditHistory", () => {
  it("lists every bucket change newest first, usage summed per day and bucket, adding up across pages to the pool", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const { createSpace } = await team.owner.client.ok('mutation($o: ID!) { createSpace(orgId: $o, name: "Lab") { id } }', {
      o: team.orgId,
    });
    let spent = 0;
    const use = async (credits: number) => {
      spent += credits;
      await team.member.client.ok(RECORD, { o: team.orgId, m: team.memberMemberId, s: createSpace.id, c: credits, k: `h-${++keys}` });
    };
    // Day 1: three calls from the monthly bucket.
    await use(10);
    await use(20);
    await use(30);
    await advanceDevClock(t, 1);
    // Day 2: a top-up bought by the owner, then calls that take from it first.
    const { startTopUpCheckout } = await team.owner.client.ok(
      "mutation($o: ID!) { startTopUpCheckout(orgId: $o, credits: 2000) { id url } }",
      {
        o: team.orgId,
      },
    );
    await payOnHostedPage(startTopUpCheckout.url);
    await team.owner.client.ok("mutation($s: ID!) { completeCheckout(sessionId: $s) { id } }", { s: startTopUpCheckout.id });
    await use(5);
    await use(7);
    await advanceDevClock(t, 1);
    // Day 3: a seat added (its prorated credits), a support grant and its reversal, a removal.
    await addMember(team.owner, team.orgId, await signUp(t, { name: "Nina" }));
    await t.app.jobs.runNow(["seats"]);
    const staff = await staffOf(t);
    const { adjustCredits: grant } = await staff.client.ok(ADJUST, { o: team.orgId, b: "MONTHLY", c: 500, r: "outage on the 3rd" });
    await staff.client.ok(REVERSE, { o: team.orgId, a: grant.id });
    await staff.client.ok(ADJUST, { o: team.orgId, b: "TOP_UP", c: -100, r: "duplicate top-up" });
    await use(3);
    // A month on: the refill (and the expiry of what was left), then a call in the new period.
    await advanceDevClock(t, 30);
    await webhooksSettled(t);
    await use(4);

    const { org } = await team.owner.client.ok(POOL, { id: team.orgId });
    const pool = org.pool;
    const { entries, pages } = await allPages(team.owner.client, team.orgId, 3);
    expect(pages.length).toBeGreaterThan(3);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);

    // Each bucket's chain adds up on every page: balanceAfter − credits = the next older entry's balanceAfter.
    for (const bucket of ["TOP_UP", "MONTHLY"] as const) {
      const chain = entries.filter((e) => e.bucket === bucket);
      for (let i = 0; i < chain.length - 1; i++)
        expect([chain[i].id, chain[i].balanceAfter - chain[i].credits]).toEqual([chain[i].id, chain[i + 1].balanceAfter]);
      const oldest = chain[chain.length - 1];
      expect(oldest.balanceAfter - oldest.credits).toBe(0);
      expect(chain[0].balanceAfter).toBe(bucket === "TOP_UP" ? pool.topUpRemaining : pool.monthlyRemaining);
    }
    // Newest first.
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Usage summed per day and bucket: day 1's three calls are one entry.
    const usage = entries.filter((e) => e.kind === "USAGE");
    expect(usage.reduce((sum, e) => sum - e.credits, 0)).toBe(spent);
    const dayOne = usage[usage.length - 1];
    expect(dayOne).toMatchObject({ bucket: "MONTHLY", credits: -60 });
    expect(dayOne.description).toMatch(/^3 calls on \w{3} \d+, \d{4} used 60 credits of the monthly bucket\.$/);
    expect(usage.find((e) => e.bucket === "TOP_UP" && e.credits === -12)?.description).toMatch(/^2 calls on /);

    const kinds = entries.map((e) => e.kind);
    for (const kind of ["REFILL", "EXPIRY", "TOP_UP", "SEAT_CREDITS", "GRANT", "REMOVAL", "USAGE"]) expect(kinds).toContain(kind);
    const one = (kind: string, pred: (e: Entry) => boolean = () => true) => entries.find((e) => e.kind === kind && pred(e)) as Entry;
    expect(one("TOP_UP")).toMatchObject({ bucket: "TOP_UP", credits: 2_000 });
    expect(one("TOP_UP").description).toBe(`A top-up of 2,000 credits was bought by Owner (${team.owner.email}).`);
    expect(one("GRANT")).toMatchObject({ bucket: "MONTHLY", credits: 500 });
    expect(one("GRANT").description).toBe(
      `Support (Staff (staff@support.test)) added 500 credits to the monthly bucket (adjustment #${grant.id}): outage on the 3rd`,
    );
    expect(one("REMOVAL", (e) => e.bucket === "MONTHLY").description).toContain(
      `reversed adjustment #${grant.id}: took 500 credits back from the monthly bucket`,
    );
    expect(one("REMOVAL", (e) => e.bucket === "TOP_UP")).toMatchObject({ credits: -100 });
    expect(one("SEAT_CREDITS").credits).toBeGreaterThan(0);
    expect(one("REFILL").description).toMatch(/^The monthly refill for the new period: [\d,]+ credits\.$/);
    expect(entries[entries.length - 1].description).toContain(`The org moved to Team by Owner (${team.owner.email})`);

    // The refill is in the audit log too, in words.
    const refills = await t.app.db.manager.findBy(AuditEntryEntity, { orgId: team.orgId, action: "credits.refilled" });
    expect(refills).toHaveLength(1);
    expect(refills[0].after?.summary).toMatch(
      /^Monthly credits refilled for \w{3} \d+, \d{4} – \w{3} \d+, \d{4}: [\d,]+ credits granted; [\d,]+ unused monthly credits expired\.$/,
    );

    // The same history a page of 50 at a time, and as staff.
    expect((await allPages(staff.client, team.orgId, 50)).entries).toEqual(entries);
    // Read two ledger lines per query, the service builds the same entries across its reads.
    const small = new CreditHistoryService(t.app.db, 2);
    const read: string[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page = await small.page(team.orgId, 4, after);
      read.push(...page.entries.map((e) => `${e.entry.id}:${e.entry.credits}:${e.entry.balanceAfter}`));
      after = page.entries.at(-1)?.cursor ?? null;
      more = page.hasNextPage;
    }
    expect(read).toEqual(entries.map((e) => `${e.id}:${e.credits}:${e.balanceAfter}`));
    await expectLedgerMatches(t.app, team.orgId);
  });

  it("is for OWNER, ADMIN and staff: a MEMBER and API keys are refused; bad pages are BAD_USER_INPUT", async () => {
    const team = await orgWithTeam(t);
    await upgradeToTeam(team.owner, team.orgId);
    const first = async (client: { ok: (q: string, v: Record<string, unknown>) => Promise<any> }) =>
      (await client.ok(HISTORY, { id: team.orgId, first: 10 })).org.creditHistory.edges.map((e: { node: Entry }) => e.node.kind);
    expect(await first(team.owner.client)).toEqual(["REFILL"]);
    expect(await first(team.admin.client)).toEqual(["REFILL"]);
    expect(await first((await staffOf(t)).client)).toEqual(["REFILL"]);
    expect(await team.member.client.code(HISTORY, { id: team.orgId })).toBe("FORBIDDEN");
    const { createApiKey } = await team.owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "k", scopes: [USAGE_WRITE, USAGE_READ, BILLING_READ]) { secret } }',
      { o: team.orgId },
    );
    expect(await t.client({ bearer: createApiKey.secret }).code(HISTORY, { id: team.orgId })).toBe("FORBIDDEN");
    expect(await team.owner.client.code(HISTORY, { id: team.orgId, first: 0 })).toBe("BAD_USER_INPUT");
    expect(await team.owner.client.code(HISTORY, { id: team.orgId, after: "not-a-cursor" })).toBe("BAD_USER_INPUT");
  });
});
