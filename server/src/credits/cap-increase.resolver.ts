import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { OrgScope } from "../common/org-access";
import type { OrgEntity } from "../entities";
import type { CapIncreaseStatus } from "../entities/cap-increase-request.entity";
import { OrgFrom, type Rule, Scope } from "../graphql/auth-checker";
import { type GqlContext, userActor } from "../graphql/context";
import { toCapIncreaseRequest } from "../graphql/mappers";
import { CapIncreaseArgs, CapIncreaseRequestType, CapIncreaseStatusEnum } from "../graphql/types/corrections.type";
import { OrgType } from "../graphql/types/org.type";

/** Cap increase requests (contract addition "corrections"): members ask, OWNERs and ADMINs decide. */
@Resolver(() => OrgType)
export class CapIncreaseResolver {
  @Authorized<Rule>("MEMBER", "STAFF_READ")
  @FieldResolver(() => [CapIncreaseRequestType], { description: "OWNER and ADMIN see every request; a MEMBER their own." })
  async capIncreaseRequests(
    @Root() _org: OrgEntity,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
    @Arg("status", () => CapIncreaseStatusEnum, { nullable: true }) status: CapIncreaseStatus | null,
  ): Promise<CapIncreaseRequestType[]> {
    return (await ctx.services.capIncreases.list(scope, status ?? null)).map(toCapIncreaseRequest);
  }

  @Authorized<Rule>("MEMBER")
  @OrgFrom("orgId")
  @Mutation(() => CapIncreaseRequestType, {
    description: "A member asks for a higher limit on their own cap or on a Space's cap; OWNERs and ADMINs are told.",
  })
  async requestCapIncrease(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("capId", () => ID) capId: string,
    @Args() { monthlyLimit, reason }: CapIncreaseArgs,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
  ): Promise<CapIncreaseRequestType> {
    return toCapIncreaseRequest(await ctx.services.capIncreases.request(userActor(ctx), scope, capId, monthlyLimit, reason));
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => CapIncreaseRequestType, {
    description: "OWNER or ADMIN: approving sets the cap's limit to the requested one; the member is told either way.",
  })
  async decideCapIncrease(
    @Arg("orgId", () => ID) _orgId: string,
    @Arg("requestId", () => ID) requestId: string,
    @Arg("approve", () => Boolean) approve: boolean,
    @Scope() scope: OrgScope,
    @Ctx() ctx: GqlContext,
  ): Promise<CapIncreaseRequestType> {
    return toCapIncreaseRequest(await ctx.services.capIncreases.decide(userActor(ctx), scope, requestId, approve));
  }
}
