import { Args, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { OrgSearchArgs, PageArgs } from "../graphql/types/args.type";
import type { OrgEntity } from "../entities";
import type { Rule } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";
import { toEnterpriseRequest } from "../graphql/mappers";
import { EnterpriseRequestType } from "../graphql/types/billing.type";
import { OrgType } from "../graphql/types/org.type";

/** Support staff's queries across orgs: search, and every org's Enterprise requests. */
@Resolver()
export class SupportResolver {
  @Authorized<Rule>("STAFF")
  @Query(() => [EnterpriseRequestType], {
    description: "Support staff only: every org's Enterprise requests, newest first (`first` 1 to 100, default 50).",
  })
  async supportEnterpriseRequests(@Args() { first }: PageArgs, @Ctx() ctx: GqlContext): Promise<EnterpriseRequestType[]> {
    return (await ctx.services.enterprise.listAll(first ?? null)).map(toEnterpriseRequest);
  }

  @Authorized<Rule>("STAFF")
  @Query(() => [OrgType], { description: "Support staff only: orgs by name, id, member email or Stripe customer id (at most 50)." })
  supportSearchOrgs(@Args() { query }: OrgSearchArgs, @Ctx() ctx: GqlContext): Promise<OrgEntity[]> {
    return ctx.services.support.searchOrgs(query);
  }
}
