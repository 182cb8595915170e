import type { MigrationInterface } from "typeorm";
import { utcHour, utcTenMinutes } from "../src/credits/rollups";
import { MYSQL_MIGRATIONS } from "../src/db/migrations/mysql";
import { SQLITE_MIGRATIONS } from "../src/db/migrations/sqlite";
import { UsageEventEntity, UsageRollupEntity, UsageRollupHourEntity, UsageRollupTenMinutesEntity } from "../src/entities";
import { teamOrg } from "./support/credits-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const REPORT = `query($id: ID!, $from: DateTime, $to: DateTime, $m: ID, $s: ID, $model: String) { org(id: $id) { usage(from: $from, to: $to, memberId: $m, spaceId: $s, model: $model) {
  from to totalCredits calls byMember { memberId name credits calls } bySpace { spaceId name credits calls } byModel { model credits calls } daily { date credits calls } } } }`;
const EVENTS =
  "query($id: ID!, $first: Int, $after: String) { org(id: $id) { usageEvents(first: $first, after: $after) { edges { cursor node { id memberId credits occurredAt } } pageInfo { hasNextPage endCursor } } } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Report = {
  totalCredits: number;
  calls: number;
  byMember: { memberId: string; name: string; credits: number; calls: number }[];
  bySpace: { credits: number }[];
  byModel: { model: string; credits: number }[];
  daily: { credits: number; calls: number }[];
};

const total = (list: { credits: number }[]) => list.reduce((s, x) => s + x.credits, 0);

/** The same figures straight from the raw events. */
async function rawTotals(orgId: string) {
  const events = await t.app.db.manager.findBy(UsageEventEntity, { orgId });
  const by = (key: (e: UsageEventEntity) => string) => {
    const m = new Map<string, number>();
    for (const e of events) m.set(key(e), (m.get(key(e)) ?? 0) + e.credits);
    return m;
  };
  return {
    total: events.reduce((s, e) => s + e.credits, 0),
    calls: events.length,
    byMember: by((e) => e.memberId),
    byModel: by((e) => e.model),
  };
}

function expectConsistent(report: Report) {
  expect(total(report.byMember)).toBe(report.totalCredits);
  expect(total(report.bySpace)).toBe(report.totalCredits);
  expect(total(report.byModel)).toBe(report.totalCredits);
  expect(total(report.daily)).toBe(report.totalCredits);
  expect(report.daily.reduce((s, d) => s + d.calls, 0)).toBe(report.calls);
}

describe("usage reports", () => {
  it("splits by member, Space, model and day, each adding up to the total, exactly as the raw events say", async () => {
    const team = await teamOrg(t, { members: 3, spaces: 3 });
    const models = ["gpt-a", "claude-b", "mistral-c"];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    for (let i = 0; i < 60; i++) {
      const res = await team.call({
        memberId: team.members[next(3)].memberId,
        spaceId: team.spaceIds[next(3)],
        model: models[next(3)],
        credits: 1 + next(40),
      });
      expect(res.data).toBeDefined();
    }
    const report: Report = (await team.owner.client.ok(REPORT, { id: team.orgId })).org.usage;
    expectConsistent(report);
    const raw = await rawTotals(team.orgId);
    expect(report.totalCredits).toBe(raw.total);
    expect(report.calls).toBe(raw.calls);
    for (const m of report.byMember) expect(m.credits).toBe(raw.byMember.get(m.memberId));
    for (const m of report.byModel) expect(m.credits).toBe(raw.byModel.get(m.model));
    expect(report.byMember.map((m) => m.name).sort()).toEqual(["Member0", "Member1", "Member2"]);
    // A filter narrows every breakdown alike.
    const one: Report = (await team.owner.client.ok(REPORT, { id: team.orgId, model: "gpt-a" })).org.usage;
    expect(one.byModel.map((m) => m.model)).toEqual(["gpt-a"]);
    expect(one.totalCredits).toBe(raw.byModel.get("gpt-a"));
    expectConsistent(one);
  });

  it("is exact for a range whose ends fall inside days (rollups for whole days, raw events at the edges)", async () => {
    const team = await teamOrg(t);
    for (let i = 0; i < 10; i++) await team.call({ credits: 3 });
    const now = Date.now();
    const from = new Date(now - 30 * 3600_000).toISOString();
    const to = new Date(now + 3600_000).toISOString();
    const report: Report = (await team.owner.client.ok(REPORT, { id: team.orgId, from, to })).org.usage;
    expect(report.totalCredits).toBe(30);
    expectConsistent(report);
    const before: Report = (await team.owner.client.ok(REPORT, { id: team.orgId, from, to: new Date(now - 3600_000).toISOString() })).org
      .usage;
    expect(before.totalCredits).toBe(0);
    expect(await team.owner.client.code(REPORT, { id: team.orgId, from: to, to: from })).toBe("BAD_USER_INPUT");
  });

  it("keeps a removed member's name, shows a MEMBER only their own usage, and needs USAGE_READ for keys", async () => {
    const team = await teamOrg(t, { members: 2 });
    const [a, b] = team.members;
    await team.call({ memberId: a.memberId, credits: 11 });
    await team.call({ memberId: b.memberId, credits: 22 });
    const mine: Report = (await a.user.client.ok(REPORT, { id: team.orgId, m: b.memberId })).org.usage;
    expect(mine.byMember.map((m) => [m.memberId, m.credits])).toEqual([[a.memberId, 11]]);
    await team.owner.client.ok("mutation($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }", { o: team.orgId, m: b.memberId });
    const all: Report = (await team.key.ok(REPORT, { id: team.orgId })).org.usage;
    expect(all.byMember.find((m) => m.memberId === b.memberId)).toMatchObject({ name: "Member1", credits: 22 });
    const { createApiKey } = await team.owner.client.ok(
      'mutation($o: ID!) { createApiKey(orgId: $o, name: "w", scopes: [USAGE_WRITE]) { secret } }',
      { o: team.orgId },
    );
    expect(await t.client({ bearer: createApiKey.secret }).code(REPORT, { id: team.orgId })).toBe("FORBIDDEN");
  });

  it("keeps rollups equal to the raw events under concurrent writes", async () => {
    const team = await teamOrg(t, { members: 2, spaces: 2 });
    await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        team.call({
          memberId: team.members[i % 2].memberId,
          spaceId: team.spaceIds[(i >> 1) % 2],
          model: i % 3 ? "x" : "y",
          credits: 1 + (i % 7),
        }),
      ),
    );
    const rollups = await t.app.db.manager.findBy(UsageRollupEntity, { orgId: team.orgId });
    const raw = await rawTotals(team.orgId);
    expect(rollups.reduce((s, r) => s + r.credits, 0)).toBe(raw.total);
    expect(rollups.reduce((s, r) => s + r.calls, 0)).toBe(raw.calls);
  });
});

describe("the rollup levels migration", () => {
  it("builds the hourly and ten-minute rollups from the events already stored", async () => {
    const team = await teamOrg(t, { members: 2 });
    for (let i = 0; i < 12; i++) await team.call({ memberId: team.members[i % 2].memberId, model: i % 3 ? "x" : "y", credits: 1 + i });
    // Spread the events over several hours, as a database that ran before the migration would hold them.
    const events = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
    for (const [i, e] of events.entries()) {
      await t.app.db.manager.update(
        UsageEventEntity,
        { id: e.id },
        { occurredAt: new Date(e.occurredAt.getTime() - (i % 4) * 3_600_000 - (i % 3) * 600_000) },
      );
    }
    const migrations = (t.app.db.kind === "mysql" ? MYSQL_MIGRATIONS : SQLITE_MIGRATIONS) as (new () => MigrationInterface)[];
    const Levels = migrations.find((m) => m.name.startsWith("UsageRollupLevels"));
    const runner = t.app.db.dataSource.createQueryRunner();
    try {
      await new Levels!().down(runner);
      await new Levels!().up(runner);
    } finally {
      await runner.release();
    }
    const stored = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
    const expected = (label: (at: Date) => string) => {
      const sums = new Map<string, number>();
      for (const e of stored) {
        const key = `${label(e.occurredAt)} ${e.memberId} ${e.model}`;
        sums.set(key, (sums.get(key) ?? 0) + e.credits);
      }
      return sums;
    };
    const hourly = await t.app.db.manager.findBy(UsageRollupHourEntity, { orgId: team.orgId });
    expect(new Map(hourly.map((r) => [`${r.hour} ${r.memberId} ${r.model}`, r.credits]))).toEqual(expected(utcHour));
    const tenMinutes = await t.app.db.manager.findBy(UsageRollupTenMinutesEntity, { orgId: team.orgId });
    expect(new Map(tenMinutes.map((r) => [`${r.slot} ${r.memberId} ${r.model}`, r.credits]))).toEqual(expected(utcTenMinutes));
    expect(tenMinutes.reduce((sum, r) => sum + r.calls, 0)).toBe(12);
    expect(hourly.reduce((sum, r) => sum + r.calls, 0)).toBe(12);
  });
});

describe("usage events", () => {
  it("pages newest first with opaque cursors that neither skip nor repeat while new events arrive", async () => {
    const team = await teamOrg(t);
    for (let i = 0; i < 23; i++) await team.call({ credits: 1 + i });
    const existing = new Set((await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId })).map((e) => e.id));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { org }: { org: any } = await team.key.ok(EVENTS, { id: team.orgId, first: 7, after });
      seen.push(...org.usageEvents.edges.map((e: { node: { id: string } }) => e.node.id));
      await team.call({ credits: 1 }); // a new event between pages
      if (!org.usageEvents.pageInfo.hasNextPage) break;
      after = org.usageEvents.pageInfo.endCursor;
    }
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen)).toEqual(existing);
    expect(await team.key.code(EVENTS, { id: team.orgId, first: 101 })).toBe("BAD_USER_INPUT");
    expect(await team.key.code(EVENTS, { id: team.orgId, first: 5, after: "not-a-cursor" })).toBe("BAD_USER_INPUT");
  });
});

describe("CSV export", () => {
  it("streams the range's events as CSV with a session or a key with USAGE_READ, under the same rules as reports", async () => {
    const team = await teamOrg(t, { members: 2 });
    const [a, b] = team.members;
    await team.call({ memberId: a.memberId, credits: 5, model: "=danger" });
    await team.call({ memberId: b.memberId, credits: 7, model: "plain, with comma" });
    const csv = async (client: { baseUrl: string }, headers: Record<string, string>) =>
      fetch(`${client.baseUrl}/orgs/${team.orgId}/usage.csv`, { headers });
    const bearer = (team.key as unknown as { bearer: string }).bearer;
    const res = await csv(team.key, { authorization: `Bearer ${bearer}` });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "occurred_at,event_id,member_id,member_name,space_id,space_name,model,credits,from_top_up,from_monthly,from_personal,voided_at,void_reason",
    );
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain(`,'=danger,5,`);
    expect(lines.join("\n")).toContain(`,"plain, with comma",7,`);
    const memberRes = await csv(a.user.client, { cookie: (a.user.client as unknown as { cookie: string }).cookie });
    const memberLines = (await memberRes.text()).trim().split("\n");
    expect(memberLines).toHaveLength(2);
    expect(memberLines[1]).toContain(a.memberId);
    const other = await teamOrg(t);
    // Errors answer in GraphQL's shape: { errors: [{ message, extensions: { code, field? } }] }.
    const failure = async (res: Response) => ({ status: res.status, body: await res.json() });
    const error = (code: string, extra: Record<string, string> = {}) => ({
      errors: [{ message: expect.any(String), extensions: { code, ...extra } }],
    });
    expect(
      await failure(await fetch(`${t.url}/orgs/${other.orgId}/usage.csv`, { headers: { authorization: `Bearer ${bearer}` } })),
    ).toEqual({
      status: 404,
      body: error("NOT_FOUND"),
    });
    expect(await failure(await fetch(`${t.url}/orgs/${team.orgId}/usage.csv`))).toEqual({ status: 401, body: error("UNAUTHENTICATED") });
    expect(
      await failure(
        await fetch(`${t.url}/orgs/${team.orgId}/usage.csv?from=yesterday`, { headers: { authorization: `Bearer ${bearer}` } }),
      ),
    ).toEqual({ status: 400, body: error("BAD_USER_INPUT", { field: "from" }) });
  });
});

