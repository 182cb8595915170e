import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { AdjustCreditsDocument, ReverseCreditAdjustmentDocument } from "../gql/graphql";
import { ada, apiError, meMock, orgSwitcherMock } from "../test/fixtures";
import { renderApp } from "../test/render-app";
import { auditEntriesMock } from "../test/team.fixtures";
import { adjustmentProblems, confirmQuestion, previewLine } from "./adjustment";
import { adjustment, adjustmentsMock, supportInvoicesMock, supportOrgMock, withPool } from "./support.fixtures";

// UX review finding 1: a stray minus sign wiped a pool at once, with no confirmation, and
// the answer misreported what moved.

const staff = { ...ada, id: "user_staff", name: "Sam Staff", email: "staff@example.com", isStaff: true };
/** The review's pool: top-up 405, monthly 11,000. */
const reviewPool = {
  monthlyAllotment: 11_000,
  monthlyRemaining: 11_000,
  topUpRemaining: 405,
  totalRemaining: 11_405,
  periodStart: "2026-12-02T00:00:00.000Z",
  periodEnd: "2027-01-02T00:00:00.000Z",
  reserved: 0,
};
const page = (extra: Parameters<typeof renderApp>[1] = [], list = adjustmentsMock()) =>
  renderApp("/support/orgs/org_acme", [
    meMock(staff),
    orgSwitcherMock([]),
    supportOrgMock(reviewPool),
    supportInvoicesMock(),
    list,
    auditEntriesMock({ entries: [] }),
    ...extra,
  ]);

async function fill(values: { bucket?: string; direction?: string; amount: string; reason?: string }) {
  const form = await screen.findByRole("form", { name: "Adjust credits" });
  if (values.bucket) fireEvent.change(within(form).getByLabelText("Bucket"), { target: { value: values.bucket } });
  if (values.direction) fireEvent.change(within(form).getByLabelText("Action"), { target: { value: values.direction } });
  fireEvent.change(within(form).getByLabelText("Credits"), { target: { value: values.amount } });
  if (values.reason) fireEvent.change(within(form).getByLabelText("Reason"), { target: { value: values.reason } });
  return form;
}

