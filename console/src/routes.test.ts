import { billingOutcome, billingPath, isPublicPath, orgPath, safeNextPath, signInPath, signUpPath, teamPath } from "./routes";

describe("routes", () => {
  it("builds org paths and sign-in links that come back to where you were", () => {
    expect(orgPath("org_1")).toBe("/orgs/org_1");
    expect(teamPath("org_1")).toBe("/orgs/org_1/team");
    expect(signInPath("/orgs/org_1")).toBe("/signin?next=%2Forgs%2Forg_1");
    expect(signInPath("/")).toBe("/signin");
    expect(signUpPath("/invite/abc.def")).toBe("/signup?next=%2Finvite%2Fabc.def");
    expect(signUpPath(null)).toBe("/signup");
  });

  it("builds billing paths that carry what checkout just did", () => {
    expect(billingPath("org_1")).toBe("/orgs/org_1/billing");
    expect(billingPath("org_1", "upgraded")).toBe("/orgs/org_1/billing?upgraded=1");
    expect(billingPath("org_1", "topped-up")).toBe("/orgs/org_1/billing?topped-up=1");
    expect(billingPath("org_1", "cancelled")).toBe("/orgs/org_1/billing?checkout=cancelled");
    expect(billingPath("org_1", "paid")).toBe("/orgs/org_1/billing?checkout=paid");
    for (const outcome of ["upgraded", "topped-up", "paid", "cancelled"] as const) {
      expect(billingOutcome(new URL(billingPath("o", outcome), "http://x").searchParams)).toBe(outcome);
    }
    expect(billingOutcome(new URLSearchParams(""))).toBeNull();
  });

  it("only follows same-origin next paths", () => {
    expect(safeNextPath("/orgs/o1")).toBe("/orgs/o1");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });

  it("knows which pages are public", () => {
    expect(isPublicPath("/signin")).toBe(true);
    expect(isPublicPath("/signup")).toBe(true);
    expect(isPublicPath("/invite/abc.def")).toBe(true);
    expect(isPublicPath("/")).toBe(false);
    expect(isPublicPath("/orgs/o1")).toBe(false);
    expect(isPublicPath("/orgs/o1/team")).toBe(false);
    expect(isPublicPath("/orgs/o1/billing")).toBe(false);
    expect(isPublicPath("/billing")).toBe(false);
  });
});