describe("the runway forecast", () => {
  it("projects the last 7 days' pace for the pool and for each cap", async () => {
    const team = await teamOrg(t, { members: 2 }); // three seats: allotment 11,000
    const [a] = team.members;
    const { setCap } = await team.owner.client.ok(
      "mutation($o: ID!, $t: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $t, monthlyLimit: 1000) { id } }",
      { o: team.orgId, t: a.memberId },
    );
    for (let i = 0; i < 5; i++) await team.call({ memberId: a.memberId, credits: 100 });
    for (let i = 0; i < 2; i++) await team.call({ memberId: team.members[1].memberId, credits: 100 });
    const { org } = await team.key.ok(
      "query($id: ID!) { org(id: $id) { forecast { burnPerDay daysLeft emptyAt resetAt runsOutBeforeReset caps { capId burnPerDay daysLeft runsOutBeforeReset } } } }",
      { id: team.orgId },
    );
    // 700 credits in the window: 100 a day; 10,300 left lasts 103 days, past the reset.
    expect(org.forecast).toMatchObject({ burnPerDay: 100, daysLeft: 103, runsOutBeforeReset: false });
    expect(new Date(org.forecast.emptyAt).getTime()).toBeGreaterThan(new Date(org.forecast.resetAt).getTime());
    // The capped member spent 500 of 1,000: ~71.4 a day leaves 7 days, before the reset.
    expect(org.forecast.caps).toEqual([{ capId: setCap.id, burnPerDay: 72, daysLeft: 7, runsOutBeforeReset: true }]);
  });
});
