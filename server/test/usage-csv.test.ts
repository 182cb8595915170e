import { request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { usageCsvStringifier } from "../src/analytics/usage-csv";
import { MAX_REPORT_DAYS } from "../src/analytics/usage.service";
import { ManualClock } from "../src/common/clock";
import { UsageEventEntity } from "../src/entities";
import { type TeamOrg, teamOrg } from "./support/credits-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HEADER =
  "occurred_at,event_id,member_id,member_name,space_id,space_name,model,credits,from_top_up,from_monthly,from_personal,voided_at,void_reason";

const clock = new ManualClock("2027-05-03T09:00:00.000Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock, env: { RATE_LIMIT_KEY_PER_SECOND: "1000000" } });
});
afterAll(() => t.close());

const bearerOf = (team: TeamOrg) => (team.key as unknown as { bearer: string }).bearer;
const cookieOf = (client: unknown) => (client as { cookie: string }).cookie;
const csvUrl = (orgId: string, from?: Date | string, to?: Date | string) => {
  const q = new URLSearchParams();
  if (from) q.set("from", typeof from === "string" ? from : from.toISOString());
  if (to) q.set("to", typeof to === "string" ? to : to.toISOString());
  return `${t.url}/orgs/${orgId}/usage.csv${q.size ? `?${q}` : ""}`;
};
const asKey = (team: TeamOrg) => ({ authorization: `Bearer ${bearerOf(team)}` });
const rowsOf = (csv: string) => csv.trim().split("\n").slice(1);

/**
 * Counts the SQL the server runs against one org's usage events, and can slow each of those
 * queries down. Every query TypeORM sends, on either driver, goes through its QueryRunner's
 * `query` (better-sqlite3 has one runner, MySQL one per operation, all of the same class), so a
 * spy on that class's method sees them all; a query counts when it starts. Only statements
 * naming `usage_event` with this org's id are counted: sessions, jobs and other orgs are not.
 */
function spyOnQueries(orgId: string) {
  const runner = t.app.db.dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
  if (t.app.db.kind === "mysql") void runner.release(); // never connected; SQLite's is the shared one
  const original = proto.query;
  const spy = {
    count: 0,
    delayMs: 0,
    restore: () => {
      proto.query = original;
    },
  };
  proto.query = async function (this: unknown, ...args: unknown[]) {
    const [sql, params] = args as [string, unknown[] | undefined];
    if (sql.includes("usage_event") && params?.includes(orgId)) {
      spy.count++;
      if (spy.delayMs) await sleep(spy.delayMs);
    }
    return original.apply(this, args);
  };
  return spy;
}

async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = (await res.json()) as { errors: { message: string; extensions: { code: string; field?: string } }[] };
  expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code: expect.any(String) }) }] });
  return { status: res.status, ...body.errors[0].extensions };
}

describe("the CSV stringifier", () => {
  it("prefixes a leading =, +, -, @, TAB and CR in text with a quote, keeps RFC 4180 quoting, and leaves numbers alone", async () => {
    const s = usageCsvStringifier();
    const chunks: string[] = [];
    s.on("data", (c: Buffer | string) => chunks.push(String(c)));
    const ended = new Promise((resolve) => s.on("end", resolve));
    s.write(["\t=1+1", "\r=2+2", '=HYPERLINK("http://evil.test","x")', "-2+3", "@SUM(A1)", "+1", "a;b", 'say "hi"', "line\nbreak", 0, -3]);
    s.end();
    await ended;
    expect(chunks.join("")).toBe(
      `${HEADER}\n'\t=1+1,"'\r=2+2","'=HYPERLINK(""http://evil.test"",""x"")",'-2+3,'@SUM(A1),'+1,a;b,"say ""hi""","line\nbreak",0,-3\n`,
    );
  });
});

