import { canVoid, sourceWords, voidPreview } from "./void-preview";

const who = { member: "Bob Builder", space: "Research" };
const PERIOD_START = "2026-02-05T09:00:00.000Z";
const call = { credits: 15, fromTopUp: 12, fromMonthly: 3, occurredAt: "2026-02-10T10:00:00.000Z", voidedAt: null };

describe("voiding a call, previewed", () => {
  it("sends top-up credits back to top-up and this period's monthly credits back to monthly", () => {
    const preview = voidPreview(call, PERIOD_START, who);
    expect(preview.back).toBe("12 back to top-up; 3 back to monthly");
    expect(preview.gone).toBeNull();
    expect(preview.counters).toBe("Bob Builder's and Research's caps count 15 fewer this period.");
  });

  it("says a previous period's monthly credits are gone, and leaves this period's counters alone", () => {
    const preview = voidPreview({ ...call, occurredAt: "2026-02-01T10:00:00.000Z" }, PERIOD_START, who);
    expect(preview.back).toBe("12 back to top-up");
    expect(preview.gone).toBe(
      "3 monthly credits don't come back: the call was in an earlier period, and its monthly credits ended with it.",
    );
    expect(preview.counters).toMatch(/stay as they are/);
    const allMonthly = voidPreview({ ...call, fromTopUp: 0, fromMonthly: 15, occurredAt: "2026-01-20T00:00:00.000Z" }, PERIOD_START, who);
    expect(allMonthly.back).toBe("Nothing comes back");
  });

  it("sends a personal plan's call back to the member's own credits", () => {
    const preview = voidPreview({ ...call, fromTopUp: 0, fromMonthly: 0, credits: 40 }, null, who);
    expect(preview.back).toBe("40 back to Bob Builder's personal credits, if their month has not ended");
    expect(sourceWords({ credits: 40, fromTopUp: 0, fromMonthly: 0 })).toBe("40 personal");
    expect(sourceWords({ credits: 1_500, fromTopUp: 1_000, fromMonthly: 500 })).toBe("1,000 top-up · 500 monthly");
  });

  it("may void a call within 30 days, once", () => {
    const now = new Date("2026-03-12T10:00:00.000Z");
    expect(canVoid(call, now)).toBe(true);
    expect(canVoid({ ...call, occurredAt: "2026-02-10T09:59:00.000Z" }, now)).toBe(false);
    expect(canVoid({ ...call, voidedAt: "2026-02-11T00:00:00.000Z" }, new Date("2026-02-12T00:00:00.000Z"))).toBe(false);
  });
});
