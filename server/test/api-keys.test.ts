import { EntityManager } from "typeorm";
import { ApiKeyEntity } from "../src/entities";
import { createOrg, orgWithTeam, signUp } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

const CREATE =
  "mutation($o: ID!, $n: String!, $s: [ApiKeyScope!]!) { createApiKey(orgId: $o, name: $n, scopes: $s) { secret apiKey { id name scopes prefix createdAt lastUsedAt } } }";
const KEYS = "query($o: ID!) { org(id: $o) { apiKeys { id name prefix lastUsedAt } } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("API keys", () => {
  it("shows the secret once, stores only its hash, and lists the key by prefix", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const { createApiKey } = await owner.client.ok(CREATE, { o: orgId, n: "Gateway", s: ["USAGE_WRITE", "USAGE_READ", "USAGE_WRITE"] });
    expect(createApiKey.secret).toMatch(/^tbk_[A-Za-z0-9_-]{43}$/);
    expect(createApiKey.apiKey).toMatchObject({ name: "Gateway", scopes: ["USAGE_READ", "USAGE_WRITE"], lastUsedAt: null });
    expect(createApiKey.secret.startsWith(createApiKey.apiKey.prefix)).toBe(true);
    const rows = await t.app.db.manager.query("SELECT * FROM api_key WHERE id = ?", [createApiKey.apiKey.id]);
    expect(JSON.stringify(rows)).not.toContain(createApiKey.secret);
    const listed = (await owner.client.ok(KEYS, { o: orgId })).org.apiKeys;
    expect(listed).toEqual([expect.objectContaining({ id: createApiKey.apiKey.id, prefix: createApiKey.apiKey.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(createApiKey.secret);
  });

  it("acts for its own org only: another org's id answers NOT_FOUND everywhere", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const otherOwner = await signUp(t);
    const otherOrg = await createOrg(otherOwner, "Other");
    const { createApiKey } = await owner.client.ok(CREATE, { o: orgId, n: "k", s: ["USAGE_READ", "USAGE_WRITE", "BILLING_READ"] });
    const key = t.client({ bearer: createApiKey.secret });
    expect((await key.ok("query($o: ID!) { org(id: $o) { id name seats } }", { o: orgId })).org.seats).toBe(3);
    for (const [query, vars] of [
      ["query($o: ID!) { org(id: $o) { id } }", { o: otherOrg }],
      [
        'mutation($o: ID!) { recordUsage(input: { orgId: $o, memberId: $o, spaceId: $o, model: "m", credits: 1, idempotencyKey: "k" }) { eventId } }',
        { o: otherOrg },
      ],
      ['mutation($o: ID!) { createSpace(orgId: $o, name: "x") { id } }', { o: otherOrg }],
      ["mutation($o: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $o, monthlyLimit: 1) { id } }", { o: otherOrg }],
    ] as const) {
      expect(await key.code(query, vars)).toBe("NOT_FOUND");
    }
    expect((await key.ok("{ me { id } }")).me).toBeNull();
  });

  it("stops working once revoked, and records when it was last used", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const { createApiKey } = await owner.client.ok(CREATE, { o: orgId, n: "k", s: ["USAGE_READ"] });
    const key = t.client({ bearer: createApiKey.secret });
    await key.ok("query($o: ID!) { org(id: $o) { id } }", { o: orgId });
    expect((await owner.client.ok(KEYS, { o: orgId })).org.apiKeys[0].lastUsedAt).not.toBeNull();
    await owner.client.ok("mutation($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }", { o: orgId, k: createApiKey.apiKey.id });
    const res = await key.request("query($o: ID!) { org(id: $o) { id } }", { o: orgId });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(
      await owner.client.code("mutation($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }", {
        o: orgId,
        k: createApiKey.apiKey.id,
      }),
    ).toBe("CONFLICT");
    expect((await owner.client.ok(KEYS, { o: orgId })).org.apiKeys).toEqual([]);
  });

  it("reads a key and writes its last use once when a burst of requests brings it in cold", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const { createApiKey } = await owner.client.ok(CREATE, { o: orgId, n: "Burst", s: ["USAGE_READ"] });
    const reads = jest.spyOn(t.app.db.manager, "findOneBy");
    const writes = jest.spyOn(EntityManager.prototype, "update");
    try {
      // As the server authenticates requests that arrived together: all before the first read answers.
      const keys = await Promise.all(Array.from({ length: 20 }, () => t.app.services.apiKeys.authenticate(createApiKey.secret)));
      expect(keys.map((k) => k?.id)).toEqual(Array(20).fill(createApiKey.apiKey.id));
      expect(reads.mock.calls.filter(([target]) => target === ApiKeyEntity)).toHaveLength(1);
      expect(writes.mock.calls.filter(([target]) => target === ApiKeyEntity)).toHaveLength(1);
    } finally {
      reads.mockRestore();
      writes.mockRestore();
    }
    expect((await owner.client.ok(KEYS, { o: orgId })).org.apiKeys[0].lastUsedAt).not.toBeNull();
  });

  it("refuses a made-up bearer secret with 401", async () => {
    const res = await t.client({ bearer: "tbk_not-a-real-key" }).request("{ me { id } }");
    expect(res.status).toBe(401);
  });

  it("refuses empty scopes and names with BAD_USER_INPUT, and keeps key reads from MEMBERs", async () => {
    const { owner, member, orgId } = await orgWithTeam(t);
    expect(await owner.client.code(CREATE, { o: orgId, n: "k", s: [] })).toBe("BAD_USER_INPUT");
    expect(await owner.client.code(CREATE, { o: orgId, n: " ", s: ["USAGE_READ"] })).toBe("BAD_USER_INPUT");
    expect(await owner.client.code(CREATE, { o: orgId, n: "k", s: ["ROOT"] })).toBe("BAD_USER_INPUT");
    expect(await member.client.code(KEYS, { o: orgId })).toBe("FORBIDDEN");
    expect((await owner.client.ok(KEYS, { o: orgId })).org.apiKeys).toEqual([]);
  });

  it("records creation and revocation in the audit log without the secret", async () => {
    const { owner, orgId } = await orgWithTeam(t);
    const { createApiKey } = await owner.client.ok(CREATE, { o: orgId, n: "Audited", s: ["USAGE_READ"] });
    await owner.client.ok("mutation($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }", { o: orgId, k: createApiKey.apiKey.id });
    const log = (await owner.client.ok("query($o: ID!) { org(id: $o) { auditLog { action details } } }", { o: orgId })).org.auditLog;
    expect(log.slice(0, 2).map((e: { action: string }) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);
    expect(JSON.stringify(log)).not.toContain(createApiKey.secret);
  });
});

