import { fireEvent, screen, within } from "@testing-library/react";
import { type CapRequestItemFragment, DecideCapIncreaseDocument } from "../gql/graphql";
import { acme, signedInMocks } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { adaMember, bob, bobMember, capRequestsMock, managerTeamMocks, research, teamSettingsMock, typed } from "../test/team.fixtures";

const bobCap = { id: "cap_bob", scope: "MEMBER" as const, targetId: bobMember.id, monthlyLimit: 500, usedThisPeriod: 480 };
const researchCap = { id: "cap_research", scope: "SPACE" as const, targetId: research.id, monthlyLimit: 1_000, usedThisPeriod: 900 };
const who = (m: typeof bobMember) => ({ id: m.id, user: { id: m.user.id, name: m.user.name } });

const bobAsks: CapRequestItemFragment = {
  id: "req_bob",
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
const bobAskedForResearch: CapRequestItemFragment = {
  ...bobAsks,
  id: "req_research",
  capId: researchCap.id,
  currentLimit: 800,
  requestedLimit: 1_000,
  reason: "A bigger index",
  status: "APPROVED",
  createdAt: "2026-02-10T10:00:00.000Z",
  decidedAt: "2026-02-11T10:00:00.000Z",
  decidedBy: who(adaMember),
};

const section = () => screen.getByRole("region", { name: "Cap requests" });
const capsTable = () => screen.getByRole("table", { name: "Caps" });
const notifications = () => screen.getByRole("region", { name: "Notifications" });

async function openAsOwner(extra: Parameters<typeof renderApp>[1] = []) {
  renderApp("/orgs/org_acme/team", [
    ...signedInMocks([acme]),
    capRequestsMock([bobAsks, bobAskedForResearch]),
    ...extra,
    ...managerTeamMocks("OWNER", { caps: [bobCap, researchCap] }),
  ]);
  return within(await screen.findByRole("region", { name: "Cap requests" })).findByRole("table", { name: "Pending cap requests" });
}

describe("Cap requests in Team settings", () => {
  it("lists pending requests with Approve and Deny, then the decided ones", async () => {
    const pending = await openAsOwner();
    const row = within(pending).getByRole("row", { name: /Bob Builder/ });
    expect(row.textContent).toContain("Their own");
    expect(row.textContent).toContain("500 → 1,500 credits");
    expect(row.textContent).toContain("Evals this week");
    expect(within(row).getByRole("button", { name: "Approve Bob Builder's request" })).toBeTruthy();
    expect(within(row).getByRole("button", { name: "Deny Bob Builder's request" })).toBeTruthy();

    const decided = within(section()).getByRole("table", { name: "Decided cap requests" });
    const done = within(decided).getByRole("row", { name: /Bob Builder/ });
    expect(done.textContent).toContain("Space Research");
    expect(done.textContent).toMatch(/Approved by Ada Lovelace on Feb 11, 2026/);
    expect(within(done).queryByRole("button")).toBeNull();
  });

  it("approving raises the cap in the list above and moves the request to decided", async () => {
    const pending = await openAsOwner([
      {
        request: { query: DecideCapIncreaseDocument, variables: { orgId: acme.id, requestId: bobAsks.id, approve: true } },
        result: {
          data: {
            decideCapIncrease: typed.capRequest({
              ...bobAsks,
              status: "APPROVED",
              decidedAt: "2026-02-22T10:00:00.000Z",
              decidedBy: who(adaMember),
            }),
          },
        },
      },
    ]);
    expect(within(capsTable()).getByRole("row", { name: /Bob Builder/ }).textContent).toContain("480 of 500");
    fireEvent.click(within(pending).getByRole("button", { name: "Approve Bob Builder's request" }));

    expect(
      await within(notifications()).findByText("Approved: the cap on Bob Builder is now 1,500 credits a month. Bob Builder is emailed."),
    ).toBeTruthy();
    expect(within(capsTable()).getByRole("row", { name: /Bob Builder/ }).textContent).toContain("480 of 1,500");
    expect(within(section()).getByText("No requests waiting.")).toBeTruthy();
    const decided = within(section()).getByRole("table", { name: "Decided cap requests" });
    expect(within(decided).getAllByRole("row")).toHaveLength(3);
    expect(decided.textContent).toMatch(/Approved by Ada Lovelace on Feb 22, 2026/);
  });

  it("denying leaves the cap as it was", async () => {
    const pending = await openAsOwner([
      {
        request: { query: DecideCapIncreaseDocument, variables: { orgId: acme.id, requestId: bobAsks.id, approve: false } },
        result: {
          data: {
            decideCapIncrease: typed.capRequest({
              ...bobAsks,
              status: "DENIED",
              decidedAt: "2026-02-22T10:00:00.000Z",
              decidedBy: who(adaMember),
            }),
          },
        },
      },
    ]);
    fireEvent.click(within(pending).getByRole("button", { name: "Deny Bob Builder's request" }));
    expect(
      await within(notifications()).findByText("Denied Bob Builder's request for 1,500 credits a month. Bob Builder is emailed."),
    ).toBeTruthy();
    expect(within(capsTable()).getByRole("row", { name: /Bob Builder/ }).textContent).toContain("480 of 500");
    expect(within(section()).getByRole("table", { name: "Decided cap requests" }).textContent).toMatch(/Denied by Ada Lovelace/);
  });

  it("shows a MEMBER their own requests and how each was decided", async () => {
    renderApp("/orgs/org_acme/team", [
      ...signedInMocks([acme], bob),
      teamSettingsMock({ myRole: "MEMBER", caps: [bobCap, researchCap] }),
      capRequestsMock([bobAsks, bobAskedForResearch]),
    ]);
    const mine = await within(await screen.findByRole("region", { name: "Your cap requests" })).findByRole("table", {
      name: "Your cap requests",
    });
    const rows = within(mine).getAllByRole("row").slice(1);
    expect(rows[0].textContent).toContain("Yours");
    expect(rows[0].textContent).toMatch(/Pending asked Feb 21, 2026/);
    expect(rows[1].textContent).toMatch(/Approved by Ada Lovelace on Feb 11, 2026/);
    expect(within(mine).queryByRole("button")).toBeNull();
  });
});
