import { boundary, periodContaining } from "./periods";

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (t: number) => new Date(t * 1000).toISOString();

describe("boundary", () => {
  it("steps monthly from a Jan 31 anchor to Feb 28, Mar 31, Apr 30 (computed from the anchor)", () => {
    const anchor = at("2025-01-31T10:00:00Z");
    const steps = [1, 2, 3, 4].map((n) => iso(boundary(anchor, "month", 1, n)));
    expect(steps).toEqual(["2025-02-28T10:00:00.000Z", "2025-03-31T10:00:00.000Z", "2025-04-30T10:00:00.000Z", "2025-05-31T10:00:00.000Z"]);
  });

  it("lands on Feb 29 in a leap year", () => {
    expect(iso(boundary(at("2024-01-31T00:00:00Z"), "month", 1, 1))).toBe("2024-02-29T00:00:00.000Z");
  });

  it("steps yearly from Feb 29 to Feb 28, and back to Feb 29 four years on", () => {
    const anchor = at("2024-02-29T12:00:00Z");
    expect(iso(boundary(anchor, "year", 1, 1))).toBe("2025-02-28T12:00:00.000Z");
    expect(iso(boundary(anchor, "year", 1, 4))).toBe("2028-02-29T12:00:00.000Z");
  });

  it("crosses year ends and supports interval counts", () => {
    expect(iso(boundary(at("2025-11-30T00:00:00Z"), "month", 1, 3))).toBe("2026-02-28T00:00:00.000Z");
    expect(iso(boundary(at("2025-01-15T00:00:00Z"), "month", 3, 1))).toBe("2025-04-15T00:00:00.000Z");
  });
});

describe("periodContaining", () => {
  const anchor = at("2025-01-31T10:00:00Z");

  it("finds the clamped period around a time", () => {
    const p = periodContaining(anchor, "month", 1, at("2025-03-01T00:00:00Z"));
    expect([iso(p.start), iso(p.end)]).toEqual(["2025-02-28T10:00:00.000Z", "2025-03-31T10:00:00.000Z"]);
  });

  it("treats a boundary as the start of the next period", () => {
    const p = periodContaining(anchor, "month", 1, at("2025-02-28T10:00:00Z"));
    expect(iso(p.start)).toBe("2025-02-28T10:00:00.000Z");
  });

  it("works many periods out", () => {
    const p = periodContaining(anchor, "month", 1, at("2030-06-15T00:00:00Z"));
    expect([iso(p.start), iso(p.end)]).toEqual(["2030-05-31T10:00:00.000Z", "2030-06-30T10:00:00.000Z"]);
  });
});