describe("GET /orgs/:orgId/usage.csv", () => {
  it("refuses the review's million-year range, and any range over MAX_REPORT_DAYS, at once with 400 BAD_USER_INPUT on `to`", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    await team.call({ credits: 3 });
    const spy = spyOnQueries(team.orgId);
    try {
      const started = Date.now();
      const huge = await fetch(csvUrl(team.orgId, "-271821-04-20T00:00:00Z", "+275760-09-13T00:00:00Z"), {
        headers: { cookie: cookieOf(team.members[0].user.client) },
      });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await errorOf(huge)).toEqual({ status: 400, code: "BAD_USER_INPUT", field: "to" });
      const from = new Date(clock.now().getTime() - DAY);
      const over = await fetch(csvUrl(team.orgId, from, new Date(from.getTime() + MAX_REPORT_DAYS * DAY + 1)), { headers: asKey(team) });
      expect(await errorOf(over)).toEqual({ status: 400, code: "BAD_USER_INPUT", field: "to" });
      expect(spy.count).toBe(0); // refused before a single usage query
    } finally {
      spy.restore();
    }
  });

  it("refuses an empty or backwards range and times that are not ISO-8601", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    const at = clock.now();
    const cases: [string, string, string][] = [
      [at.toISOString(), at.toISOString(), "to"],
      [at.toISOString(), new Date(at.getTime() - 1).toISOString(), "to"],
      ["yesterday", at.toISOString(), "from"],
      ["2027-02-30T00:00:00Z", at.toISOString(), "from"], // a date that does not exist
      [at.toISOString(), "1", "to"], // `new Date("1")` is 2001, not a time anyone meant
    ];
    for (const [from, to, field] of cases) {
      expect(await errorOf(await fetch(csvUrl(team.orgId, from, to), { headers: asKey(team) }))).toEqual({
        status: 400,
        code: "BAD_USER_INPUT",
        field,
      });
    }
    const twice = await fetch(`${csvUrl(team.orgId)}?from=${at.toISOString()}&from=${at.toISOString()}`, { headers: asKey(team) });
    expect(await errorOf(twice)).toEqual({ status: 400, code: "BAD_USER_INPUT", field: "from" });
  });

  it("answers 401, 403 and 404 in the GraphQL error shape", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    const other = await teamOrg(t, { at: clock.now() });
    const { createApiKey } = await team.owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "writer", scopes: [USAGE_WRITE]) { secret } }',
      { o: team.orgId },
    );
    expect(await errorOf(await fetch(csvUrl(team.orgId)))).toEqual({ status: 401, code: "UNAUTHENTICATED" });
    expect(await errorOf(await fetch(csvUrl(team.orgId), { headers: { authorization: `Bearer ${createApiKey.secret}` } }))).toEqual({
      status: 403,
      code: "FORBIDDEN",
    });
    expect(await errorOf(await fetch(csvUrl(other.orgId), { headers: asKey(team) }))).toEqual({ status: 404, code: "NOT_FOUND" });
    const stranger = await fetch(csvUrl(other.orgId), { headers: { cookie: cookieOf(team.members[0].user.client) } });
    expect(await errorOf(stranger)).toEqual({ status: 404, code: "NOT_FOUND" });
  });

  it("exports a full 400-day range with a long empty gap, events at both ends, in a handful of queries", async () => {
    clock.set(new Date(clock.now().getTime() + DAY));
    const team = await teamOrg(t, { at: clock.now() });
    const from = clock.now();
    const to = new Date(from.getTime() + MAX_REPORT_DAYS * DAY); // exactly the maximum
    for (let i = 0; i < 3; i++) expect((await team.call({ credits: 1 + i })).code).toBeUndefined();
    clock.set(new Date(to.getTime() - HOUR));
    for (let i = 0; i < 3; i++) expect((await team.call({ credits: 10 + i })).code).toBeUndefined();
    const spy = spyOnQueries(team.orgId);
    let csv: string;
    try {
      const res = await fetch(csvUrl(team.orgId, from, to), { headers: asKey(team) });
      expect(res.status).toBe(200);
      csv = await res.text();
    } finally {
      spy.restore();
    }
    const stored = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
    expect(stored).toHaveLength(6);
    const rows = rowsOf(csv).map((r) => r.split(","));
    expect(rows.map((r) => r[1]).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(rows.map((r) => Number(r[7]))).toEqual([1, 2, 3, 10, 11, 12]);
    // Stepping through the gap in 32-day windows takes 20-odd queries; seeking takes about five.
    expect(spy.count).toBeLessThan(10);
  });

  it("escapes formula-looking models and keeps numbers plain, end to end", async () => {
    clock.set(new Date(clock.now().getTime() + DAY));
    const team = await teamOrg(t, { at: clock.now() });
    const from = new Date(clock.now().getTime() - 1);
    const models = ['=HYPERLINK("http://evil.test","x")', "-2+3", "@SUM(A1:A9)", "+SUM(1)", "plain, with comma"];
    for (const [i, model] of models.entries()) expect((await team.call({ model, credits: 5 + i })).code).toBeUndefined();
    const res = await fetch(csvUrl(team.orgId, from, new Date(clock.now().getTime() + 1)), { headers: asKey(team) });
    const csv = await res.text();
    expect(csv.split("\n")[0]).toBe(HEADER);
    const lines = rowsOf(csv);
    expect(lines).toHaveLength(5);
    const cells = lines.map((l) => l.slice(l.indexOf(`,${team.spaceIds[0]},`) + team.spaceIds[0].length + 2));
    expect(cells).toEqual([
      `Space 0,"'=HYPERLINK(""http://evil.test"",""x"")",5,0,5,0,,`,
      `Space 0,'-2+3,6,0,6,0,,`,
      `Space 0,'@SUM(A1:A9),7,0,7,0,,`,
      `Space 0,'+SUM(1),8,0,8,0,,`,
      `Space 0,"plain, with comma",9,0,9,0,,`,
    ]);
  });

  it("refuses models with control, bidi-override or zero-width characters, charging nothing", async () => {
    const team = await teamOrg(t, { at: clock.now() });
    for (const model of ["\t=1+1", "\r=2+2", "gpt\n4", "gpt\u0000", "gpt\u007f", "gpt\u0085", "\u202Egpt", "g\u200Bpt", "g\u200Fpt"]) {
      const res = await team.key.request("mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }", {
        input: {
          orgId: team.orgId,
          memberId: team.members[0].memberId,
          spaceId: team.spaceIds[0],
          model,
          credits: 1,
          idempotencyKey: `m-${Math.random()}`,
        },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "model" });
    }
    expect(await t.app.db.manager.countBy(UsageEventEntity, { orgId: team.orgId })).toBe(0);
    expect((await team.call({ model: "gpt-4o mini (2027)", credits: 1 })).code).toBeUndefined();
  });

  it("gives a MEMBER only their own rows", async () => {
    const team = await teamOrg(t, { members: 2, at: clock.now() });
    const [a, b] = team.members;
    const from = new Date(clock.now().getTime() - 1);
    await team.call({ memberId: a.memberId, credits: 5 });
    await team.call({ memberId: b.memberId, credits: 7 });
    await team.call({ memberId: a.memberId, credits: 9 });
    const url = csvUrl(team.orgId, from, new Date(clock.now().getTime() + 1));
    const mine = rowsOf(await (await fetch(url, { headers: { cookie: cookieOf(a.user.client) } })).text());
    expect(mine.map((l) => l.split(",")[2])).toEqual([a.memberId, a.memberId]);
    expect(mine.map((l) => Number(l.split(",")[7]))).toEqual([5, 9]);
    expect(rowsOf(await (await fetch(url, { headers: asKey(team) })).text())).toHaveLength(3);
  });

  it("stops querying the moment the client disconnects", async () => {
    clock.set(new Date(clock.now().getTime() + DAY));
    const team = await teamOrg(t, { members: 2, at: clock.now() });
    const from = clock.now();
    const to = new Date(from.getTime() + MAX_REPORT_DAYS * DAY);
    for (let i = 0; i < 5; i++) expect((await team.call({ credits: 1 })).code).toBeUndefined();
    // Then a few events a month for the rest of the range: long empty stretches between them.
    for (let day = 30; day < MAX_REPORT_DAYS; day += 30) {
      clock.set(new Date(from.getTime() + day * DAY));
      for (let i = 0; i < 3; i++) expect((await team.call({ memberId: team.members[i % 2].memberId, credits: 2 })).code).toBeUndefined();
    }
    const url = csvUrl(team.orgId, from, to);
    const spy = spyOnQueries(team.orgId);
    try {
      // The whole export, for comparison.
      const full = rowsOf(await (await fetch(url, { headers: asKey(team) })).text());
      expect(full).toHaveLength(5 + 13 * 3);
      const fullQueries = spy.count;

      // Slow each query down so the export is surely mid-way when the client leaves.
      spy.count = 0;
      spy.delayMs = 100;
      const first = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(url, { headers: asKey(team) }, (res) => {
          res.once("data", (chunk: Buffer) => {
            req.destroy(); // the client gives up after the first chunk
            resolve(String(chunk));
          });
        });
        req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
        req.end();
      });
      const atDisconnect = spy.count;
      expect(first.startsWith(HEADER)).toBe(true);
      await sleep(1_000); // time for ten more slowed queries, had it kept going
      expect(spy.count).toBe(atDisconnect);
      expect(spy.count).toBeLessThan(fullQueries);
    } finally {
      spy.restore();
    }
    // The server is fine afterwards.
    expect((await fetch(url, { headers: asKey(team) })).status).toBe(200);
  });
});
