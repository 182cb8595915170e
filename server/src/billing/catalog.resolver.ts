import type { Catalog } from "@team-billing/shared";
import { Ctx, Query, Resolver } from "type-graphql";
import type { GqlContext } from "../graphql/context";
import { CatalogType } from "../graphql/types/catalog.type";

/** The catalog is public (it is the pricing page): anyone may read it, signed in or not. */
@Resolver()
export class CatalogResolver {
  @Query(() => CatalogType, { description: "Plans, prices, credits and top-up rules as this server sells them." })
  catalog(@Ctx() ctx: GqlContext): CatalogType {
    return toCatalog(ctx.services.config.catalog);
  }
}

export function toCatalog(catalog: Catalog): CatalogType {
  return {
    currency: catalog.currency,
    personalPlans: (["STARTER", "PRO"] as const).map((plan) => ({ plan, ...catalog.personal[plan] })),
    team: {
      baseMonthlyCredits: catalog.team.baseMonthlyCredits,
      creditsPerSeat: catalog.team.creditsPerSeat,
      prices: (["MONTHLY", "YEARLY"] as const).map((interval) => ({ interval, ...catalog.team.prices[interval] })),
    },
    topUp: { ...catalog.topUp },
    enterpriseDefaultMonthlyCredits: catalog.enterprise.defaultMonthlyCredits,
  };
}
