import type { BillingInterval, CapScope } from "@team-billing/shared";
import { Arg, Authorized, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { notImplemented } from "../../errors";
import type { Rule } from "../auth-checker";
import { CapType, CheckoutSessionType, PoolType, TaxIdInput } from "../types/billing.type";
import { BillingIntervalEnum, CapScopeEnum } from "../types/enums";
import { OrgType } from "../types/org.type";
import { RecordUsageInput, UsageResultType } from "../types/usage.type";

/**
 * Contract operations that later releases build (credits engine, Stripe billing,
 * support). Their authorization is already the real one, so the role matrix
 * holds today; past it they answer NOT_IMPLEMENTED and change nothing.
 */
@Resolver()
export class BillingResolver {
  @Authorized<Rule>("OWNER")
  @Mutation(() => CheckoutSessionType)
  startTeamCheckout(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("interval", () => BillingIntervalEnum) _interval: BillingInterval,
  ): CheckoutSessionType {
    throw notImplemented("Upgrading to Team");
  }

  @Authorized<Rule>("OWNER")
  @Mutation(() => CheckoutSessionType)
  startTopUpCheckout(@Arg("orgId", () => ID) _orgId: string, @Arg("credits", () => Int) _credits: number): CheckoutSessionType {
    throw notImplemented("Top-ups");
  }

  @Authorized<Rule>("USER")
  @Mutation(() => OrgType, { description: "Called by the checkout success page; the same sync the webhook runs." })
  completeCheckout(@Arg("sessionId", () => ID) _sessionId: string): OrgType {
    throw notImplemented("Checkout");
  }

  @Authorized<Rule>("OWNER")
  @Mutation(() => OrgType)
  scheduleDowngrade(@Arg("orgId", () => ID) _orgId: string): OrgType {
    throw notImplemented("Downgrading");
  }

  @Authorized<Rule>("OWNER")
  @Mutation(() => OrgType)
  cancelDowngrade(@Arg("orgId", () => ID) _orgId: string): OrgType {
    throw notImplemented("Downgrading");
  }

  @Authorized<Rule>("OWNER")
  @Mutation(() => OrgType)
  updateBillingDetails(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("billingEmail", () => String, { nullable: true }) _billingEmail: string | null,
    @Arg("taxId", () => TaxIdInput, { nullable: true }) _taxId: TaxIdInput | null,
  ): OrgType {
    throw notImplemented("Billing details");
  }

  @Authorized<Rule>("ADMIN")
  @Mutation(() => CapType)
  setCap(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("scope", () => CapScopeEnum) _scope: CapScope,
    @Arg("targetId", () => ID) _targetId: string,
    @Arg("monthlyLimit", () => Int) _monthlyLimit: number,
  ): CapType {
    throw notImplemented("Caps");
  }

  @Authorized<Rule>("ADMIN")
  @Mutation(() => Boolean)
  removeCap(@Arg("orgId", () => ID) _orgId: string, @Arg("capId", () => ID) _capId: string): boolean {
    throw notImplemented("Caps");
  }

  @Authorized<Rule>("ADMIN")
  @Mutation(() => OrgType)
  setSoftAlertThreshold(@Arg("orgId", () => ID) _orgId: string, @Arg("percent", () => Int) _percent: number): OrgType {
    throw notImplemented("The soft alert");
  }

  @Authorized<Rule>("MEMBER", "SCOPE:USAGE_WRITE")
  @Mutation(() => UsageResultType)
  recordUsage(@Arg("input", () => RecordUsageInput) _input: RecordUsageInput): UsageResultType {
    throw notImplemented("Metering");
  }

  @Authorized<Rule>("STAFF")
  @Mutation(() => PoolType, { description: "Support staff only; audited." })
  grantCredits(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("credits", () => Int) _credits: number,
    @Arg("reason") _reason: string,
  ): PoolType {
    throw notImplemented("Credit grants");
  }

  @Authorized<Rule>("USER")
  @Mutation(() => Date, {
    description:
      "Only when dev tools are on (the embedded default): moves the server's clock and the Stripe emulator's together and runs what falls due (renewals, refills, period ends, webhooks).",
  })
  devAdvanceClock(@Arg("days", () => Int) _days: number): Date {
    throw notImplemented("The dev clock");
  }

  @Authorized<Rule>("STAFF")
  @Query(() => [OrgType], { description: "Support staff only." })
  supportSearchOrgs(@Arg("query") _query: string): OrgType[] {
    throw notImplemented("Support search");
  }
}
