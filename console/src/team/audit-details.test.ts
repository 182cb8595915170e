import { auditActionLabel, describeAuditDetails } from "./audit-details";

const details = (before: unknown, after: unknown) => JSON.stringify({ before, after });

describe("audit details", () => {
  it("shows what changed from before to after, and what stayed for context", () => {
    expect(
      describeAuditDetails(details({ member: "grace@example.com", role: "MEMBER" }, { member: "grace@example.com", role: "ADMIN" })),
    ).toEqual([
      { field: "member", kind: "same", before: "grace@example.com", after: "grace@example.com" },
      { field: "role", kind: "changed", before: "MEMBER", after: "ADMIN" },
    ]);
  });

  it("reads a creation as added fields and a removal as removed ones", () => {
    expect(describeAuditDetails(details(null, { name: "CI", scopes: ["USAGE_READ", "USAGE_WRITE"] }))).toEqual([
      { field: "name", kind: "added", before: null, after: "CI" },
      { field: "scopes", kind: "added", before: null, after: "USAGE_READ, USAGE_WRITE" },
    ]);
    expect(describeAuditDetails(details({ email: "bob@example.com", role: "MEMBER" }, null))).toEqual([
      { field: "email", kind: "removed", before: "bob@example.com", after: null },
      { field: "role", kind: "removed", before: "MEMBER", after: null },
    ]);
  });

  it("puts camelCase keys in words", () => {
    const [, previousRole] = describeAuditDetails(details({ owner: "a@x.io" }, { owner: "b@x.io", previousOwnerRole: "ADMIN" })) ?? [];
    expect(previousRole).toEqual({ field: "previous owner role", kind: "added", before: null, after: "ADMIN" });
  });

  it("returns null for details it cannot read, and nothing for none", () => {
    expect(describeAuditDetails("not json")).toBeNull();
    expect(describeAuditDetails("[1,2]")).toBeNull();
    expect(describeAuditDetails(null)).toEqual([]);
  });

  it("names known actions and passes new ones through", () => {
    expect(auditActionLabel("member.role_changed")).toBe("Role changed");
    expect(auditActionLabel("cap.set")).toBe("Cap set");
    expect(auditActionLabel("invoice.paid")).toBe("invoice.paid");
  });
});
