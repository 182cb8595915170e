import fc from "fast-check";
import { splitRange } from "../src/analytics/usage.service";
import { ManualClock } from "../src/common/clock";
import { addMonthsClamped } from "../src/credits/periods";
import { utcDay, utcHour, utcTenMinutes } from "../src/credits/rollups";
import { UsageEventEntity, UsageRollupEntity, UsageRollupHourEntity, UsageRollupTenMinutesEntity } from "../src/entities";
import { expectBooksBalanced } from "./support/books";
import { teamOrg } from "./support/credits-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MODELS = ["gpt-4o", "claude-sonnet", "mistral-large"];

const REPORT = `query($id: ID!, $from: DateTime, $to: DateTime, $m: ID, $s: ID, $model: String) { org(id: $id) { usage(from: $from, to: $to, memberId: $m, spaceId: $s, model: $model) {
  totalCredits calls byMember { memberId credits calls } bySpace { spaceId credits calls } byModel { model credits calls } daily { date credits calls } } } }`;

type Bucket = { credits: number; calls: number };
type Breakdown = Record<string, Bucket>;
interface Report extends Bucket {
  totalCredits: number;
  byMember: (Bucket & { memberId: string })[];
  bySpace: (Bucket & { spaceId: string })[];
  byModel: (Bucket & { model: string })[];
  daily: (Bucket & { date: string })[];
}

/** A breakdown as a plain object, keyed by `key`, for an exact comparison. */
function tally<T extends Bucket>(rows: T[], key: (row: T) => string): Breakdown {
  const out: Breakdown = {};
  for (const row of rows) {
    const b = out[key(row)] ?? { credits: 0, calls: 0 };
    out[key(row)] = b;
    b.credits += row.credits;
    b.calls += row.calls;
  }
  return out;
}

