import { fireEvent, screen, within } from "@testing-library/react";
import { CreateApiKeyDocument, RevokeApiKeyDocument } from "../gql/graphql";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { ciKey, managerTeamMocks, typed } from "../test/team.fixtures";

const SECRET = "tbk_s3cr3t-Only-Shown-Once_0123456789abcdef";
const gateway = {
  id: "key_gw",
  name: "Gateway",
  prefix: "tbk_s3cr3t-O",
  scopes: ["USAGE_READ", "USAGE_WRITE"] as const,
  createdAt: "2026-02-21T10:00:00.000Z",
  lastUsedAt: null,
  createdByUserId: "user_ada",
  createdByName: "Ada Lovelace",
};

const createMock = {
  request: { query: CreateApiKeyDocument, variables: { orgId: acme.id, name: "Gateway", scopes: ["USAGE_WRITE", "USAGE_READ"] } },
  result: {
    data: {
      createApiKey: { __typename: "CreatedApiKey", secret: SECRET, apiKey: typed.apiKey({ ...gateway, scopes: [...gateway.scopes] }) },
    },
  },
};

async function openTeamPage(extra: Parameters<typeof renderApp>[1] = []) {
  const view = renderApp("/orgs/org_acme/team", [...signedInMocks([acme]), ...managerTeamMocks("ADMIN"), ...extra]);
  await screen.findByRole("table", { name: "API keys" });
  return view;
}

function createKey(name: string, scopes: string[]) {
  const form = screen.getByRole("form", { name: "Create an API key" });
  fireEvent.change(within(form).getByLabelText("Key name"), { target: { value: name } });
  for (const scope of scopes) fireEvent.click(within(form).getByRole("checkbox", { name: new RegExp(scope) }));
  fireEvent.click(within(form).getByRole("button", { name: "Create API key" }));
}

describe("API keys", () => {
  it("lists keys with their prefix, scopes and last use", async () => {
    await openTeamPage();
    const row = within(screen.getByRole("table", { name: "API keys" })).getByRole("row", { name: /CI/ });
    expect(within(row).getByText(`${ciKey.prefix}…`)).toBeTruthy();
    expect(within(within(row).getByRole("list", { name: "Scopes of CI" })).getByText("USAGE_READ")).toBeTruthy();
    expect(within(row).getByText("Never")).toBeTruthy();
    // Who created it: their keys are revoked when they leave.
    expect(within(row).getByText("Grace Hopper")).toBeTruthy();
  });

  it("shows the secret once, with a copy button, and forgets it when dismissed", async () => {
    const { cache } = await openTeamPage([createMock]);

    // Scopes are sent in the form's order, whatever order they were ticked in.
    createKey("Gateway", ["USAGE_READ", "USAGE_WRITE"]);

    const title = await screen.findByRole("heading", { name: "Copy the secret for “Gateway” now" });
    const callout = title.parentElement as HTMLElement;
    expect(within(callout).getByText(SECRET)).toBeTruthy();
    expect(callout.textContent).toContain("It will not be shown again");
    expect(within(callout).getByRole("button", { name: "Copy secret" })).toBeTruthy();
    expect(document.activeElement).toBe(title);
    // The new key is listed, by prefix only.
    const table = screen.getByRole("table", { name: "API keys" });
    expect(within(table).getByRole("rowheader", { name: "Gateway" })).toBeTruthy();
    expect(within(table).queryByText(SECRET)).toBeNull();
    // Nothing but the component's state ever held it.
    expect(JSON.stringify(cache.extract())).not.toContain(SECRET);

    fireEvent.click(within(callout).getByRole("button", { name: "Done, I've saved it" }));
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(within(table).getByRole("rowheader", { name: "Gateway" })).toBeTruthy();
  });

  it("asks for a name and at least one scope before sending anything", async () => {
    await openTeamPage();
    createKey("", []);
    expect(await screen.findByText(/Name the key after what uses it/)).toBeTruthy();
    expect(screen.getByText("Pick at least one scope.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Key name"));
  });

  it("revokes a key only after confirmation", async () => {
    await openTeamPage([
      {
        request: { query: RevokeApiKeyDocument, variables: { orgId: acme.id, apiKeyId: ciKey.id } },
        result: { data: { revokeApiKey: true } },
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Revoke CI" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke the API key “CI”?" });
    expect(dialog.textContent).toContain("stop working at once");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));

    expect(await screen.findByText("No API keys yet.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("lists the member and Space ids an integration sends, with copy buttons and a ready-to-paste recordUsage call", async () => {
    await openTeamPage();
    const ids = screen.getByRole("table", { name: "IDs for integrations" });
    const bobRow = within(ids).getByRole("row", { name: /Bob/ });
    expect(within(bobRow).getByText("mem_bob")).toBeTruthy();
    expect(within(bobRow).getByRole("button", { name: "Copy the id of Bob Builder" })).toBeTruthy();
    const spaceRow = within(ids).getByRole("row", { name: /Research/ });
    expect(within(spaceRow).getByText("space_research")).toBeTruthy();
    expect(within(ids).getByRole("row", { name: /This org/ }).textContent).toContain("org_acme");

    const example = screen.getByTitle("recordUsage example").textContent ?? "";
    expect(example).toContain("curl -s http://localhost/graphql");
    expect(example).toContain('-H "Authorization: Bearer $TEAM_BILLING_API_KEY"');
    // The JSON body is what the API takes: this org, the first member, the first Space.
    const body = JSON.parse(/-d '(.*)'$/s.exec(example)?.[1] ?? "null");
    expect(body.variables.input).toMatchObject({ orgId: "org_acme", memberId: "mem_ada", spaceId: "space_research" });
    expect(body.query).toContain("recordUsage(input: $input)");
    expect(screen.getByRole("button", { name: "Copy the example" })).toBeTruthy();
  });
});
