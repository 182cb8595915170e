import type { BillingInterval, CapScope, Plan } from "@team-billing/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { OrgEntity, UserEntity } from "../../entities";
import { MemberType, SpaceType, UserType } from "./account.type";
import { BillingIntervalEnum, CapScopeEnum, PlanEnum } from "./enums";
import { OrgType } from "./org.type";

@ObjectType("Pool")
export class PoolType {
  @Field(() => Int) monthlyAllotment: number;
  @Field(() => Int) monthlyRemaining: number;
  @Field(() => Int) topUpRemaining: number;
  @Field(() => Int) totalRemaining: number;
  @Field() periodStart: Date;
  @Field() periodEnd: Date;
  @Field(() => Int, { description: "Held by open reservations: counts against the pool until settled." }) reserved: number;
}

@ObjectType("Cap")
export class CapType {
  @Field(() => ID) id: string;
  @Field(() => CapScopeEnum) scope: CapScope;
  @Field(() => ID) targetId: string;
  @Field(() => Int) monthlyLimit: number;
  @Field(() => Int) usedThisPeriod: number;
}

@ObjectType("Subscription")
export class SubscriptionType {
  @Field() status: string;
  @Field(() => BillingIntervalEnum) interval: BillingInterval;
  @Field() currentPeriodEnd: Date;
  @Field() cancelAtPeriodEnd: boolean;
  @Field(() => PlanEnum, { nullable: true, description: "The plan the org moves to at currentPeriodEnd, when a change is scheduled." })
  pendingPlan: Plan | null;
}

@ObjectType("TaxId")
export class TaxIdType {
  @Field() type: string;
  @Field() value: string;
}

@InputType("TaxIdInput")
export class TaxIdInput {
  @Field() type: string;
  @Field() value: string;
}

@ObjectType("InvoiceLine")
export class InvoiceLineType {
  @Field() description: string;
  @Field(() => Int, { description: "Cents; negative for a credit (an unused-time proration)." }) amount: number;
  @Field(() => Int, { nullable: true }) quantity: number | null;
  @Field() proration: boolean;
  @Field(() => Date, { nullable: true }) periodStart: Date | null;
  @Field(() => Date, { nullable: true }) periodEnd: Date | null;
}

@ObjectType("Invoice")
export class InvoiceType {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) number: string | null;
  @Field() status: string;
  @Field() currency: string;
  @Field(() => Int) amountDue: number;
  @Field(() => Int) amountPaid: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "Before tax, after line-item amounts (cents). Null until an invoice mirrored before this field syncs again (refreshInvoices).",
  })
  subtotal: number | null;
  @Field(() => Int, { nullable: true, description: "Tax on the invoice (cents); 0 without tax. Null as for subtotal." })
  tax: number | null;
  @Field(() => Int, { nullable: true, description: "subtotal + tax (cents). Null as for subtotal." })
  total: number | null;
  @Field(() => String, { nullable: true, description: "The billing email printed on the invoice (copied at finalization)." })
  customerEmail: string | null;
  @Field(() => [TaxIdType], {
    nullable: true,
    description: "The tax IDs printed on the invoice (copied at finalization); null as for subtotal.",
  })
  customerTaxIds: TaxIdType[] | null;
  @Field(() => Date, { nullable: true }) periodStart: Date | null;
  @Field(() => Date, { nullable: true }) periodEnd: Date | null;
  @Field() createdAt: Date;
  @Field(() => String, { nullable: true }) hostedUrl: string | null;
  @Field(() => String, { nullable: true }) pdfUrl: string | null;
  @Field(() => [InvoiceLineType]) lines: InvoiceLineType[];
}

@ObjectType("PaymentMethod", { description: "The card that pays the org's invoices (Stripe holds it; we see brand and last four only)." })
export class PaymentMethodType {
  @Field({ description: 'The card network as Stripe names it: "visa", "mastercard", "amex", ...' }) brand: string;
  @Field() last4: string;
  @Field(() => Int) expMonth: number;
  @Field(() => Int) expYear: number;
}

@ObjectType("InvoicePreview", { description: "The next invoice of the live subscription, as Stripe previews it now." })
export class InvoicePreviewType {
  @Field(() => Int, { description: "Cents to be charged (after any customer credit balance)." }) amountDue: number;
  @Field(() => Int, { description: "Cents, before any customer credit balance." }) total: number;
  @Field() currency: string;
  @Field({ description: "When Stripe will bill it (the end of the current period)." }) date: Date;
  @Field(() => [InvoiceLineType], { description: "Pending prorations (seat changes) first, then the next period." })
  lines: InvoiceLineType[];
}

@ObjectType("DowngradePreview", { description: "What a downgrade to Pro will take at the period end, as of now." })
export class DowngradePreviewType {
  @Field() effectiveAt: Date;
  @Field(() => Int, { description: "Top-up credits forfeited (they would otherwise never expire)." }) topUpCreditsLost: number;
  @Field(() => Int, { description: "Monthly credits forfeited with the pool." }) monthlyCreditsLost: number;
  @Field(() => [MemberType], { description: "Members other than the OWNER: they lose access to the org's Spaces." })
  membersLosingAccess: MemberType[];
  @Field(() => [SpaceType]) spacesLosingAccess: SpaceType[];
}

@ObjectType("CheckoutSession")
export class CheckoutSessionType {
  @Field(() => ID) id: string;
  @Field() url: string;
}

@ObjectType("EnterpriseRequest", { description: 'An OWNER\'s Enterprise "Get in touch", as sales received it.' })
export class EnterpriseRequestType {
  @Field(() => ID) id: string;
  @Field() message: string;
  @Field() createdAt: Date;
  @Field(() => UserType) requestedBy: UserEntity;
  @Field(() => OrgType) org: OrgEntity;
}