describe("splitRange", () => {
  it("covers any range exactly once, counting subtracted parts, with at most five minutes of raw events at each end", () => {
    const moment = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 3, 1) });
    // Ends on bucket boundaries, and ranges inside one bucket, are where an off-by-one would hide.
    const aligned = fc.oneof(
      moment,
      moment.map((t) => Math.floor(t / (10 * MINUTE)) * 10 * MINUTE),
      moment.map((t) => Math.floor(t / HOUR) * HOUR),
      moment.map((t) => Math.floor(t / DAY) * DAY),
    );
    const range = fc.oneof(
      fc.tuple(aligned, aligned),
      fc.tuple(aligned, fc.integer({ min: 1, max: 2 * HOUR })).map(([a, d]) => [a, a + d] as const),
    );
    fc.assert(
      fc.property(range, ([a, b]) => {
        fc.pre(a !== b);
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const parts = splitRange(new Date(from), new Date(to));
        // Coverage only changes at a part's edge: check it there and just before.
        const edges = parts.flatMap((p) => [p.from.getTime(), p.to.getTime()]).concat(from, to);
        for (const t of edges.flatMap((e) => [e - 1, e])) {
          const covered = parts.reduce((n, p) => n + (p.from.getTime() <= t && t < p.to.getTime() ? p.sign : 0), 0);
          expect([t, covered]).toEqual([t, from <= t && t < to ? 1 : 0]);
        }
        for (const part of parts) {
          expect(part.from < part.to).toBe(true);
          if (part.level) expect([part.from.getTime() % part.level.unitMs, part.to.getTime() % part.level.unitMs]).toEqual([0, 0]);
          if (part.level?.grain !== "day") expect(utcDay(part.from)).toBe(utcDay(new Date(part.to.getTime() - 1)));
          if (!part.level) expect(part.to.getTime() - part.from.getTime()).toBeLessThanOrEqual(5 * MINUTE);
        }
        const raw = parts.filter((p) => !p.level).reduce((ms, p) => ms + p.to.getTime() - p.from.getTime(), 0);
        expect(raw).toBeLessThanOrEqual(10 * MINUTE);
        expect(parts.length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("usage reports against the raw events (property)", () => {
  // The org's period started 29 days before the first call, so most runs cross a period boundary.
  const clock = new ManualClock("2027-03-02T05:17:23.000Z");
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RATE_LIMIT_KEY_PER_SECOND: "1000000" } });
  });
  afterAll(() => t.close());

  const call = fc.record({
    // Mostly minutes apart, so buckets hold several calls; now and then hours or a day.
    advanceMs: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 4 * MINUTE }), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 3 * HOUR }), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: 30 * HOUR }), weight: 1 },
    ),
    member: fc.nat(2),
    space: fc.nat(1),
    model: fc.constantFrom(...MODELS),
    credits: fc.integer({ min: 1, max: 500 }),
  });
  const query = fc.record({
    // Where the range starts and ends, as fractions of the span the calls cover (with a margin).
    ends: fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: -0.1, max: 1.1, noNaN: true })),
    alignToHour: fc.boolean(),
    // Or a short range around one of the events (minutes to hours), where buckets are subtracted most.
    shortMs: fc.option(fc.oneof(fc.integer({ min: 1, max: 15 * MINUTE }), fc.integer({ min: 1, max: 3 * HOUR }))),
    around: fc.nat(),
    offset: fc.nat(),
    filter: fc.constantFrom("none", "member", "space", "model"),
  });

  it("every breakdown of any range, with any filter, equals the sums over the raw events; the rollups equal them too", async () => {
    let runsAcrossPeriods = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { minLength: 1, maxLength: 25 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        async (calls, queries) => {
          clock.set(new Date(clock.now().getTime() + DAY + 7_919));
          const periodStart = new Date(clock.now().getTime() - 29 * DAY);
          const team = await teamOrg(t, { members: 2, spaces: 2, at: periodStart });
          const memberIds = [team.ownerMemberId, ...team.members.map((m) => m.memberId)];
          for (const c of calls) {
            clock.set(new Date(clock.now().getTime() + c.advanceMs));
            const res = await team.call({
              memberId: memberIds[c.member],
              spaceId: team.spaceIds[c.space],
              model: c.model,
              credits: c.credits,
            });
            expect(res.code).toBeUndefined();
          }
          const events = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
          expect(events).toHaveLength(calls.length);
          if (events.some((e) => e.occurredAt >= addMonthsClamped(periodStart, 1))) runsAcrossPeriods++;

          // The rollups, hour by hour and day by day, equal the raw events.
          const raw = events.map((e) => ({ ...e, calls: 1 }));
          const cell = (r: { memberId: string; spaceId: string; model: string }) => `${r.memberId}|${r.spaceId}|${r.model}`;
          const hourly = await t.app.db.manager.findBy(UsageRollupHourEntity, { orgId: team.orgId });
          const daily = await t.app.db.manager.findBy(UsageRollupEntity, { orgId: team.orgId });
          const tenMinutes = await t.app.db.manager.findBy(UsageRollupTenMinutesEntity, { orgId: team.orgId });
          expect(tally(tenMinutes, (r) => `${r.slot}|${cell(r)}`)).toEqual(tally(raw, (e) => `${utcTenMinutes(e.occurredAt)}|${cell(e)}`));
          expect(tally(hourly, (r) => `${r.hour}|${cell(r)}`)).toEqual(tally(raw, (e) => `${utcHour(e.occurredAt)}|${cell(e)}`));
          expect(tally(daily, (r) => `${r.day}|${cell(r)}`)).toEqual(tally(raw, (e) => `${utcDay(e.occurredAt)}|${cell(e)}`));

          const first = Math.min(...events.map((e) => e.occurredAt.getTime()));
          const span = Math.max(...events.map((e) => e.occurredAt.getTime())) - first + 1;
          for (const q of queries) {
            let [a, b] = q.ends.map((f) => first + Math.round(f * span)).sort((x, y) => x - y);
            if (q.shortMs !== null) {
              a = raw[q.around % raw.length].occurredAt.getTime() - (q.offset % q.shortMs);
              b = a + q.shortMs;
            }
            if (q.alignToHour) [a, b] = [Math.floor(a / HOUR) * HOUR, Math.ceil(b / HOUR) * HOUR];
            if (a === b) b += 1;
            const filter = {
              none: {},
              member: { m: memberIds[1] },
              space: { s: team.spaceIds[1] },
              model: { model: MODELS[0] },
            }[q.filter];
            const inRange = raw.filter(
              (e) =>
                e.occurredAt.getTime() >= a &&
                e.occurredAt.getTime() < b &&
                (!("m" in filter) || e.memberId === filter.m) &&
                (!("s" in filter) || e.spaceId === filter.s) &&
                (!("model" in filter) || e.model === filter.model),
            );
            const { org } = await team.key.ok(REPORT, {
              id: team.orgId,
              from: new Date(a).toISOString(),
              to: new Date(b).toISOString(),
              ...filter,
            });
            const report: Report = org.usage;
            expect({ totalCredits: report.totalCredits, calls: report.calls }).toEqual(expectedTotals(inRange));
            expect(tally(report.byMember, (r) => r.memberId)).toEqual(tally(inRange, (e) => e.memberId));
            expect(tally(report.bySpace, (r) => r.spaceId)).toEqual(tally(inRange, (e) => e.spaceId));
            expect(tally(report.byModel, (r) => r.model)).toEqual(tally(inRange, (e) => e.model));
            const days = report.daily.filter((d) => d.calls > 0);
            expect(tally(days, (d) => d.date)).toEqual(tally(inRange, (e) => utcDay(e.occurredAt)));
          }
          await expectBooksBalanced(t, team.orgId);
        },
      ),
      // Each run builds an org over HTTP: report the first counterexample rather than shrink for minutes.
      { numRuns: 20, endOnFailure: true },
    );
    expect(runsAcrossPeriods).toBeGreaterThan(0);
  });

  it("exports every event of a range to CSV exactly once, oldest first, across sparse weeks, page ends and a shared millisecond", async () => {
    clock.set(new Date(clock.now().getTime() + DAY));
    const team = await teamOrg(t, { at: clock.now() });
    const from = new Date(clock.now().getTime() - 1_000);
    const call = (i: number) => ({
      memberId: team.members[0].memberId,
      spaceId: team.spaceIds[i % 2],
      model: "m",
      credits: 1,
      idempotencyKey: `csv-${team.orgId}-${i}-${clock.now().getTime()}`,
    });
    // 1,500 calls in one instant: two full pages of 1,000 and more end inside one millisecond.
    for (let b = 0; b < 3; b++) {
      const { recordUsageBatch } = await team.key.ok(
        "mutation($o: ID!, $c: [UsageCallInput!]!) { recordUsageBatch(orgId: $o, calls: $c) { errorCode } }",
        {
          o: team.orgId,
          c: Array.from({ length: 500 }, (_, i) => call(b * 500 + i)),
        },
      );
      expect(recordUsageBatch.filter((r: { errorCode: string | null }) => r.errorCode)).toEqual([]);
    }
    // Then a sparse tail: a call now and then over three weeks.
    for (const gap of [90_000, 3 * HOUR, 2 * DAY, 9 * DAY, 11 * DAY]) {
      clock.set(new Date(clock.now().getTime() + gap));
      expect((await team.call({ credits: 2 })).code).toBeUndefined();
    }
    const to = new Date(clock.now().getTime() + 1);
    const bearer = (team.key as unknown as { bearer: string }).bearer;
    const res = await fetch(`${t.url}/orgs/${team.orgId}/usage.csv?from=${from.toISOString()}&to=${to.toISOString()}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(res.status).toBe(200);
    const rows = (await res.text())
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","));
    const ids = rows.map((r) => r[1]);
    const stored = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
    expect(ids).toHaveLength(stored.length);
    expect(new Set(ids)).toEqual(new Set(stored.map((e) => e.id)));
    const times = rows.map((r) => r[0]);
    expect(times).toEqual([...times].sort());
    await expectBooksBalanced(t, team.orgId);
  });

  it("pages usageEvents newest first through sparse weeks and busy minutes, neither skipping nor repeating", async () => {
    clock.set(new Date(clock.now().getTime() + DAY));
    const team = await teamOrg(t, { members: 2, at: clock.now() });
    for (const gap of [0, 1, 2, 30_000, 9 * DAY, 3 * HOUR, 50, 40 * MINUTE, 2 * DAY, 0, 0, 5 * HOUR, 11 * DAY, 1]) {
      clock.set(new Date(clock.now().getTime() + gap));
      expect((await team.call({ memberId: team.members[gap % 2].memberId, credits: 1 })).code).toBeUndefined();
    }
    const stored = await t.app.db.manager.findBy(UsageEventEntity, { orgId: team.orgId });
    const newestFirst = stored
      .sort((x, y) => y.occurredAt.getTime() - x.occurredAt.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0))
      .map((e) => e.id);
    for (const [first, memberId] of [
      [1, null],
      [3, null],
      [2, team.members[1].memberId],
    ] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 30; page++) {
        const { org }: { org: any } = await team.key.ok(
          "query($id: ID!, $first: Int, $after: String, $m: ID) { org(id: $id) { usageEvents(first: $first, after: $after, memberId: $m) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
          { id: team.orgId, first, after, m: memberId },
        );
        seen.push(...org.usageEvents.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!org.usageEvents.pageInfo.hasNextPage) break;
        after = org.usageEvents.pageInfo.endCursor;
      }
      const expected = memberId ? newestFirst.filter((id) => stored.find((e) => e.id === id)?.memberId === memberId) : newestFirst;
      expect(seen).toEqual(expected);
    }
    await expectBooksBalanced(t, team.orgId);
  });
});

function expectedTotals(events: Bucket[]) {
  return { totalCredits: events.reduce((s, e) => s + e.credits, 0), calls: events.length };
}
