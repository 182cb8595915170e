import type { Role } from "@team-billing/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { OrgEntity } from "../entities";
import type { AlertScope } from "../entities/usage-alert.entity";
import { OrgFrom, type Rule } from "../graphql/auth-checker";
import type { GqlContext } from "../graphql/context";
import { RoleEnum } from "../graphql/types/enums";
import { OrgType } from "../graphql/types/org.type";
import { AlertScopeEnum, UsageAlertType } from "../graphql/types/usage-alert.type";

/** Usage alerts on the pool, a member's cap and a Space's cap (contract addition "events", alerts only). */
@Resolver(() => OrgType)
export class UsageAlertResolver {
  @Authorized<Rule>("ADMIN", "STAFF_READ")
  @FieldResolver(() => [UsageAlertType], {
    description: "OWNER and ADMIN: the soft alert (POOL, for OWNERs) first, then the org's alerts.",
  })
  usageAlerts(@Root() org: OrgEntity, @Ctx() ctx: GqlContext): Promise<UsageAlertType[]> {
    return ctx.services.usageAlerts.list(org.id);
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => UsageAlertType)
  createUsageAlert(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("scope", () => AlertScopeEnum) scope: AlertScope,
    @Arg("targetId", () => ID, { nullable: true }) targetId: string | null,
    @Arg("thresholdPercent", () => Int) thresholdPercent: number,
    @Arg("notifyRoles", () => [RoleEnum]) notifyRoles: Role[],
    @Ctx() ctx: GqlContext,
  ): Promise<UsageAlertType> {
    return ctx.services.usageAlerts.create(ctx.actor, orgId, { scope, targetId: targetId ?? null, thresholdPercent, notifyRoles });
  }

  @Authorized<Rule>("ADMIN")
  @OrgFrom("orgId")
  @Mutation(() => Boolean)
  async deleteUsageAlert(
    @Arg("orgId", () => ID) orgId: string,
    @Arg("alertId", () => ID) alertId: string,
    @Ctx() ctx: GqlContext,
  ): Promise<boolean> {
    await ctx.services.usageAlerts.delete(ctx.actor, orgId, alertId);
    return true;
  }
}
