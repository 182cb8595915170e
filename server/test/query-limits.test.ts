import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LIST_SIZE, MAX_ALIASES, MAX_COST, MAX_DEPTH, MAX_ROOT_FIELDS, MAX_TOKENS } from "../src/graphql/query-limits";
import { createOrg, signUp, uniqueEmail } from "./support/fixtures";
import { startTestApp, type TestApp } from "./support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The review's document: F0..F(levels-2) each spread the next `fan` times; the last is `{ __typename }`. */
function nestedFragments(levels: number, fan = 10): string {
  let doc = "query { ...F0 }\n";
  for (let i = 0; i < levels - 1; i++)
    doc += `fragment F${i} on Query { ${Array(fan)
      .fill(`...F${i + 1}`)
      .join(" ")} }\n`;
  return `${doc}fragment F${levels - 1} on Query { __typename }\n`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

describe("nested fragment spreads (review finding 1)", () => {
  it("refuses the review's 732-byte, 9-level document at once, anonymously", async () => {
    const doc = nestedFragments(9);
    expect(doc.length).toBe(732);
    const { value: res, ms } = await timed(() => t.client().request(doc));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.map((e) => e.message)).toContain(`The query costs 100000000; the limit is ${MAX_COST}.`);
    expect(ms).toBeLessThan(1_000);
  });

  it("keeps answering /healthz while such documents are being refused", async () => {
    // Each request differs by one character, so Apollo's cache of validated documents cannot help.
    const inFlight = Array.from({ length: 4 }, (_, i) => t.client().request(`${nestedFragments(9)}# ${i}`));
    await new Promise((resolve) => setImmediate(resolve));
    const { value: health, ms } = await timed(() => fetch(`${t.url}/healthz`));
    expect(health.status).toBe(200);
    expect(ms).toBeLessThan(500);
    for (const res of await Promise.all(inFlight)) expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses deeper families (13 and 20 levels) just as fast", async () => {
    for (const levels of [13, 20]) {
      const { value: res, ms } = await timed(() => t.client().request(nestedFragments(levels)));
      expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(res.errors?.map((e) => e.message)).toContain(`The query costs over 1000000000000; the limit is ${MAX_COST}.`);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it(`refuses a document of more than ${MAX_TOKENS} tokens while parsing`, async () => {
    const res = await t.client().request(nestedFragments(120));
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: `Syntax Error: Document contains more that ${MAX_TOKENS} tokens. Parsing aborted.`,
      extensions: { code: "GRAPHQL_PARSE_FAILED" },
    });
  });
});

describe("operation limits (review finding 10)", () => {
  it(`allows ${MAX_ALIASES} aliases and refuses ${MAX_ALIASES + 1}`, async () => {
    const owner = await signUp(t);
    const aliases = (n: number) => `{ me { ${Array.from({ length: n }, (_, i) => `a${i}: id`).join(" ")} } }`;
    const ok = await owner.client.ok<{ me: Record<string, string> }>(aliases(MAX_ALIASES));
    expect(ok.me.a29).toBe(owner.id);
    const res = await owner.client.request(aliases(MAX_ALIASES + 1));
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]).toMatchObject({
      message: `The query has ${MAX_ALIASES + 1} aliases; the limit is ${MAX_ALIASES}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it(`allows ${MAX_ROOT_FIELDS} root fields and refuses ${MAX_ROOT_FIELDS + 1}, counted through fragments`, async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const roots = (n: number) =>
      `query($id: ID!) { ...Roots ${Array.from({ length: n - 1 }, (_, i) => `o${i}: org(id: $id) { name }`).join(" ")} }
       fragment Roots on Query { me { id } }`;
    const ok = await owner.client.ok<Record<string, { name: string }>>(roots(MAX_ROOT_FIELDS), { id: orgId });
    expect(ok.o18.name).toBe("Acme");
    const res = await owner.client.request(roots(MAX_ROOT_FIELDS + 1), { id: orgId });
    expect(res.errors?.[0]).toMatchObject({
      message: `The operation selects ${MAX_ROOT_FIELDS + 1} root fields; the limit is ${MAX_ROOT_FIELDS}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("refuses two logins (or a sign-up and a login) in one request, and nothing happens", async () => {
    const user = await signUp(t, { password: "correct horse battery" });
    const client = t.client();
    const twoLogins = await client.request(
      `mutation($email: String!) { a: login(email: $email, password: "correct horse battery") { id }
                                   b: login(email: $email, password: "wrong guess") { id } }`,
      { email: user.email },
    );
    expect(twoLogins.errors?.[0]).toMatchObject({
      message: "A request may call at most one of signUp, login, requestPasswordReset; this one calls 2.",
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
    expect(client.hasSession).toBe(false);

    const email = uniqueEmail();
    const both = await client.request(
      `mutation($email: String!) { signUp(email: $email, password: "correct horse battery", name: "New") { id }
                                   login(email: $email, password: "correct horse battery") { id } }`,
      { email },
    );
    expect(both.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // The refused sign-up created nothing: the address cannot log in.
    expect(await client.code(`mutation { login(email: "${email}", password: "correct horse battery") { id } }`)).toBe("UNAUTHENTICATED");

    // One login per request still works.
    await client.ok(`mutation { login(email: "${user.email}", password: "correct horse battery") { id } }`);
    expect(client.hasSession).toBe(true);
  });

  it(`refuses depth ${MAX_DEPTH + 1} and allows depth ${MAX_DEPTH}, counted through fragment spreads`, async () => {
    // __schema > types > fields > type > ofType…, split across fragments and an inline fragment.
    const path = (depth: number) => {
      let inner = "name";
      for (let i = 0; i < depth - 5; i++) inner = `ofType { ${inner} }`;
      return `query { ...S } fragment S on Query { __schema { ...T } }
              fragment T on __Schema { types { ... on __Type { fields { ...F } } } }
              fragment F on __Field { type { ${inner} } }`;
    };
    expect((await t.client().request(path(MAX_DEPTH))).errors).toBeUndefined();
    const res = await t.client().request(path(MAX_DEPTH + 1));
    expect(res.errors?.[0]).toMatchObject({
      message: `The query is ${MAX_DEPTH + 1} levels deep; the limit is ${MAX_DEPTH}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it(`counts a list without \`first\` as ${LIST_SIZE} items, so nested lists are no longer cheap`, async () => {
    const owner = await signUp(t);
    await createOrg(owner);
    const members = "members { id role joinedAt orgId user { id name email plan creditBalance isStaff } }";
    // 1 + 20 × (1 + 4 + 20 × …): two nested lists are accepted…
    const ok = await owner.client.ok<{ myOrgs: { members: { user: { id: string } }[] }[] }>(`{ myOrgs { ${members} } }`);
    expect(ok.myOrgs[0].members[0].user.id).toBe(owner.id);
    // …and one more list beside them goes over: under the old limits this query cost 19.
    const res = await owner.client.request(`{ myOrgs { ${members} usage { byMember { calls credits memberId name } } } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]).toMatchObject({
      message: `The query costs 6061; the limit is ${MAX_COST}.`,
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });

  it("a page's `first` sizes its edges (no notional size on top), and `first: $var` counts as 100", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const page = (first: string) =>
      `query($id: ID!${first === "$n" ? ", $n: Int" : ""}) { org(id: $id) { auditEntries(first: ${first}) { edges { cursor node { id action at } } } } }`;
    // org 1 + (auditEntries 1 + 100 × (edges 1 + cursor 1 + node 4)) = 602: accepted; with `first: 1000`, 6002: refused.
    expect((await owner.client.request(page("$n"), { id: orgId, n: 10 })).errors).toBeUndefined();
    expect((await owner.client.request(page("100"), { id: orgId })).errors).toBeUndefined();
    const res = await owner.client.request(page("1000"), { id: orgId });
    expect(res.errors?.[0]?.message).toBe(`The query costs 6002; the limit is ${MAX_COST}.`);
  });
});

describe("the console's own queries", () => {
  /** Every operation the console sends (from its generated document map), with the fragments it uses. */
  function consoleOperations(): string[] {
    const source = readFileSync(join(__dirname, "..", "..", "console", "src", "gql", "gql.ts"), "utf8");
    const map = /^type Documents = \{([\s\S]*?)\n\};/m.exec(source)?.[1] ?? "";
    const docs = [...map.matchAll(/^\s+"((?:[^"\\]|\\.)*)": typeof/gm)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    const fragments = new Map<string, string>();
    for (const doc of docs) {
      const name = /^\s*fragment (\w+)/.exec(doc)?.[1];
      if (name) fragments.set(name, doc);
    }
    return docs
      .filter((doc) => !/^\s*fragment /.test(doc))
      .map((op) => {
        const used = new Set<string>();
        const visit = (text: string) => {
          for (const [, name] of text.matchAll(/\.\.\.(\w+)/g)) {
            if (fragments.has(name) && !used.has(name)) {
              used.add(name);
              visit(fragments.get(name) as string);
            }
          }
        };
        visit(op);
        return [op, ...[...used].map((name) => fragments.get(name))].join("\n");
      });
  }

  it("passes every limit (sent without variables: refused only for the missing variables, if at all)", async () => {
    const operations = consoleOperations();
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) {
      const res = await t.client().request(operation);
      for (const error of res.errors ?? []) {
        expect({ operation, code: error.extensions?.code, message: error.message }).not.toMatchObject({
          code: "GRAPHQL_VALIDATION_FAILED",
        });
      }
    }
  });

  it("serves a console-size team page query with data", async () => {
    const owner = await signUp(t);
    const orgId = await createOrg(owner);
    const data = await owner.client.ok<{ org: { name: string; members: unknown[] } }>(
      `query($id: ID!) { org(id: $id) { id name plan seats myRole softAlertThresholdPercent
          members { id role joinedAt user { id name email plan } }
          invitations { id email role createdAt expiresAt acceptUrl }
          spaces { id name } caps { id monthlyLimit } apiKeys { id name }
          pool { totalRemaining } forecast { burnPerDay daysLeft runsOutBeforeReset }
          auditEntries(first: 20) { edges { cursor node { id action at } } pageInfo { endCursor hasNextPage } } } }`,
      { id: orgId },
    );
    expect(data.org.name).toBe("Acme");
    expect(data.org.members).toHaveLength(1);
  });
});
