import type { App } from "../../src/app";
import { LedgerEntryEntity, PersonalBalanceEntity, PoolEntity } from "../../src/entities";
import { addMember, createOrg, type SignedInUser, signUp } from "./fixtures";
import type { GqlClient } from "./gql-client";
import type { TestApp } from "./test-app";

export const RECORD = `mutation($input: RecordUsageInput!) { recordUsage(input: $input) { eventId creditsCharged fromTopUp fromMonthly poolRemaining } }`;
export const POOL = `query($id: ID!) { org(id: $id) { pool { monthlyAllotment monthlyRemaining topUpRemaining totalRemaining periodStart periodEnd reserved } } }`;

export interface TeamOrg {
  orgId: string;
  owner: SignedInUser;
  ownerMemberId: string;
  members: { user: SignedInUser; memberId: string }[];
  spaceIds: string[];
  /** An org API key with USAGE_WRITE and USAGE_READ. */
  key: GqlClient;
  call(input: {
    memberId?: string;
    spaceId?: string;
    credits: number;
    key?: string;
    model?: string;
  }): Promise<{ data: any; code?: string; resetsAt?: string }>;
}

let keys = 0;

/** A TEAM org (through the plan service, as checkout will) with members, Spaces and a metering key. */
export async function teamOrg(t: TestApp, options: { members?: number; spaces?: number; at?: Date } = {}): Promise<TeamOrg> {
  const owner = await signUp(t, { name: "Owner" });
  const orgId = await createOrg(owner, "Pooled");
  const members: TeamOrg["members"] = [];
  for (let i = 0; i < (options.members ?? 1); i++) {
    const user = await signUp(t, { name: `Member${i}` });
    members.push({ user, memberId: await addMember(owner, orgId, user, "MEMBER") });
  }
  const spaceIds: string[] = [];
  for (let i = 0; i < (options.spaces ?? 2); i++) {
    const { createSpace } = await owner.client.ok("mutation($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }", {
      o: orgId,
      n: `Space ${i}`,
    });
    spaceIds.push(createSpace.id);
  }
  await t.app.services.pools.activatePlan({ kind: "anonymous" }, orgId, { plan: "TEAM", interval: "MONTHLY", at: options.at });
  const { createApiKey } = await owner.client.ok(
    'mutation($o: ID!) { createApiKey(orgId: $o, name: "gateway", scopes: [USAGE_WRITE, USAGE_READ, BILLING_READ]) { secret } }',
    { o: orgId },
  );
  const key = t.client({ bearer: createApiKey.secret });
  const { org } = await owner.client.ok("query($id: ID!) { org(id: $id) { members { id role } } }", { id: orgId });
  const ownerMemberId = org.members.find((m: { role: string }) => m.role === "OWNER").id;
  const defaults = { memberId: members[0]?.memberId ?? ownerMemberId, spaceId: spaceIds[0] };
  return {
    orgId,
    owner,
    ownerMemberId,
    members,
    spaceIds,
    key,
    async call(input) {
      const res = await key.request(RECORD, {
        input: {
          orgId,
          memberId: input.memberId ?? defaults.memberId,
          spaceId: input.spaceId ?? defaults.spaceId,
          model: input.model ?? "gpt-test",
          credits: input.credits,
          idempotencyKey: input.key ?? `k-${++keys}-${Math.random()}`,
        },
      });
      const error = res.errors?.[0];
      return {
        data: res.data?.recordUsage,
        code: error?.extensions?.code as string | undefined,
        resetsAt: error?.extensions?.resetsAt as string | undefined,
      };
    },
  };
}

/** Sets the buckets directly (with matching ledger entries), to start a test from a known pool. */
export async function setBuckets(app: App, orgId: string, buckets: { topUp: number; monthly: number }): Promise<void> {
  await app.db.transaction(async (em) => {
    const pool = await em.findOneByOrFail(PoolEntity, { orgId });
    const at = app.clock.now();
    const rows = [
      { bucket: "TOP_UP" as const, amount: buckets.topUp - pool.topUpBalance, after: buckets.topUp },
      { bucket: "MONTHLY" as const, amount: buckets.monthly - pool.monthlyBalance, after: buckets.monthly },
    ].filter((r) => r.amount !== 0);
    for (const r of rows) {
      await em.insert(LedgerEntryEntity, {
        account: "ORG",
        accountId: orgId,
        bucket: r.bucket,
        kind: "ADJUSTMENT",
        amount: r.amount,
        balanceAfter: r.after,
        reference: "test",
        reason: "test setup",
        actorEmail: null,
        at,
      });
    }
    await em.update(PoolEntity, { orgId }, { topUpBalance: buckets.topUp, monthlyBalance: buckets.monthly });
  });
}

/** The invariant: each bucket equals the sum of its ledger entries, and none is below zero. */
export async function expectLedgerMatches(app: App, orgId: string): Promise<PoolEntity> {
  const pool = await app.db.manager.findOneByOrFail(PoolEntity, { orgId });
  const sums = await app.db.manager
    .createQueryBuilder(LedgerEntryEntity, "l")
    .select("l.bucket", "bucket")
    .addSelect("SUM(l.amount)", "total")
    .where("l.account = 'ORG' AND l.accountId = :orgId", { orgId })
    .groupBy("l.bucket")
    .getRawMany<{ bucket: string; total: string | number }>();
  const sum = (bucket: string) => Number(sums.find((s) => s.bucket === bucket)?.total ?? 0);
  expect({ topUp: pool.topUpBalance, monthly: pool.monthlyBalance }).toEqual({ topUp: sum("TOP_UP"), monthly: sum("MONTHLY") });
  expect(pool.topUpBalance).toBeGreaterThanOrEqual(0);
  expect(pool.monthlyBalance).toBeGreaterThanOrEqual(0);
  expect(pool.reserved).toBeGreaterThanOrEqual(0);
  expect(pool.reserved).toBeLessThanOrEqual(pool.topUpBalance + pool.monthlyBalance);
  return pool;
}

export async function personalLedgerSum(app: App, userId: string): Promise<{ balance: number; ledger: number; entries: number }> {
  const row = await app.db.manager.findOneBy(PersonalBalanceEntity, { userId });
  const entries = await app.db.manager.findBy(LedgerEntryEntity, { account: "USER", accountId: userId });
  return { balance: row?.balance ?? 0, ledger: entries.reduce((s, e) => s + e.amount, 0), entries: entries.length };
}
