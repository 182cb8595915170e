import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { AuditEntryFieldsFragment } from "../gql/graphql";
import { CreateSpaceDocument } from "../gql/graphql";
import { acme, apiError, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import {
  apiKeysMock,
  auditCursor,
  auditEntriesMock,
  grace,
  orgCreatedEntry,
  roleChangedEntry,
  invitationsMock,
  teamSettingsMock,
  typed,
} from "../test/team.fixtures";

const entry = (id: number, action: string, actor: Pick<AuditEntryFieldsFragment, "actorKind" | "actorName">): AuditEntryFieldsFragment => ({
  id: String(id),
  action,
  ...actor,
  at: new Date(Date.UTC(2026, 1, 1, 12, id)).toISOString(),
  summary: null,
  details: null,
});
const byAda = { actorKind: "USER", actorName: "ada@example.com" } as const;
const byKey = { actorKind: "API_KEY", actorName: 'API key "CI" (tbk_Ab3dE6gH…)' } as const;
const bySystem = { actorKind: "SYSTEM", actorName: "Team Billing" } as const;

const memberLeft = entry(40, "member.left", { actorKind: "USER", actorName: grace.email });
const keyCreated = entry(30, "api_key.created", byKey);
const renewed = entry(20, "plan.changed", bySystem);

async function openLog(audit: Parameters<typeof renderApp>[1], extra: Parameters<typeof renderApp>[1] = []) {
  const view = renderApp("/orgs/org_acme/team", [
    ...signedInMocks([acme]),
    teamSettingsMock({ myRole: "ADMIN" }),
    invitationsMock(),
    apiKeysMock(),
    ...audit,
    ...extra,
  ]);
  const table = await screen.findByRole("table", { name: "Audit log" });
  return { ...view, table };
}

const rows = (table: HTMLElement) => within(table).getAllByRole("row").slice(1);
const column = (table: HTMLElement, index: number) => rows(table).map((r) => within(r).getAllByRole("cell")[index].textContent);
const filter = () => screen.getByRole("combobox", { name: "Show" });

describe("Audit log section", () => {
  it("names who did each change, and marks API keys and the product's own changes", async () => {
    const { table } = await openLog([auditEntriesMock({ entries: [memberLeft, keyCreated, renewed, roleChangedEntry] })]);

    expect(column(table, 1)).toEqual(["Member left", "API key created", "Plan changed", "Role changed"]);
    // The kind is a badge on screen and words for a screen reader: "(key)", "(automatic)".
    expect(column(table, 2)).toEqual([
      "grace@example.com",
      'API key "CI" (tbk_Ab3dE6gH…) (key)',
      "Team Billing (automatic)",
      "ada@example.com",
    ]);
    expect(within(rows(table)[1]).getByTitle("Done through an API key").textContent).toBe(" (key)");
    expect(within(rows(table)[0]).queryByTitle(/Done/)).toBeNull();
    // Everything fits on one page: nothing older to ask for.
    expect(screen.queryByRole("button", { name: "Show older entries" })).toBeNull();
  });

  // Issue 17 item 3 / finding 13: the sentence first, with names; the fields behind "Details", in words.
  it("shows the server's sentence first and keeps the fields behind a closed Details disclosure", async () => {
    const downgrade: AuditEntryFieldsFragment = {
      ...entry(60, "downgrade.scheduled", byAda),
      summary:
        "Ada Lovelace scheduled the switch from Team to Pro: Team ends on Jan 2, 2027, then the org is on the owner's personal Pro plan.",
      details: JSON.stringify({
        before: null,
        after: {
          summary:
            "Ada Lovelace scheduled the switch from Team to Pro: Team ends on Jan 2, 2027, then the org is on the owner's personal Pro plan.",
          plan: "PRO",
          effectiveAt: "2027-01-02T17:26:37.000Z",
        },
      }),
    };
    const card = {
      ...entry(55, "payment_method.replaced", byAda),
      summary: "Ada Lovelace replaced the card: Visa ending 4242 → Mastercard ending 4444.",
    };
    const { table } = await openLog([auditEntriesMock({ entries: [downgrade, card, roleChangedEntry] })]);

    expect(column(table, 1)).toEqual(["Downgrade scheduled", "Card replaced", "Role changed"]);
    const [first, second, third] = rows(table);
    const what = within(first).getAllByRole("cell")[3];
    expect(what.querySelector(".audit__summary")?.textContent).toBe(downgrade.summary);
    const disclosure = what.querySelector("details") as HTMLDetailsElement;
    expect(disclosure.open).toBe(false);
    expect(within(disclosure).getByText("Details").tagName).toBe("SUMMARY");
    // Inside, dates and plans in words: never "2027-01-02T17:26:37.000Z" or "PRO", and the sentence is not repeated.
    expect(disclosure.textContent).toContain("Jan 2, 2027");
    expect(disclosure.textContent).toContain("Pro");
    expect(disclosure.textContent).not.toMatch(/2027-01-02T|PRO|summary/);
    // A sentence with no fields behind it has no empty disclosure.
    expect(within(second).getAllByRole("cell")[3].textContent).toBe(card.summary);
    expect(second.querySelector("details")).toBeNull();
    // An older entry without a sentence shows its fields as before, open, in words.
    expect(third.querySelector("details")).toBeNull();
    expect(within(third).getAllByRole("cell")[3].textContent).toContain("member");
    expect(within(third).getAllByRole("cell")[3].textContent).not.toContain("MEMBER");
  });

  it("asks the server for older entries after the last one shown, appends them, and stops at the end", async () => {
    const older = [entry(10, "space.created", byAda), orgCreatedEntry];
    const { table } = await openLog([
      auditEntriesMock({ entries: [memberLeft, keyCreated], hasNextPage: true }),
      auditEntriesMock({ entries: older, after: auditCursor(keyCreated) }),
    ]);
    expect(rows(table)).toHaveLength(2);

    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));

    await waitFor(() => expect(rows(table)).toHaveLength(4));
    expect(column(table, 1)).toEqual(["Member left", "API key created", "Space created", "Org created"]);
    expect(screen.queryByRole("button", { name: /older entries/ })).toBeNull();
  });

  it("keeps what it shows and says why when an older page fails", async () => {
    const { table } = await openLog([
      auditEntriesMock({ entries: [memberLeft, keyCreated], hasNextPage: true }),
      {
        request: auditEntriesMock({ after: auditCursor(keyCreated) }).request,
        result: apiError("INTERNAL_SERVER_ERROR"),
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    const log = screen.getByRole("region", { name: "Audit log" });
    expect(await within(log).findByText("Something went wrong on our side.")).toBeTruthy();
    expect(rows(table)).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Show older entries" })).toBeTruthy();
    // Said in place, not also as a notification.
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByRole("alert")).toBeNull();
  });

  it("narrows the log to a category by asking the server with its action prefix", async () => {
    await openLog([
      auditEntriesMock({ entries: [memberLeft, keyCreated, renewed] }),
      auditEntriesMock({ entries: [memberLeft, roleChangedEntry], actionPrefix: "member." }),
    ]);
    expect((filter() as HTMLSelectElement).value).toBe("");

    fireEvent.change(filter(), { target: { value: "member." } });

    await waitFor(() => expect(column(screen.getByRole("table", { name: "Audit log" }), 1)).toEqual(["Member left", "Role changed"]));
    // And back: All comes from the cache, as it was.
    fireEvent.change(filter(), { target: { value: "" } });
    expect(column(screen.getByRole("table", { name: "Audit log" }), 1)).toEqual(["Member left", "API key created", "Plan changed"]);
  });

  it("says when a category has no entries, and when nothing was recorded at all", async () => {
    renderApp("/orgs/org_acme/team", [
      ...signedInMocks([acme]),
      teamSettingsMock({ myRole: "OWNER" }),
      invitationsMock(),
      apiKeysMock(),
      auditEntriesMock({ entries: [] }),
      auditEntriesMock({ entries: [], actionPrefix: "api_key." }),
    ]);
    expect(await screen.findByText("Nothing recorded yet.")).toBeTruthy();
    fireEvent.change(filter(), { target: { value: "api_key." } });
    expect(await screen.findByText("No entries in this category.")).toBeTruthy();
    expect(screen.queryByRole("table", { name: "Audit log" })).toBeNull();
  });

  it("shows the first page again, newest on top, after a change on the page", async () => {
    const spaceCreated = entry(50, "space.created", byAda);
    const { table } = await openLog(
      [
        { ...auditEntriesMock({ entries: [memberLeft, keyCreated], hasNextPage: true }), maxUsageCount: 1 },
        auditEntriesMock({ entries: [renewed], after: auditCursor(keyCreated) }),
        auditEntriesMock({ entries: [spaceCreated, memberLeft], hasNextPage: true }),
      ],
      [
        {
          request: { query: CreateSpaceDocument, variables: { orgId: acme.id, name: "Design" } },
          result: { data: { createSpace: typed.space({ id: "space_design", name: "Design" }) } },
        },
      ],
    );
    fireEvent.click(screen.getByRole("button", { name: "Show older entries" }));
    await waitFor(() => expect(rows(table)).toHaveLength(3));

    const form = screen.getByRole("form", { name: "Create a Space" });
    fireEvent.change(within(form).getByLabelText("Space name"), { target: { value: "Design" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create Space" }));

    await waitFor(() => expect(column(screen.getByRole("table", { name: "Audit log" }), 1)).toEqual(["Space created", "Member left"]));
    expect(screen.getByRole("button", { name: "Show older entries" })).toBeTruthy();
  });
});
