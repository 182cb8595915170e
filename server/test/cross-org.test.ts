import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { teamOrg, type TeamOrg } from "./support/credits-fixture";
import { uniqueEmail } from "./support/fixtures";
import type { GqlClient, GqlResponse } from "./support/gql-client";
import { startTestApp, type TestApp } from "./support/test-app";

/**
 * A caller of one org never reaches another: every Query and Mutation field that
 * takes an id (found in schema.graphql, so a new field is swept without editing
 * this test) is called with the other org's ids, which must answer NOT_FOUND or
 * FORBIDDEN; and with its own org id next to the other org's member, Space, cap,
 * key, invitation or reservation ids, which must answer exactly as made-up ids do.
 * The other org must be unchanged after it all.
 */
const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema.graphql"), "utf8"));

/** Ids that name an org, where the caller's own org can stand next to the other org's other ids. */
const ORG_ARGS = new Set(["id", "orgId"]);

let t: TestApp;
let mine: TeamOrg;
let theirs: TeamOrg;
/** The other org's ids, by the argument names that take them. */
let theirIds: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT_KEY_PER_SECOND: "100000", RATE_LIMIT_USER_PER_SECOND: "100000" } });
  mine = await teamOrg(t);
  theirs = await teamOrg(t);
  expect((await theirs.call({ credits: 40 })).code).toBeUndefined();
  const o = { o: theirs.orgId };
  const owner = theirs.owner.client;
  const cap = await owner.ok("mutation($o: ID!, $m: ID!) { setCap(orgId: $o, scope: MEMBER, targetId: $m, monthlyLimit: 500) { id } }", {
    ...o,
    m: theirs.members[0].memberId,
  });
  const invitation = await owner.ok("mutation($o: ID!, $e: String!) { inviteMember(orgId: $o, email: $e, role: MEMBER) { id } }", {
    ...o,
    e: uniqueEmail(),
  });
  const apiKey = await owner.ok('mutation($o: ID!) { createApiKey(orgId: $o, name: "theirs", scopes: [USAGE_READ]) { apiKey { id } } }', o);
  const reservation = await theirs.key.ok(
    'mutation($o: ID!, $m: ID!, $s: ID!) { reserveCredits(input: { orgId: $o, memberId: $m, spaceId: $s, model: "m", credits: 10 }) { id } }',
    { ...o, m: theirs.members[0].memberId, s: theirs.spaceIds[0] },
  );
  const checkout = await owner.ok("mutation($o: ID!) { startTopUpCheckout(orgId: $o, credits: 10000) { id } }", o);
  theirIds = {
    id: theirs.orgId,
    orgId: theirs.orgId,
    memberId: theirs.members[0].memberId,
    targetId: theirs.members[0].memberId,
    spaceId: theirs.spaceIds[0],
    capId: cap.setCap.id,
    invitationId: invitation.inviteMember.id,
    apiKeyId: apiKey.createApiKey.apiKey.id,
    reservationId: reservation.reserveCredits.id,
    sessionId: checkout.startTopUpCheckout.id,
  };
});
afterAll(() => t.close());

/** What the other org looks like to its owner: the sweep must leave all of it as it was. */
const SNAPSHOT = `query($o: ID!) { org(id: $o) { name plan seats softAlertThresholdPercent
  members { id role } spaces { id name } caps { id monthlyLimit } apiKeys { id lastUsedAt } invitations { id expiresAt }
  pool { monthlyRemaining topUpRemaining reserved } usage { totalCredits calls } } }`;

/** A valid-looking value for an argument that is not an id, so the call gets as far as authorization. */
function valueFor(name: string, type: GraphQLInputType, ids: (argName: string) => string): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [valueFor(name, inner.ofType, ids)];
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type)) out[field.name] = valueFor(field.name, field.type, ids);
    }
    return out;
  }
  if (isEnumType(inner)) {
    const values = inner.getValues().map((v) => v.name);
    return values.includes("MEMBER") ? "MEMBER" : values.includes("MONTHLY") ? "MONTHLY" : values[0];
  }
  if (!isScalarType(inner)) throw new Error(`no value for ${name}`);
  switch (inner.name) {
    case "ID":
      return ids(name);
    case "Int":
      return { percent: 50, monthlyLimit: 100, monthlyCredits: 100_000, days: 1 }[name] ?? (name === "credits" ? 10_000 : 1);
    case "Boolean":
      return true;
    case "DateTime":
      return new Date().toISOString();
    default:
      return name === "email" || name === "billingEmail" ? uniqueEmail() : `cross-org-${name}-${Math.random()}`;
  }
}

/** The names of the id arguments, and of id fields inside input-object arguments. */
function idNames(args: readonly { name: string; type: GraphQLInputType }[]): string[] {
  return args.flatMap((a) => {
    const named = getNamedType(a.type);
    if (named.name === "ID") return [a.name];
    return isInputObjectType(named) ? idNames(Object.values(named.getFields())) : [];
  });
}

