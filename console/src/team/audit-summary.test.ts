import { auditActionLabel, auditSummary } from "./audit-details";

// Issue 17 item 3 / finding 13: the log says what happened in words, names not ids.
describe("audit entries in words", () => {
  it("reads the server's sentence from an entry's details", () => {
    const details = JSON.stringify({
      before: { scope: "MEMBER", targetId: "01a237ca-52a7", monthlyLimit: 400 },
      after: { summary: "Mia Member (mia@acme.test)'s monthly cap set to 500 credits (was 400).", scope: "MEMBER", monthlyLimit: 500 },
    });
    expect(auditSummary(details)).toBe("Mia Member (mia@acme.test)'s monthly cap set to 500 credits (was 400).");
  });
  it("has no sentence for entries without one, or details that are not the documented JSON", () => {
    expect(auditSummary(null)).toBeNull();
    expect(auditSummary(JSON.stringify({ before: null, after: { name: "Research" } }))).toBeNull();
    expect(auditSummary("not json")).toBeNull();
  });
  it("names refills, forfeits and reversals", () => {
    expect(auditActionLabel("credits.refilled")).toBe("Monthly refill");
    expect(auditActionLabel("credits.forfeited")).toBe("Credits forfeited");
    expect(auditActionLabel("credits.adjustment_reversed")).toBe("Adjustment reversed");
  });
});
