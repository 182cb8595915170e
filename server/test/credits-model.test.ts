import fc from "fast-check";
import { ManualClock } from "../src/common/clock";
import type { ApiKeyEntity, UserEntity } from "../src/entities";
import { AppError } from "../src/common/errors";
import type { Actor, UserActor } from "../src/common/actor";
import { expectBooksBalanced } from "./support/books";
import { expectLedgerMatches } from "./support/credits-fixture";
import { signUp } from "./support/fixtures";
import { startTestApp, type TestApp, testDb } from "./support/test-app";

/**
 * Model-based test of the credits engine: random sequences of calls, top-ups,
 * grants, cap changes, reservations and period ends run against the real services
 * and against a few lines of arithmetic that say what should happen. After every
 * step: the same outcome, the same buckets, each bucket equal to its ledger, no
 * bucket below zero, no cap overrun by an admitted call.
 */

type Cmd =
  | { kind: "record"; member: number; space: number; credits: number }
  | { kind: "topUp"; credits: number }
  | { kind: "grant"; credits: number }
  | { kind: "setCap"; scope: "MEMBER" | "SPACE"; target: number; limit: number }
  | { kind: "removeCap"; scope: "MEMBER" | "SPACE"; target: number }
  | { kind: "reserve"; member: number; space: number; credits: number }
  | { kind: "settle"; hold: number; credits: number }
  | { kind: "release"; hold: number }
  /** The hold's expiry and a settle (or release) of it, at once: whichever wins, the hold ends once. */
  | { kind: "raceExpiry"; hold: number; settle: boolean; credits: number }
  | { kind: "lateInPeriod" }
  | { kind: "periodEnd" };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("record" as const),
      member: fc.nat(1),
      space: fc.nat(1),
      credits: fc.integer({ min: 1, max: 3_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("topUp" as const), credits: fc.integer({ min: 1, max: 5 }).map((n) => n * 1_000) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("grant" as const), credits: fc.integer({ min: -6_000, max: 3_000 }).filter((n) => n !== 0) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("setCap" as const),
      scope: fc.constantFrom("MEMBER" as const, "SPACE" as const),
      target: fc.nat(1),
      limit: fc.integer({ min: 0, max: 6_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("removeCap" as const),
      scope: fc.constantFrom("MEMBER" as const, "SPACE" as const),
      target: fc.nat(1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reserve" as const),
      member: fc.nat(1),
      space: fc.nat(1),
      credits: fc.integer({ min: 1, max: 2_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("settle" as const), hold: fc.nat(5), credits: fc.integer({ min: 1, max: 2_500 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release" as const), hold: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("raceExpiry" as const),
      hold: fc.nat(5),
      settle: fc.boolean(),
      credits: fc.integer({ min: 1, max: 2_500 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "lateInPeriod" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "periodEnd" as const }) },
);

interface Model {
  topUp: number;
  monthly: number;
  reserved: number;
  used: Map<string, number>;
  held: Map<string, number>;
  caps: Map<string, number>;
  holds: { id: string; member: string; space: string; credits: number; open: boolean; expiresAt: number }[];
}

const ALLOTMENT = 10_000; // owner + one member: 8,000 + 2 × 1,000

let t: TestApp;
let owner: UserEntity;
let member: UserEntity;
let staff: UserActor;
const clock = new ManualClock("2027-01-15T00:00:00.000Z");

beforeAll(async () => {
  t = await startTestApp({ clock });
  const users = await Promise.all([signUp(t), signUp(t), signUp(t, { email: "staff@support.test" })]);
  const find = (id: string) => t.app.db.manager.findOneByOrFail("UserEntity", { id }) as Promise<UserEntity>;
  [owner, member] = await Promise.all([find(users[0].id), find(users[1].id)]);
  staff = { kind: "user", user: await find(users[2].id), isStaff: true, sessionTokenHash: "" };
});
afterAll(() => t.close());

async function freshOrg() {
  const s = t.app.services;
  const ownerActor: UserActor = { kind: "user", user: owner, isStaff: false, sessionTokenHash: "" };
  const org = await s.orgs.create(ownerActor, "Model");
  const invitation = await s.invitations.invite(ownerActor, org.id, member.email, "MEMBER");
  const token = s.invitations.acceptUrl(invitation).split("/invite/")[1];
  const memberRow = await s.invitations.accept({ kind: "user", user: member, isStaff: false, sessionTokenHash: "" }, token);
  const ownerRow = await s.members.membershipOf(org.id, owner.id);
  const spaces = [await s.spaces.create(ownerActor, org.id, "A"), await s.spaces.create(ownerActor, org.id, "B")];
  await s.pools.activatePlan({ kind: "anonymous" }, org.id, { plan: "TEAM" });
  const key: Actor = { kind: "apiKey", apiKey: { orgId: org.id, scopes: ["USAGE_WRITE"] } as unknown as ApiKeyEntity };
  return { orgId: org.id, members: [ownerRow!.id, memberRow.id], spaces: spaces.map((x) => x.id), key, ownerActor };
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`);

function predictCharge(m: Model, memberId: string, spaceId: string, credits: number, held = 0): string {
  const extra = credits - held;
  for (const [key, code] of [
    [`MEMBER:${memberId}`, "BILLING_MEMBER_CAP_REACHED"],
    [`SPACE:${spaceId}`, "BILLING_SPACE_CAP_REACHED"],
  ] as const) {
    const cap = m.caps.get(key);
    if (cap !== undefined && extra > 0 && (m.used.get(key) ?? 0) + (m.held.get(key) ?? 0) + extra > cap) return code;
  }
  if (extra > 0 && extra > m.topUp + m.monthly - m.reserved) return "BILLING_POOL_EXHAUSTED";
  return "ok";
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/** A hold ends (settled, released or expired): its credits stop counting against the pool and caps. */
function closeHold(m: Model, hold: Model["holds"][number]): void {
  hold.open = false;
  m.reserved -= hold.credits;
  add(m.held, `MEMBER:${hold.member}`, -hold.credits);
  add(m.held, `SPACE:${hold.space}`, -hold.credits);
}

it("keeps every bucket equal to its ledger and never overdraws, over random sequences", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: testDb() === "mariadb" ? 18 : 30 }), async (cmds) => {
      clock.set("2027-01-15T00:00:00.000Z");
      const org = await freshOrg();
      const s = t.app.services;
      const m: Model = { topUp: 0, monthly: ALLOTMENT, reserved: 0, used: new Map(), held: new Map(), caps: new Map(), holds: [] };
      let n = 0;
      for (const c of cmds) {
        n++;
        let actual = "ok";
        let expected = "ok";
        switch (c.kind) {
          case "record": {
            const [mem, sp] = [org.members[c.member], org.spaces[c.space]];
            expected = predictCharge(m, mem, sp, c.credits);
            try {
              const r = await s.metering.record(org.key, {
                orgId: org.orgId,
                memberId: mem,
                spaceId: sp,
                model: "m",
                credits: c.credits,
                idempotencyKey: `k${n}`,
              });
              expect(r.fromTopUp).toBe(Math.min(m.topUp, c.credits));
            } catch (e) {
              actual = codeOf(e);
            }
            if (expected === "ok") {
              const fromTopUp = Math.min(m.topUp, c.credits);
              m.topUp -= fromTopUp;
              m.monthly -= c.credits - fromTopUp;
              add(m.used, `MEMBER:${mem}`, c.credits);
              add(m.used, `SPACE:${sp}`, c.credits);
            }
            break;
          }
          case "topUp":
            await t.app.db.transaction((em) => s.pools.creditTopUp(em, org.orgId, c.credits, `cs_${n}`));
            m.topUp += c.credits;
            break;
          case "grant": {
            if (c.credits > 0) {
              await s.pools.grant(staff, org.orgId, c.credits, "model test");
              m.topUp += c.credits;
              break;
            }
            // A removal takes from the top-up bucket only, at most what it holds beyond what open holds need; more is refused whole.
            const removable = Math.max(0, Math.min(m.topUp, m.topUp + m.monthly - m.reserved));
            const removal = s.pools.grant(staff, org.orgId, c.credits, "model test");
            if (-c.credits > removable) await expect(removal).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
            else {
              await removal;
              m.topUp += c.credits;
            }
            break;
          }
          case "setCap": {
            const target = c.scope === "MEMBER" ? org.members[c.target] : org.spaces[c.target];
            await s.caps.set(org.ownerActor, org.orgId, c.scope, target, c.limit);
            m.caps.set(`${c.scope}:${target}`, c.limit);
            break;
          }
          case "removeCap": {
            const target = c.scope === "MEMBER" ? org.members[c.target] : org.spaces[c.target];
            const cap = (await s.caps.list(org.orgId)).find((x) => x.scope === c.scope && x.targetId === target);
            if (cap) await s.caps.remove(org.ownerActor, org.orgId, cap.id);
            m.caps.delete(`${c.scope}:${target}`);
            break;
          }
          case "reserve": {
            const [mem, sp] = [org.members[c.member], org.spaces[c.space]];
            expected = predictCharge(m, mem, sp, c.credits);
            try {
              const r = await s.reservations.reserve(org.key, {
                orgId: org.orgId,
                memberId: mem,
                spaceId: sp,
                model: "m",
                credits: c.credits,
              });
              m.holds.push({ id: r.id, member: mem, space: sp, credits: c.credits, open: true, expiresAt: r.expiresAt.getTime() });
            } catch (e) {
              actual = codeOf(e);
            }
            if (expected === "ok") {
              m.reserved += c.credits;
              add(m.held, `MEMBER:${mem}`, c.credits);
              add(m.held, `SPACE:${sp}`, c.credits);
            }
            break;
          }
          case "settle":
          case "release": {
            const hold = m.holds[c.hold];
            if (!hold) continue;
            const expired = hold.expiresAt <= clock.now().getTime();
            if (c.kind === "settle")
              expected = !hold.open || expired ? "CONFLICT" : predictCharge(m, hold.member, hold.space, c.credits, hold.credits);
            else expected = hold.open ? "ok" : "CONFLICT"; // an expired hold not yet swept can still be released
            try {
              if (c.kind === "settle") await s.reservations.settle(org.key, org.orgId, hold.id, c.credits);
              else await s.reservations.release(org.key, org.orgId, hold.id);
            } catch (e) {
              actual = codeOf(e);
            }
            if (expected === "ok") {
              closeHold(m, hold);
              if (c.kind === "settle") {
                const fromTopUp = Math.min(m.topUp, c.credits);
                m.topUp -= fromTopUp;
                m.monthly -= c.credits - fromTopUp;
                add(m.used, `MEMBER:${hold.member}`, c.credits);
                add(m.used, `SPACE:${hold.space}`, c.credits);
              }
            }
            break;
          }
          case "raceExpiry": {
            const hold = m.holds[c.hold];
            if (!hold?.open || hold.expiresAt <= clock.now().getTime()) continue;
            // Within the period (the period's end is its own command).
            if (hold.expiresAt >= (await s.pools.view(org.orgId))!.periodEnd.getTime()) continue;
            const predicted = c.settle ? predictCharge(m, hold.member, hold.space, c.credits, hold.credits) : "ok";
            // The settle (or release) starts, then the clock reaches the hold's expiry and the job runs.
            const ending = (
              c.settle ? s.reservations.settle(org.key, org.orgId, hold.id, c.credits) : s.reservations.release(org.key, org.orgId, hold.id)
            ).then(
              () => "ok",
              (e: unknown) => codeOf(e),
            );
            clock.set(new Date(hold.expiresAt));
            const [outcome] = await Promise.all([ending, t.app.jobs.runNow(["reservations"])]);
            // Either may win: the call's own answer, or CONFLICT when the expiry came first.
            const allowed = [predicted, "CONFLICT"];
            expected = allowed.includes(outcome) ? outcome : `one of ${allowed.join(", ")}`;
            actual = outcome;
            closeHold(m, hold);
            if (outcome === "ok" && c.settle) {
              const fromTopUp = Math.min(m.topUp, c.credits);
              m.topUp -= fromTopUp;
              m.monthly -= c.credits - fromTopUp;
              add(m.used, `MEMBER:${hold.member}`, c.credits);
              add(m.used, `SPACE:${hold.space}`, c.credits);
            }
            // Whatever else had expired by then went with the job.
            for (const other of m.holds) if (other.open && other.expiresAt <= clock.now().getTime()) closeHold(m, other);
            break;
          }
          case "lateInPeriod": {
            const pool = await s.pools.view(org.orgId);
            const late = pool!.periodEnd.getTime() - 60_000;
            if (clock.now().getTime() < late) clock.set(new Date(late));
            break;
          }
          case "periodEnd": {
            const pool = await s.pools.view(org.orgId);
            clock.set(pool!.periodEnd);
            await t.app.jobs.runNow(["reservations", "periods"]);
            // Expired holds return their credits first; holds still open keep theirs (the
            // monthly bucket keeps what top-ups cannot cover); the rest of monthly expires.
            for (const hold of m.holds) {
              if (hold.open && hold.expiresAt <= clock.now().getTime()) closeHold(m, hold);
            }
            const heldFromMonthly = Math.max(0, Math.min(m.monthly, m.reserved - m.topUp));
            m.monthly = heldFromMonthly + ALLOTMENT;
            m.used.clear();
            break;
          }
        }
        expect({ step: n, cmd: c, outcome: actual }).toEqual({ step: n, cmd: c, outcome: expected });
        const pool = await expectLedgerMatches(t.app, org.orgId);
        expect({ step: n, topUp: pool.topUpBalance, monthly: pool.monthlyBalance, reserved: pool.reserved }).toEqual({
          step: n,
          topUp: m.topUp,
          monthly: m.monthly,
          reserved: m.reserved,
        });
      }
      // After every sequence, support's check of the books finds nothing either.
      await expectBooksBalanced(t, org.orgId);
    }),
    { numRuns: Number(process.env.FC_RUNS ?? (testDb() === "mariadb" ? 8 : 25)), endOnFailure: true },
  );
});
