import { auditActionLabel, describeAuditDetails } from "./audit-details";

const details = (before: unknown, after: unknown) => JSON.stringify({ before, after });

describe("audit details", () => {
  it("shows what changed from before to after, and what stayed for context", () => {
    expect(
      describeAuditDetails(details({ member: "grace@example.com", role: "MEMBER" }, { member: "grace@example.com", role: "ADMIN" })),
    ).toEqual([
      { field: "member", kind: "same", before: "grace@example.com", after: "grace@example.com" },
      { field: "role", kind: "changed", before: "member", after: "admin" },
    ]);
  });

  it("reads a creation as added fields and a removal as removed ones", () => {
    expect(describeAuditDetails(details(null, { name: "CI", scopes: ["USAGE_READ", "USAGE_WRITE"] }))).toEqual([
      { field: "name", kind: "added", before: null, after: "CI" },
      { field: "scopes", kind: "added", before: null, after: "read usage, record usage" },
    ]);
    expect(describeAuditDetails(details({ email: "bob@example.com", role: "MEMBER" }, null))).toEqual([
      { field: "email", kind: "removed", before: "bob@example.com", after: null },
      { field: "role", kind: "removed", before: "member", after: null },
    ]);
  });

  it("puts camelCase keys in words", () => {
    const [, previousRole] = describeAuditDetails(details({ owner: "a@x.io" }, { owner: "b@x.io", previousOwnerRole: "ADMIN" })) ?? [];
    expect(previousRole).toEqual({ field: "previous owner role", kind: "added", before: null, after: "admin" });
  });

  // Finding 13: raw ISO timestamps, enum casing and JSON objects showed through.
  it("shows dates, plans, intervals and tax IDs in words, never ISO timestamps or JSON", () => {
    expect(describeAuditDetails(details(null, { plan: "PRO", effectiveAt: "2027-01-02T17:26:37.000Z" }))).toEqual([
      { field: "plan", kind: "added", before: null, after: "Pro" },
      { field: "effective at", kind: "added", before: null, after: "Jan 2, 2027" },
    ]);
    expect(describeAuditDetails(details({ plan: "personal" }, { plan: "TEAM", interval: "MONTHLY", monthlyAllotment: 12000 }))).toEqual([
      { field: "plan", kind: "changed", before: "owner's personal plan", after: "Team" },
      { field: "interval", kind: "added", before: null, after: "monthly" },
      { field: "monthly allotment", kind: "added", before: null, after: "12,000" },
    ]);
    expect(describeAuditDetails(details({ taxIds: [] }, { taxIds: [{ type: "eu_vat", value: "DE123456789" }], sso: true }))).toEqual([
      { field: "tax ids", kind: "changed", before: "none", after: "eu_vat DE123456789" },
      { field: "sso", kind: "added", before: null, after: "yes" },
    ]);
    expect(describeAuditDetails(details(null, { limits: { perDay: 5 } }))?.[0].after).toBe("per day: 5");
  });

  it("returns null for details it cannot read, and nothing for none", () => {
    expect(describeAuditDetails("not json")).toBeNull();
    expect(describeAuditDetails("[1,2]")).toBeNull();
    expect(describeAuditDetails(null)).toEqual([]);
  });

  it("names known actions and puts new ones in words", () => {
    expect(auditActionLabel("member.role_changed")).toBe("Role changed");
    expect(auditActionLabel("cap.set")).toBe("Cap set");
    // A new action, from its name.
    expect(auditActionLabel("invoice.paid")).toBe("Invoice paid");
  });
});
