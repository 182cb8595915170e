import type { BillingInterval, Plan } from "@team-billing/shared";
import { Field, Int, ObjectType } from "type-graphql";
import { BillingIntervalEnum, PlanEnum } from "./enums";

@ObjectType("PersonalPlanPrice", { description: "STARTER or PRO: a price per month and the credits it refills each month." })
export class PersonalPlanPriceType {
  @Field(() => PlanEnum) plan: Plan;
  @Field(() => Int) monthlyPriceCents: number;
  @Field(() => Int) monthlyCredits: number;
}

@ObjectType("TeamPrice", { description: "Team's price for one billing interval; YEARLY amounts are billed once a year." })
export class TeamPriceType {
  @Field(() => BillingIntervalEnum) interval: BillingInterval;
  @Field(() => Int) baseCents: number;
  @Field(() => Int) seatCents: number;
}

@ObjectType("TeamCatalog")
export class TeamCatalogType {
  @Field(() => Int, { description: "Credits per month for the org, before seats." }) baseMonthlyCredits: number;
  @Field(() => Int, { description: "Credits per month each active member adds." }) creditsPerSeat: number;
  @Field(() => [TeamPriceType]) prices: TeamPriceType[];
}

@ObjectType("TopUpCatalog", { description: "Top-ups: from minCredits to maxCredits in steps of stepCredits, centsPerStep each." })
export class TopUpCatalogType {
  @Field(() => Int) minCredits: number;
  @Field(() => Int) maxCredits: number;
  @Field(() => Int) stepCredits: number;
  @Field(() => Int) centsPerStep: number;
}

@ObjectType("Catalog", {
  description: "What this deployment sells and at what price (CATALOG_JSON overrides included). Money in integer cents.",
})
export class CatalogType {
  @Field({ description: 'ISO currency code, lower-case ("usd").' }) currency: string;
  @Field(() => [PersonalPlanPriceType]) personalPlans: PersonalPlanPriceType[];
  @Field(() => TeamCatalogType) team: TeamCatalogType;
  @Field(() => TopUpCatalogType) topUp: TopUpCatalogType;
  @Field(() => Int, { description: "The allotment Enterprise terms start from unless support sets another." })
  enterpriseDefaultMonthlyCredits: number;
}
