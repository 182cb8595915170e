import type { BillingInterval, Plan } from "@team-billing/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OrgEntity, SubscriptionEntity, UserEntity } from "../../entities";
import { OrgFrom, type Rule } from "../auth-checker";
import { type GqlContext, userActor } from "../context";
import { toEnterpriseRequest, toInvoice } from "../mappers";
import { UserType } from "../types/account.type";
import {
  CheckoutSessionType,
  EnterpriseRequestType,
  InvoicePreviewType,
  InvoiceType,
  PaymentMethodType,
  SubscriptionType,
  TaxIdInput,
} from "../types/billing.type";
import { BillingIntervalEnum, PlanEnum } from "../types/enums";
import { DevMailType } from "../types/dev-mail.type";
import { OrgType } from "../types/org.type";

/** Billing: checkouts, downgrades, billing details, the card, Enterprise, the dev clock; support search. */
@Resolver(() => OrgType)
export class BillingResolver {
  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => PaymentMethodType, {
    nullable: true,
    description: "OWNER, ADMIN and staff: the card that pays the invoices; null without one (or when Stripe does not answer).",
  })
  paymentMethod(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<PaymentMethodType | null> {
    return ctx.services.paymentMethods.current(org.id);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => InvoicePreviewType, {
    nullable: true,
    description:
      "The next invoice (Stripe's preview, never cached); null without a live subscription, when nothing more will be billed, or when Stripe does not answer.",
  })
  nextInvoice(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<InvoicePreviewType | null> {
    return ctx.services.invoicePreviews.next(org.id);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => CheckoutSessionType, {
    description:
      "OWNER: Stripe's hosted page to save a new card (Checkout in setup mode); it returns to Billing. BILLING_PLAN_REQUIRED without a live subscription.",
  })
  startPaymentMethodUpdate(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<CheckoutSessionType> {
    return ctx.services.paymentMethods.startUpdate(userActor(ctx), orgId);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, {
    description:
      "Called when Stripe's page returns: the saved card becomes the default (the webhook does the same; asking twice changes nothing). CONFLICT until the card is saved.",
  })
  async completePaymentMethodUpdate(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("sessionId", () => ID) sessionId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<OrgEntity> {
    await ctx.services.paymentMethods.complete(sessionId, { orgId, actor: userActor(ctx) });
    return ctx.services.orgs.get(orgId);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => CheckoutSessionType)
  startTeamCheckout(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("interval", () => BillingIntervalEnum) interval: BillingInterval,
    @Ctx() ctx: GqlContext,
  ): Promise<CheckoutSessionType> {
    return ctx.services.checkouts.startTeamCheckout(userActor(ctx), orgId, interval);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => CheckoutSessionType)
  startTopUpCheckout(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("credits", () => Int) credits: number,
    @Ctx() ctx: GqlContext,
  ): Promise<CheckoutSessionType> {
    return ctx.services.checkouts.startTopUpCheckout(userActor(ctx), orgId, credits);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => OrgType, { description: "Called by the checkout success page; the same sync the webhook runs." })
  completeCheckout(@Arg("sessionId", () => ID) sessionId: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.checkouts.completeForCaller(sessionId, ctx.access);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, { description: "Team → Pro at the end of the period; see Org.downgradePreview for what it takes." })
  scheduleDowngrade(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.downgrades.schedule(userActor(ctx), orgId);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, {
    description:
      "OWNER: leave Team at the period's end for the owner's personal plan (FREE when none); `subscription.pendingPlan` shows it; `cancelDowngrade` takes it back.",
  })
  scheduleCancellation(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.downgrades.scheduleCancellation(userActor(ctx), orgId);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType)
  cancelDowngrade(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<OrgEntity> {
    return ctx.services.downgrades.cancel(userActor(ctx), orgId);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => Boolean, { description: 'Enterprise "Get in touch": stored, and emailed to sales.' })
  async requestEnterpriseContact(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("message") message: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.enterprise.requestContact(userActor(ctx), orgId, message);
    return true;
  }

  @Authorized<Rule>("USER")
  @Mutation(() => CheckoutSessionType, { description: "A personal plan (STARTER or PRO) for the signed-in user, through Stripe checkout." })
  startPersonalCheckout(@Arg("plan", () => PlanEnum) plan: Plan, @Ctx() ctx: GqlContext): Promise<CheckoutSessionType> {
    return ctx.services.personalCheckouts.start(userActor(ctx), plan);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => UserType, { description: "Called by the personal checkout's success page; the webhook runs the same sync." })
  completePersonalCheckout(@Arg("sessionId", () => ID) sessionId: string, @Ctx() ctx: GqlContext): Promise<UserEntity> {
    return ctx.services.personalCheckouts.complete(userActor(ctx), sessionId);
  }

  @Authorized<Rule>("USER")
  @Mutation(() => SubscriptionType, { description: "Ends the signed-in user's personal plan at the end of the period paid for." })
  cancelPersonalPlan(@Ctx() ctx: GqlContext): Promise<SubscriptionEntity> {
    return ctx.services.personalCheckouts.cancel(userActor(ctx));
  }

  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, { description: "Support staff only; audited: puts the org on ENTERPRISE with these terms." })
  setEnterpriseTerms(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("monthlyCredits", () => Int) monthlyCredits: number,
    @Arg("sso") sso: boolean,
    @Arg("dpa") dpa: boolean,
    @Ctx() ctx: GqlContext,
  ): Promise<OrgEntity> {
    return ctx.services.enterprise.setTerms(userActor(ctx), orgId, monthlyCredits, sso, dpa);
  }

  @Authorized<Rule>("OWNER")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, {
    description:
      "Sets the billing email and tax ID on the Stripe customer; they appear on every later invoice. An empty email or tax ID value clears it.",
  })
  updateBillingDetails(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("billingEmail", () => String, { nullable: true }) billingEmail: string | null,
    @Arg("taxId", () => TaxIdInput, { nullable: true }) taxId: TaxIdInput | null,
    @Ctx() ctx: GqlContext,
  ): Promise<OrgEntity> {
    return ctx.services.billing.updateBillingDetails(userActor(ctx), orgId, billingEmail, taxId);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => [InvoiceType], { description: "Backfills the org's invoices from Stripe (newest first)." })
  async refreshInvoices(@Arg("orgId", () => ID) orgId: string, @Ctx() ctx: GqlContext): Promise<InvoiceType[]> {
    return (await ctx.services.billing.backfillInvoices(orgId)).map(toInvoice);
  }

  @Authorized<Rule>("USER")
  @Query(() => Boolean, { description: "Whether devAdvanceClock works on this server (DEV_TOOLS)." })
  devToolsEnabled(@Ctx() ctx: GqlContext): boolean {
    return ctx.services.config.devTools;
  }

  @Authorized<Rule>("USER")
  @Mutation(() => Date, {
    description:
      "Only when dev tools are on (the embedded default): moves the server's clock and the Stripe emulator's together and runs what falls due (renewals, refills, period ends, webhooks).",
  })
  devAdvanceClock(@Arg("days", () => Int) days: number, @Ctx() ctx: GqlContext): Promise<Date> {
    return ctx.services.billing.advanceDevClock(userActor(ctx), days);
  }

  @Query(() => [DevMailType], {
    description:
      "Dev tools only: the outgoing mail, newest first (`first` 1 to 100, default 50), so a trial needs no SMTP server. Support staff, or anyone when STAFF_EMAILS is empty.",
  })
  async devMailbox(@Arg("first", () => Int, { nullable: true }) first: number | null, @Ctx() ctx: GqlContext): Promise<DevMailType[]> {
    return ctx.services.billing.devMailbox(ctx.actor, first ?? null);
  }

  @Authorized<Rule>("STAFF")
  @Query(() => [EnterpriseRequestType], {
    description: "Support staff only: every org's Enterprise requests, newest first (`first` 1 to 100, default 50).",
  })
  async supportEnterpriseRequests(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: GqlContext,
  ): Promise<EnterpriseRequestType[]> {
    return (await ctx.services.enterprise.listAll(first ?? null)).map(toEnterpriseRequest);
  }

  @Authorized<Rule>("STAFF")
  @Query(() => [OrgType], { description: "Support staff only: orgs by name, id, member email or Stripe customer id (at most 50)." })
  supportSearchOrgs(@Arg("query") query: string, @Ctx() ctx: GqlContext): Promise<OrgEntity[]> {
    return ctx.services.support.searchOrgs(query);
  }
}
