import {
  billingOutcome,
  billingPath,
  isPublicPath,
  orgPath,
  safeNextPath,
  sameSectionPath,
  signInPath,
  signUpPath,
  supportOrgPath,
  supportPath,
  teamPath,
  teamSectionPath,
  usageCsvUrl,
  usagePath,
} from "./routes";

describe("routes", () => {
  it("builds org paths and sign-in links that come back to where you were", () => {
    expect(orgPath("org_1")).toBe("/orgs/org_1");
    expect(teamPath("org_1")).toBe("/orgs/org_1/team");
    expect(teamSectionPath("org_1", "webhooks")).toBe("/orgs/org_1/team#webhooks");
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

  it("builds usage, CSV and support paths", () => {
    expect(usagePath("org_1")).toBe("/orgs/org_1/usage");
    expect(usageCsvUrl("org_1", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z")).toBe(
      "/orgs/org_1/usage.csv?from=2026-11-01T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z",
    );
    expect(supportPath()).toBe("/support");
    expect(supportPath("acme co")).toBe("/support?q=acme+co");
    expect(supportOrgPath("org_1")).toBe("/support/orgs/org_1");
  });

  it("keeps the section when switching orgs", () => {
    expect(sameSectionPath("/orgs/o1/usage", "o2")).toBe("/orgs/o2/usage");
    expect(sameSectionPath("/orgs/o1/team", "o2")).toBe("/orgs/o2/team");
    expect(sameSectionPath("/orgs/o1/billing", "o2")).toBe("/orgs/o2/billing");
    expect(sameSectionPath("/orgs/o1", "o2")).toBe("/orgs/o2");
    expect(sameSectionPath("/", "o2")).toBe("/orgs/o2");
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
    // The mails' links and the way to them work signed out (a session ending there must not bounce to sign in).
    expect(isPublicPath("/verify-email/tok")).toBe(true);
    expect(isPublicPath("/forgot-password")).toBe(true);
    expect(isPublicPath("/reset-password/tok")).toBe(true);
    expect(isPublicPath("/dev/mail")).toBe(false);
    expect(isPublicPath("/")).toBe(false);
    expect(isPublicPath("/orgs/o1")).toBe(false);
    expect(isPublicPath("/orgs/o1/team")).toBe(false);
    expect(isPublicPath("/orgs/o1/billing")).toBe(false);
    expect(isPublicPath("/billing")).toBe(false);
  });
});
