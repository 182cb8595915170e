import fc from "fast-check";
import { splitRange } from "../src/analytics/usage.service";
import { ManualClock } from "../src/clock";
import { addMonthsClamped } from "../src/credits/periods";
import { utcDay, utcHour } from "../src/credits/rollups";
import { UsageEventEntity, UsageRollupEntity, UsageRollupHourEntity } from "../src/entities";
import { teamOrg } from "./support/credits-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

const HOUR = 3_600_000;
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
  it("covers any range exactly once: only whole-day parts span days, and raw parts never cross an hour", () => {
    const moment = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 3, 1) });
    // Ends on hour and day boundaries are where an off-by-one would hide: draw them often.
    const aligned = fc.oneof(
      moment,
      moment.map((t) => Math.floor(t / HOUR) * HOUR),
      moment.map((t) => Math.floor(t / DAY) * DAY),
    );
    fc.assert(
      fc.property(aligned, aligned, (a, b) => {
        fc.pre(a !== b);
        const [from, to] = [new Date(Math.min(a, b)), new Date(Math.max(a, b))];
        const parts = splitRange(from, to).sort((x, y) => x.from.getTime() - y.from.getTime());
        expect(parts[0].from).toEqual(from);
        expect(parts.at(-1)?.to).toEqual(to);
        parts.forEach((part, i) => {
          expect(part.from < part.to).toBe(true);
          if (i > 0) expect(part.from).toEqual(parts[i - 1].to);
          if (part.grain !== "day") expect(utcDay(part.from)).toBe(utcDay(new Date(part.to.getTime() - 1)));
          if (part.grain === "raw") expect(utcHour(part.from)).toBe(utcHour(new Date(part.to.getTime() - 1)));
          if (part.grain === "hour") expect([part.from.getTime() % HOUR, part.to.getTime() % HOUR]).toEqual([0, 0]);
          if (part.grain === "day") expect([part.from.getTime() % DAY, part.to.getTime() % DAY]).toEqual([0, 0]);
        });
        // At most the two partial hours at the edges are read raw.
        expect(parts.filter((p) => p.grain === "raw").length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2_000 },
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
    advanceMs: fc.oneof(fc.integer({ min: 0, max: 5 * 60_000 }), fc.integer({ min: 0, max: 30 * HOUR })),
    member: fc.nat(2),
    space: fc.nat(1),
    model: fc.constantFrom(...MODELS),
    credits: fc.integer({ min: 1, max: 500 }),
  });
  const query = fc.record({
    // Where the range starts and ends, as fractions of the span the calls cover (with a margin).
    ends: fc.tuple(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: -0.1, max: 1.1, noNaN: true })),
    alignToHour: fc.boolean(),
    filter: fc.constantFrom("none", "member", "space", "model"),
  });

  it("every breakdown of any range, with any filter, equals the sums over the raw events; the rollups equal them too", async () => {
    let runsAcrossPeriods = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { minLength: 1, maxLength: 25 }),
        fc.array(query, { minLength: 1, maxLength: 4 }),
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
          expect(tally(hourly, (r) => `${r.hour}|${cell(r)}`)).toEqual(tally(raw, (e) => `${utcHour(e.occurredAt)}|${cell(e)}`));
          expect(tally(daily, (r) => `${r.day}|${cell(r)}`)).toEqual(tally(raw, (e) => `${utcDay(e.occurredAt)}|${cell(e)}`));

          const first = Math.min(...events.map((e) => e.occurredAt.getTime()));
          const span = Math.max(...events.map((e) => e.occurredAt.getTime())) - first + 1;
          for (const q of queries) {
            let [a, b] = q.ends.map((f) => first + Math.round(f * span)).sort((x, y) => x - y);
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
        },
      ),
      // Each run builds an org over HTTP: report the first counterexample rather than shrink for minutes.
      { numRuns: 12, endOnFailure: true },
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
  });
});

function expectedTotals(events: Bucket[]) {
  return { totalCredits: events.reduce((s, e) => s + e.credits, 0), calls: events.length };
}
