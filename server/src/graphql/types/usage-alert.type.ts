import type { Role } from "@team-billing/shared";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ALERT_SCOPES, type AlertScope } from "../../entities/usage-alert.entity";
import { RoleEnum } from "./enums";

export const AlertScopeEnum = Object.fromEntries(ALERT_SCOPES.map((v) => [v, v])) as { [K in AlertScope]: K };
registerEnumType(AlertScopeEnum, { name: "AlertScope" });

@ObjectType("UsageAlert")
export class UsageAlertType {
  @Field(() => ID) id: string;
  @Field(() => AlertScopeEnum) scope: AlertScope;
  @Field(() => ID, { nullable: true, description: "The member or Space; null for POOL." })
  targetId: string | null;
  @Field(() => Int, {
    description: "Fires when what is left falls below this share: of the pool's monthly allotment (POOL), of the cap (MEMBER, SPACE).",
  })
  thresholdPercent: number;
  @Field(() => [RoleEnum], { description: "Who is emailed: OWNER and/or ADMIN; MEMBER means the member themself (MEMBER alerts)." })
  notifyRoles: Role[];
  @Field({
    description: "True from the crossing until what is left rises above the threshold again (refill, top-up, grant, raised cap).",
  })
  triggered: boolean;
  @Field(() => Date, { nullable: true }) lastTriggeredAt: Date | null;
}
