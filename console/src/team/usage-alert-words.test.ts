import { bobMember, research } from "../test/team.fixtures";
import {
  alertCredits,
  alertLevelWords,
  alertScopeWords,
  alertSubjectWords,
  isSoftAlert,
  recipientsWords,
  rolesFor,
} from "./usage-alert-words";

const org = {
  members: [bobMember],
  spaces: [research],
  pool: { monthlyAllotment: 11_000 } as never,
  caps: [{ id: "cap_r", scope: "SPACE" as const, targetId: research.id, monthlyLimit: 1_000, usedThisPeriod: 0 }],
};

describe("usage alerts in words", () => {
  it("names what an alert watches, a target that went included", () => {
    expect(alertScopeWords({ scope: "POOL", targetId: null }, org)).toBe("Pool");
    expect(alertScopeWords({ scope: "MEMBER", targetId: bobMember.id }, org)).toBe("Member: Bob Builder");
    expect(alertScopeWords({ scope: "SPACE", targetId: research.id }, org)).toBe("Space: Research");
    expect(alertScopeWords({ scope: "MEMBER", targetId: "mem_gone" }, org)).toBe("Member: a former member");
    expect(alertSubjectWords({ scope: "SPACE", targetId: research.id }, org)).toBe("the Space Research's cap");
    expect(alertSubjectWords({ scope: "MEMBER", targetId: bobMember.id }, org)).toBe("Bob Builder's cap");
    expect(alertSubjectWords({ scope: "POOL", targetId: null }, org)).toBe("the pool");
  });

  it("says who is emailed, in the roles' order", () => {
    expect(recipientsWords(["OWNER"])).toBe("The owner");
    expect(recipientsWords(["ADMIN", "OWNER"])).toBe("The owner and admins");
    expect(recipientsWords(["MEMBER", "ADMIN", "OWNER"])).toBe("The owner, admins and the member");
    expect(recipientsWords([])).toBe("Nobody");
  });

  it("puts the line in credits: of the monthly allotment, of the cap, or says there is no cap", () => {
    expect(alertCredits(11_000, 20)).toBe(2_200);
    expect(alertCredits(999, 33)).toBe(329);
    expect(alertLevelWords({ scope: "POOL", targetId: null, thresholdPercent: 20 }, org)).toBe("2,200 of 11,000 monthly credits left");
    expect(alertLevelWords({ scope: "SPACE", targetId: research.id, thresholdPercent: 10 }, org)).toBe("100 of the 1,000-credit cap left");
    expect(alertLevelWords({ scope: "MEMBER", targetId: bobMember.id, thresholdPercent: 10 }, org)).toBe("no cap set: quiet until one is");
  });

  it("offers the member themself as a recipient on a member's cap only, and knows the soft alert", () => {
    expect(rolesFor("MEMBER")).toEqual(["OWNER", "ADMIN", "MEMBER"]);
    expect(rolesFor("POOL")).toEqual(["OWNER", "ADMIN"]);
    expect(rolesFor("SPACE")).toEqual(["OWNER", "ADMIN"]);
    expect(isSoftAlert({ id: "soft-alert" })).toBe(true);
    expect(isSoftAlert({ id: "01a2" })).toBe(false);
  });
});