describe("Support: adjust credits", () => {
  it("shows a removal larger than the bucket as an error while typing, and sends nothing", async () => {
    page();
    const form = await fill({ direction: "REMOVE", amount: "999999", reason: "typo" });
    expect(within(form).getByText("The top-up bucket holds 405 credits, so at most 405 can be removed.")).toBeTruthy();
    expect(screen.getByTestId("adjust-preview").textContent).toBe("");
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("takes no sign: a minus typed into the amount is refused, Remove says which way", async () => {
    page();
    const form = await fill({ amount: "-999999", reason: "typo" });
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    expect(await within(form).findByText(/without a sign: Add or Remove says which way/)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("confirms a removal with the resulting balance, then reports what the server moved", async () => {
    const done = adjustment({ id: "52", credits: -405, before: 405, after: 0, reason: "ticket 42" });
    page([
      {
        request: { query: AdjustCreditsDocument, variables: { orgId: "org_acme", bucket: "TOP_UP", credits: -405, reason: "ticket 42" } },
        result: { data: { adjustCredits: { ...done, pool: withPool({ ...reviewPool, topUpRemaining: 0, totalRemaining: 11_000 }) } } },
      },
      auditEntriesMock({ entries: [] }),
      adjustmentsMock([done]),
      supportOrgMock({ ...reviewPool, topUpRemaining: 0, totalRemaining: 11_000 }),
    ]);
    const form = await fill({ direction: "REMOVE", amount: "405", reason: "ticket 42" });
    expect(screen.getByTestId("adjust-preview").textContent).toBe("After it: Top-up 405 → 0; monthly unchanged.");
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove credits?" });
    expect(dialog.textContent).toContain("Remove 405 credits from the top-up bucket of Acme?");
    expect(dialog.textContent).toContain("Top-up 405 → 0; monthly unchanged");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove credits" }));
    expect(await screen.findByText("Removed 405 credits from the top-up bucket: 405 → 0.")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows the server's refusal in the confirm step when the bucket changed meanwhile", async () => {
    page([
      {
        request: { query: AdjustCreditsDocument, variables: { orgId: "org_acme", bucket: "MONTHLY", credits: -11000, reason: "ticket 9" } },
        result: apiError(
          "BAD_USER_INPUT",
          "credits: the monthly bucket holds 10,990 credits, so at most 10,990 can be removed, not 11,000; nothing was changed",
        ),
      },
    ]);
    const form = await fill({ bucket: "MONTHLY", direction: "REMOVE", amount: "11000", reason: "ticket 9" });
    fireEvent.click(within(form).getByRole("button", { name: "Review adjustment" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove credits?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove credits" }));
    expect(await within(dialog).findByText(/holds 10,990 credits, so at most 10,990 can be removed/)).toBeTruthy();
  });
});

describe("Support: recent adjustments", () => {
  it("lists adjustments with what they moved, reverses one after a confirm step and then shows it reversed", async () => {
    const grant = adjustment({ id: "41", credits: 500, before: 0, after: 500, reason: "Ticket 42" });
    const reversal = adjustment({ id: "44", credits: -500, before: 500, after: 0, reason: null, reversalOf: "41" });
    page(
      [
        {
          request: { query: ReverseCreditAdjustmentDocument, variables: { orgId: "org_acme", adjustmentId: "41" } },
          result: { data: { reverseCreditAdjustment: reversal } },
        },
        auditEntriesMock({ entries: [] }),
        adjustmentsMock([reversal, { ...grant, reversedBy: "44" }]),
        supportOrgMock(reviewPool),
      ],
      { ...adjustmentsMock([grant]), maxUsageCount: 1 } as ReturnType<typeof adjustmentsMock>,
    );
    const table = await screen.findByRole("table", { name: "Recent adjustments" });
    const row = within(table).getAllByRole("row")[1];
    expect(row.textContent).toContain("+500");
    expect(row.textContent).toContain("0 → 500");
    expect(row.textContent).toContain("staff@example.com: Ticket 42");
    fireEvent.click(within(row).getByRole("button", { name: "Reverse +500 top-up credits" }));
    const dialog = await screen.findByRole("dialog", { name: "Reverse this adjustment?" });
    expect(dialog.textContent).toContain("Take back 500 credits from the top-up bucket.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Reverse" }));
    expect(await screen.findByText("Reversed. Removed 500 credits from the top-up bucket: 500 → 0.")).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    const [, newest, original] = within(table).getAllByRole("row");
    expect(newest.textContent).toContain("Reversal");
    expect(original.textContent).toContain("reversed");
    expect(within(table).queryByRole("button", { name: /Reverse/ })).toBeNull();
  });
});

describe("adjustment rules", () => {
  const pool = { topUpRemaining: 405, monthlyRemaining: 11_000, reserved: 600 };
  it("previews the bucket it changes and leaves the other unchanged", () => {
    expect(previewLine({ bucket: "MONTHLY", direction: "ADD", amount: "1,000", reason: "" }, pool)).toBe(
      "Monthly 11,000 → 12,000; top-up unchanged",
    );
    expect(confirmQuestion({ bucket: "MONTHLY", direction: "ADD", amount: "1000", reason: "" }, "Acme")).toBe(
      "Add 1,000 credits to the monthly bucket of Acme?",
    );
  });
  it("keeps what open holds need, as the server does", () => {
    expect(adjustmentProblems({ bucket: "MONTHLY", direction: "REMOVE", amount: "11000", reason: "ticket" }, pool).amount).toBe(
      "The monthly bucket holds 11,000 credits (195 of them needed by open holds), so at most 10,805 can be removed.",
    );
    expect(adjustmentProblems({ bucket: "MONTHLY", direction: "REMOVE", amount: "10805", reason: "ticket" }, pool)).toEqual({});
  });
  it("refuses zero, decimals, signs, and a short reason", () => {
    const p = (amount: string, reason = "ticket 42") => adjustmentProblems({ bucket: "TOP_UP", direction: "ADD", amount, reason }, pool);
    expect(p("0").amount).toBeTruthy();
    expect(p("1.5").amount).toBeTruthy();
    expect(p("+5").amount).toBeTruthy();
    expect(p("5", "ab").reason).toMatch(/at least 3/);
    expect(p("5")).toEqual({});
  });
});