/** Whether an argument (or a field of its input object) takes an id. */
function takesId(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  if (named.name === "ID") return true;
  return isInputObjectType(named) && Object.values(named.getFields()).some((f) => takesId(f.type));
}

function operation(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) || takesId(a.type));
  const defs = args.map((a) => `$${a.name}: ${a.type}`).join(", ");
  const call = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = selectionFor(getNamedType(field.type), 2);
  return `${kind}${defs ? `(${defs})` : ""} { ${field.name}${call ? `(${call})` : ""}${selection} }`;
}

/** The scalar fields of an object type, and of its object fields down to `depth`: enough to see what a call did. */
function selectionFor(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return "";
  const fields = Object.values(type.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => {
      const named = getNamedType(f.type);
      if (!isObjectType(named)) return f.name;
      return depth > 1 ? `${f.name}${selectionFor(named, depth - 1)}` : "";
    })
    .filter(Boolean);
  return ` { __typename ${fields.join(" ")} }`;
}

/** What an answer says, with ids blanked: a made-up id and another org's id must answer alike. */
function gist(res: GqlResponse): string {
  const said = res.errors ? res.errors.map((e) => [e.extensions?.code, e.message]) : res.data;
  return JSON.stringify(said).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>");
}

function variables(args: readonly GraphQLArgument[], ids: (argName: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of args) if (isNonNullType(a.type) || takesId(a.type)) out[a.name] = valueFor(a.name, a.type, ids);
  return out;
}

const sweptFields = () =>
  (["query", "mutation"] as const).flatMap((kind) => {
    const root = kind === "query" ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {})
      .filter((field) => field.args.some((a) => takesId(a.type)))
      .map((field) => ({ kind, field }));
  });

describe("one org's callers never reach another org", () => {
  it.each(["an API key with every scope", "the org's owner"])(
    "%s gets NOT_FOUND or FORBIDDEN from every field that takes an id",
    async (who) => {
      const caller: GqlClient = who === "the org's owner" ? mine.owner.client : mine.key;
      const before = await theirs.owner.client.ok(SNAPSHOT, { o: theirs.orgId });
      const fields = sweptFields();
      expect(fields.length).toBeGreaterThan(25);
      const leaks: string[] = [];
      for (const { kind, field } of fields) {
        const theirsOnly = (name: string) => theirIds[name] ?? theirs.orgId;
        // Their org's ids: the org is invisible, so nothing past it is looked at.
        const res = await caller.request(operation(kind, field), variables(field.args, theirsOnly));
        const code = res.errors?.[0]?.extensions?.code;
        if (code !== "NOT_FOUND" && code !== "FORBIDDEN") leaks.push(`${field.name} (their org): ${gist(res)}`);
        // My org with their member, Space, cap, key, invitation or reservation: answered as a made-up id
        // is, so an answer never tells that an id exists elsewhere, and nothing of theirs is touched.
        const names = idNames(field.args);
        if (!names.some((n) => ORG_ARGS.has(n)) || names.every((n) => ORG_ARGS.has(n))) continue;
        const mixed = await caller.request(
          operation(kind, field),
          variables(field.args, (n) => (ORG_ARGS.has(n) ? mine.orgId : theirsOnly(n))),
        );
        const madeUp = await caller.request(
          operation(kind, field),
          variables(field.args, (n) => (ORG_ARGS.has(n) ? mine.orgId : randomUUID())),
        );
        if (gist(mixed) !== gist(madeUp))
          leaks.push(`${field.name} (my org, their ids): ${gist(mixed)} but for made-up ids ${gist(madeUp)}`);
        if (!mixed.errors && !JSON.stringify(mixed.data).includes('errorCode":"'))
          leaks.push(`${field.name} (my org, their ids) succeeded`);
      }
      expect(leaks).toEqual([]);
      expect(await theirs.owner.client.ok(SNAPSHOT, { o: theirs.orgId })).toEqual(before);
    },
  );

  it("filters a report by another org's member or Space to nothing", async () => {
    const orgType = schema.getType("Org");
    if (!isObjectType(orgType)) throw new Error("no Org type");
    const withIds = Object.values(orgType.getFields())
      .filter((f) => f.args.some((a) => takesId(a.type)))
      .map((f) => f.name);
    // A new Org field that takes an id must be added here.
    expect(withIds.sort()).toEqual(["usage", "usageEvents"]);
    for (const [m, s] of [
      [theirIds.memberId, null],
      [null, theirIds.spaceId],
    ]) {
      const { org } = await mine.key.ok(
        "query($o: ID!, $m: ID, $s: ID) { org(id: $o) { usage(memberId: $m, spaceId: $s) { totalCredits calls byMember { memberId } } usageEvents(memberId: $m, spaceId: $s) { edges { node { id } } } } }",
        { o: mine.orgId, m, s },
      );
      expect(org.usage).toEqual({ totalCredits: 0, calls: 0, byMember: [] });
      expect(org.usageEvents.edges).toEqual([]);
    }
  });
});
