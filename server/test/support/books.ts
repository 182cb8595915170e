import { staffOf } from "./fixtures";
import type { GqlClient } from "./gql-client";
import type { TestApp } from "./test-app";

/** The support staff address tests run with (STAFF_EMAILS in test-app.ts). */
export const STAFF_EMAIL = "staff@support.test";

export const LEDGER_CHECK = "query($orgId: ID!) { supportLedgerCheck(orgId: $orgId) { orgId checkedAt ok problems } }";

export interface LedgerCheckResult {
  orgId: string;
  checkedAt: string;
  ok: boolean;
  problems: string[];
}

/** A signed-in support staff client for this server (the one place: `staffOf`, verified through its mailed link). */
export async function staffClient(t: TestApp): Promise<GqlClient> {
  return (await staffOf(t)).client;
}

/** Support's ledger check of an org, as staff see it. */
export async function checkBooks(t: TestApp, orgId: string): Promise<LedgerCheckResult> {
  const staff = await staffClient(t);
  const { supportLedgerCheck } = await staff.ok<{ supportLedgerCheck: LedgerCheckResult }>(LEDGER_CHECK, { orgId });
  return supportLedgerCheck;
}

/** The books of the org add up: every balance, chain, reservation total, counter and split. */
export async function expectBooksBalanced(t: TestApp, orgId: string): Promise<void> {
  const check = await checkBooks(t, orgId);
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
}

const orgIds = async (t: TestApp): Promise<string[]> =>
  ((await t.app.db.manager.query("SELECT id FROM org")) as { id: string }[]).map((r) => r.id);

/**
 * Ends every scenario (test) of the file or describe block with the books check: each
 * org the test created must balance. `app` is read when the hooks run, after `beforeAll`
 * started (or a test restarted) the server.
 */
export function expectBooksBalancedAfterEach(app: () => TestApp): void {
  let before = new Set<string>();
  beforeEach(async () => {
    before = new Set(await orgIds(app()));
  });
  afterEach(async () => {
    const t = app();
    for (const orgId of await orgIds(t)) if (!before.has(orgId)) await expectBooksBalanced(t, orgId);
  });
}
