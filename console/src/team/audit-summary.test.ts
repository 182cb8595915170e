import { auditActionLabel, auditSummary, describeAuditDetails } from "./audit-details";

// Issue 17 item 3 / finding 13: the log says what happened in words, names not ids.
describe("audit entries in words", () => {
  it("takes the server's sentence from the entry's summary field", () => {
    expect(auditSummary({ summary: "Ada Lovelace invited grace@example.com to join as an admin.", details: null })).toBe(
      "Ada Lovelace invited grace@example.com to join as an admin.",
    );
  });

  it("falls back to the sentence in an entry's details (written before the field existed)", () => {
    const details = JSON.stringify({
      before: { scope: "MEMBER", targetId: "01a237ca-52a7", monthlyLimit: 400 },
      after: { summary: "Mia Member (mia@acme.test)'s monthly cap set to 500 credits (was 400).", scope: "MEMBER", monthlyLimit: 500 },
    });
    expect(auditSummary({ summary: null, details })).toBe("Mia Member (mia@acme.test)'s monthly cap set to 500 credits (was 400).");
  });

  it("has no sentence for entries without one, or details that are not the documented JSON", () => {
    expect(auditSummary({ summary: null, details: null })).toBeNull();
    expect(auditSummary({ summary: " ", details: JSON.stringify({ before: null, after: { name: "Research" } }) })).toBeNull();
    expect(auditSummary({ details: "not json" })).toBeNull();
  });

  it("leaves the sentence out of the fields it sums up", () => {
    const details = JSON.stringify({ before: null, after: { summary: 'Ada created the Space "Lab".', name: "Lab" } });
    expect(describeAuditDetails(details)).toEqual([{ field: "name", kind: "added", before: null, after: "Lab" }]);
  });

  it("names every action the server writes, refills, forfeits, card and renames included", () => {
    expect(auditActionLabel("credits.refilled")).toBe("Monthly refill");
    expect(auditActionLabel("credits.forfeited")).toBe("Credits forfeited");
    expect(auditActionLabel("credits.adjustment_reversed")).toBe("Adjustment reversed");
    expect(auditActionLabel("payment_method.replaced")).toBe("Card replaced");
    expect(auditActionLabel("org.renamed")).toBe("Org renamed");
    expect(auditActionLabel("org.deleted")).toBe("Org deleted");
    expect(auditActionLabel("space.renamed")).toBe("Space renamed");
    expect(auditActionLabel("invitation.resent")).toBe("Invitation sent again");
    expect(auditActionLabel("api_key.revoked_with_creator")).toBe("API key revoked with its creator");
    expect(auditActionLabel("subscription.duplicate_refunded")).toBe("Duplicate subscription refunded");
  });
});