describe("rate limits", () => {
  it("answers RATE_LIMITED (HTTP 429, retryAfter) past a key's burst, and other keys are not affected", async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_KEY_PER_SECOND: "1", RATE_LIMIT_USER_PER_SECOND: "1" } });
    try {
      const { owner, orgId } = await orgWithTeam(limited);
      const secret = async () => (await owner.client.ok(CREATE, { o: orgId, n: "k", s: ["USAGE_READ"] })).createApiKey.secret as string;
      const [k1, k2] = [limited.client({ bearer: await secret() }), limited.client({ bearer: await secret() })];
      const results = [];
      for (let i = 0; i < 12; i++) results.push(await k1.request("query($o: ID!) { org(id: $o) { id } }", { o: orgId }));
      const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === "RATE_LIMITED");
      // A burst is ten seconds' worth of operations: ten, less the one the fixture's email verification took.
      expect(results.length - refused.length).toBeGreaterThanOrEqual(9);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused[0].status).toBe(429);
      expect(refused[0].errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused[0].headers.get("retry-after")).toBe(String(refused[0].errors?.[0]?.extensions?.retryAfter));
      expect((await k2.ok("query($o: ID!) { org(id: $o) { id } }", { o: orgId })).org.id).toBe(orgId);
    } finally {
      await limited.close();
    }
  });

  it("limits each signed-in user on their own: past the burst RATE_LIMITED, while another user goes on", async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_USER_PER_SECOND: "1" } });
    try {
      const [busy, calm] = [await signUp(limited), await signUp(limited)];
      const results = [];
      for (let i = 0; i < 20; i++) results.push(await busy.client.request("{ me { id } }"));
      const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === "RATE_LIMITED");
      // A burst is ten seconds' worth of operations: ten, less the one the fixture's email verification took.
      expect(results.length - refused.length).toBeGreaterThanOrEqual(9);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused[0].status).toBe(429);
      expect(refused[0].errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
      expect((await calm.client.ok("{ me { email } }")).me.email).toBe(calm.email);
    } finally {
      await limited.close();
    }
  });
});
