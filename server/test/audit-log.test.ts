import type { ResultOf } from "@graphql-typed-document-node/core";
import { ApiKeyEntity } from "../src/entities";
import { graphql } from "./gql";
import { orgWithTeam, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const PAGE = graphql(`query AuditLogPage($id: ID!, $first: Int, $after: String, $prefix: String) { org(id: $id) {
  auditEntries(first: $first, after: $after, actionPrefix: $prefix) { edges { cursor node { id action actorKind actorName actorEmail } } pageInfo { hasNextPage endCursor } } } }`);
const WHOLE = graphql(`query AuditLogWhole($id: ID!) { org(id: $id) { auditLog { id } } }`);
const SPACE = graphql(`mutation AuditLogSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }`);
const THRESHOLD = graphql(`mutation AuditLogThreshold($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { id } }`);
const CREATE_KEY = graphql(
  `mutation AuditLogCreateKey($o: ID!) { createApiKey(orgId: $o, name: "Nightly import", scopes: [USAGE_WRITE]) { apiKey { id prefix } } }`,
);
const REVOKE_KEY = graphql(`mutation AuditLogRevokeKey($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }`);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("the audit log, a page at a time", () => {
  it("pages through every entry newest first, neither skipping nor repeating while new entries arrive", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    for (let i = 0; i < 12; i++) await owner.client.ok(SPACE, { o: orgId, n: `Space ${i}` });
    const whole = (await owner.client.ok(WHOLE, { id: orgId })).org!.auditLog.map((e) => e.id);
    expect(whole.length).toBeGreaterThan(12);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      // Annotated: `after` is read here and written below, which TypeScript cannot infer through.
      const data: ResultOf<typeof PAGE> = await owner.client.ok(PAGE, { id: orgId, first: 5, after });
      const { auditEntries } = data.org!;
      seen.push(...auditEntries.edges.map((e) => e.node.id));
      // Written between pages: newer than every page still to come, so none of them shifts.
      if (page === 0) await owner.client.ok(SPACE, { o: orgId, n: "Written while paging" });
      if (!auditEntries.pageInfo.hasNextPage) break;
      after = auditEntries.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole);
  });

  it("narrows to an action prefix and names who did each: a user, an API key (revoked too), or the product", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    await owner.client.ok(SPACE, { o: orgId, n: "Lab" });
    await owner.client.ok(THRESHOLD, { o: orgId, p: 35 });
    const { createApiKey } = await owner.client.ok(CREATE_KEY, { o: orgId });
    const key = await t.app.db.manager.findOneByOrFail(ApiKeyEntity, { id: createApiKey.apiKey.id });
    await t.app.db.transaction((em) =>
      t.app.services.audit.record(
        em,
        { kind: "apiKey", apiKey: key },
        { orgId, action: "space.imported", summary: 'Imported the Space "Imported".', after: { name: "Imported" } },
      ),
    );
    await t.app.db.transaction((em) =>
      t.app.services.audit.record(em, { kind: "anonymous" }, { orgId, action: "space.archived", summary: "A Space was archived." }),
    );
    await owner.client.ok(REVOKE_KEY, { o: orgId, k: key.id });

    const spaces = (await owner.client.ok(PAGE, { id: orgId, prefix: "space." })).org!.auditEntries.edges.map((e) => e.node);
    expect(spaces.map((e) => [e.action, e.actorKind, e.actorName])).toEqual([
      ["space.archived", "SYSTEM", "Team Billing"],
      ["space.imported", "API_KEY", `API key "Nightly import" (${createApiKey.apiKey.prefix}…)`],
      ["space.created", "USER", owner.email],
    ]);
    // "_" in a prefix is the character itself, not SQL's any-one-character.
    await t.app.db.transaction((em) =>
      t.app.services.audit.record(em, { kind: "anonymous" }, { orgId, action: "softXalert.lookalike", summary: "A look-alike action." }),
    );
    const alerts = (await owner.client.ok(PAGE, { id: orgId, prefix: "soft_alert." })).org!.auditEntries.edges;
    expect(alerts.map((e) => e.node.action)).toEqual(["soft_alert.threshold_changed"]);
  });

  it("refuses bad arguments with BAD_USER_INPUT, MEMBERs with FORBIDDEN, and lets support staff read", async () => {
    const { owner, member, orgId } = await orgWithTeam(t);
    for (const args of [{ first: 0 }, { first: 101 }, { after: "not-a-cursor" }, { prefix: "%" }, { prefix: "" }]) {
      expect(await owner.client.code(PAGE, { id: orgId, ...args })).toBe("BAD_USER_INPUT");
    }
    expect(await member.client.code(PAGE, { id: orgId })).toBe("FORBIDDEN");
    const staff = await signUp(t, { email: "staff@support.test" });
    const { edges } = (await staff.client.ok(PAGE, { id: orgId, first: 100 })).org!.auditEntries;
    expect(edges.map((e) => e.node.action)).toContain("member.joined");
  });
});
