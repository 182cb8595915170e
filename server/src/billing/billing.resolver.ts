import type { BillingInterval } from "@team-billing/shared";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { EnterpriseContactArgs, EnterpriseTermsArgs } from "../graphql/types/args.type";
import type { OrgEntity } from "../entities";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { toEnterpriseRequest, toInvoice, toMember } from "../graphql/mappers";
import {
  CheckoutSessionType,
  DowngradePreviewType,
  EnterpriseRequestType,
  InvoicePreviewType,
  InvoiceType,
  PaymentMethodType,
  SubscriptionType,
  TaxIdType,
  TaxIdInput,
} from "../graphql/types/billing.type";
import { BillingIntervalEnum } from "../graphql/types/enums";
import { OrgType } from "../graphql/types/org.type";

/** An org's billing: its subscription, checkouts, downgrades, invoices, billing details, the card, Enterprise. */
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
    @Args() { message }: EnterpriseContactArgs,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.enterprise.requestContact(userActor(ctx), orgId, message);
    return true;
  }

  @Authorized<Rule>("STAFF")
  @OrgFrom("orgId")
  @Mutation(() => OrgType, { description: "Support staff only; audited: puts the org on ENTERPRISE with these terms." })
  setEnterpriseTerms(
    @Arg("orgId", () => ID) orgId: string,
    @Args() { monthlyCredits }: EnterpriseTermsArgs,
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

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [EnterpriseRequestType], { description: 'The OWNER\'s Enterprise "Get in touch" requests, newest first.' })
  async enterpriseRequests(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<EnterpriseRequestType[]> {
    return (await ctx.services.enterprise.listForOrg(org.id)).map(toEnterpriseRequest);
  }

  @Authorized<Rule>("MEMBER", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => SubscriptionType, { nullable: true })
  subscription(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<SubscriptionType | null> {
    return ctx.services.subscriptions.currentFor(org.id);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => [InvoiceType], { description: "Mirrored from Stripe, newest first." })
  async invoices(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<InvoiceType[]> {
    return (await ctx.services.billing.listInvoices(org.id)).map(toInvoice);
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => DowngradePreviewType, { nullable: true, description: "Null unless the org is on a live Team subscription." })
  async downgradePreview(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<DowngradePreviewType | null> {
    const preview = await ctx.services.downgrades.preview(org.id);
    return preview && { ...preview, membersLosingAccess: preview.membersLosingAccess.map(toMember) };
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => String, { nullable: true })
  billingEmail(@Root() org: OrgEntity): string | null {
    return org.billingEmail;
  }

  @Authorized<Rule>("ADMIN", "STAFF_READ", "SCOPE:BILLING_READ")
  @FieldResolver(() => [TaxIdType])
  taxIds(@Root() org: OrgEntity): TaxIdType[] {
    return org.taxIds ?? [];
  }
}
