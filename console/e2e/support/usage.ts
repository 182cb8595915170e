import type { Page } from "@playwright/test";
import { graphqlWithKey } from "./api";

/** Recording calls as the gateway does (an API key with USAGE_WRITE), with the ids the console shows. */

export interface OrgIds {
  members: { id: string; name: string }[];
  spaces: { id: string; name: string }[];
}

/** The org's member and Space ids, read by the signed-in browser (its session cookie), as Team settings' IDs table lists them. */
export async function orgIds(page: Page, orgId: string): Promise<OrgIds> {
  const answer = await page.evaluate(async (id) => {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "query ($id: ID!) { org(id: $id) { members { id user { name } } spaces { id name } } }",
        variables: { id },
      }),
    });
    return (await response.json()) as {
      data?: { org: { members: { id: string; user: { name: string } }[]; spaces: { id: string; name: string }[] } };
    };
  }, orgId);
  const org = answer.data?.org;
  if (!org) throw new Error(`could not read the ids of org ${orgId}`);
  return { members: org.members.map((m) => ({ id: m.id, name: m.user.name })), spaces: org.spaces };
}

/** One model call, recorded with a key; answers its event id (throws on a refusal). */
export async function recordCall(
  secret: string,
  input: { orgId: string; memberId: string; spaceId: string; credits: number; idempotencyKey: string; model?: string },
): Promise<string> {
  const answer = await graphqlWithKey<{ recordUsage: { eventId: string } }>(
    secret,
    "mutation ($input: RecordUsageInput!) { recordUsage(input: $input) { eventId } }",
    { input: { model: "gpt-4o", ...input } },
  );
  const eventId = answer.body.data?.recordUsage.eventId;
  if (!eventId) throw new Error(`recordUsage failed: ${JSON.stringify(answer.body.errors)}`);
  return eventId;
}
