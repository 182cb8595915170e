import { limitChangeWords, parseRequestedLimit, reasonProblem, requestNote } from "./cap-request-words";

describe("cap increase requests in words", () => {
  it("asks for whole credits above the current limit", () => {
    expect(parseRequestedLimit("1,500", 500)).toEqual({ limit: 1_500 });
    expect(parseRequestedLimit("500", 500)).toEqual({ problem: "Ask for more than the current 500 credits." });
    expect(parseRequestedLimit("1.5k", 500)).toEqual({ problem: "Enter a whole number of credits, 0 or more." });
  });

  it("wants a reason of 3 to 500 characters", () => {
    expect(reasonProblem("  ")).toBe("Say why in a few words (at least 3 characters).");
    expect(reasonProblem("ok")).not.toBeNull();
    expect(reasonProblem("Evals this week")).toBeNull();
    expect(reasonProblem("x".repeat(501))).toBe("Keep it under 500 characters.");
  });

  it("says what changes and who decided", () => {
    expect(limitChangeWords({ currentLimit: 500, requestedLimit: 1_500 })).toBe("500 → 1,500 credits");
    expect(requestNote({ status: "PENDING", decidedBy: null })).toBe("waiting for an owner or admin");
    expect(requestNote({ status: "APPROVED", decidedBy: { id: "mem_ada", user: { id: "u", name: "Ada Lovelace" } } })).toBe(
      "by Ada Lovelace",
    );
    expect(requestNote({ status: "DENIED", decidedBy: null })).toBe("");
  });
});
