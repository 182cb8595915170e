import { fireEvent, screen, within } from "@testing-library/react";
import { type CapRequestItemFragment, RequestCapIncreaseDocument } from "../gql/graphql";
import { acme, apiError, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { adaMember, bob, bobMember, capRequestsMock, typed } from "../test/team.fixtures";
import { orgUsageMock, usageEventsMock } from "../test/usage.fixtures";

const bobCap = { id: "cap_bob", scope: "MEMBER" as const, targetId: bobMember.id, monthlyLimit: 500, usedThisPeriod: 500 };
const who = (m: typeof bobMember) => ({ id: m.id, user: { id: m.user.id, name: m.user.name } });
const asked: CapRequestItemFragment = {
  id: "req_1",
  capId: bobCap.id,
  currentLimit: 500,
  requestedLimit: 1_500,
  reason: "Evals this week",
  status: "PENDING",
  createdAt: "2026-02-21T10:00:00.000Z",
  decidedAt: null,
  requestedBy: who(bobMember),
  decidedBy: null,
};

const myCap = () => screen.getByRole("region", { name: "Your cap" });

function openUsage(requests: CapRequestItemFragment[], extra: Parameters<typeof renderApp>[1] = []) {
  renderApp("/orgs/org_acme/usage", [
    ...signedInMocks([acme], bob),
    orgUsageMock("MEMBER", { caps: [bobCap] }),
    capRequestsMock(requests),
    usageEventsMock([]),
    ...extra,
  ]);
}

describe("Ask for more, on a MEMBER's own cap", () => {
  it("asks for a higher limit with a reason, checked first; the request then waits, listed as pending", async () => {
    openUsage(
      [],
      [
        {
          request: {
            query: RequestCapIncreaseDocument,
            variables: { orgId: acme.id, capId: bobCap.id, monthlyLimit: 1_500, reason: "Evals this week" },
          },
          result: { data: { requestCapIncrease: typed.capRequest(asked) } },
        },
      ],
    );
    fireEvent.click(await within(await screen.findByRole("region", { name: "Your cap" })).findByRole("button", { name: "Ask for more" }));
    const dialog = screen.getByRole("dialog", { name: "Ask for more on your cap" });
    expect(dialog.textContent).toContain("Now 500 credits a month, 500 used this period.");
    expect(document.activeElement).toBe(within(dialog).getByLabelText("New monthly cap (credits)"));

    fireEvent.change(within(dialog).getByLabelText("New monthly cap (credits)"), { target: { value: "500" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send request" }));
    expect(within(dialog).getByText("Ask for more than the current 500 credits.")).toBeTruthy();
    expect(within(dialog).getByText("Say why in a few words (at least 3 characters).")).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText("New monthly cap (credits)"), { target: { value: "1500" } });
    fireEvent.change(within(dialog).getByLabelText("Why do you need more?"), { target: { value: "Evals this week" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send request" }));

    expect(await within(myCap()).findByText(/waiting for an owner or admin\./)).toBeTruthy();
    expect(myCap().textContent).toMatch(/You asked for 1,500 credits a month on Feb 21, 2026/);
    expect(within(myCap()).queryByRole("button", { name: "Ask for more" })).toBeNull();
    const row = within(within(myCap()).getByRole("table", { name: "Your requests" })).getAllByRole("row")[1];
    expect(row.textContent).toContain("500 → 1,500 credits");
    expect(row.textContent).toContain("Pending");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("says in the dialog when a request is already waiting on the server", async () => {
    openUsage(
      [],
      [
        {
          request: {
            query: RequestCapIncreaseDocument,
            variables: { orgId: acme.id, capId: bobCap.id, monthlyLimit: 900, reason: "More evals" },
          },
          result: apiError("CONFLICT", "You already asked for 1,500 credits on this cap on Feb 21, 2026; that request is waiting."),
        },
      ],
    );
    fireEvent.click(await within(await screen.findByRole("region", { name: "Your cap" })).findByRole("button", { name: "Ask for more" }));
    const dialog = screen.getByRole("dialog", { name: "Ask for more on your cap" });
    fireEvent.change(within(dialog).getByLabelText("New monthly cap (credits)"), { target: { value: "900" } });
    fireEvent.change(within(dialog).getByLabelText("Why do you need more?"), { target: { value: "More evals" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Send request" }));
    expect(await within(dialog).findByText(/You already asked for 1,500 credits on this cap/)).toBeTruthy();
  });

  it("shows how a request was decided, and offers to ask again", async () => {
    openUsage([{ ...asked, status: "APPROVED", decidedAt: "2026-02-22T10:00:00.000Z", decidedBy: who(adaMember) }]);
    const table = await within(await screen.findByRole("region", { name: "Your cap" })).findByRole("table", { name: "Your requests" });
    expect(within(table).getAllByRole("row")[1].textContent).toMatch(/Approved by Ada Lovelace on Feb 22, 2026/);
    expect(within(myCap()).getByRole("button", { name: "Ask for more" })).toBeTruthy();
  });
});
