import { API_KEY_SCOPES, BILLING_INTERVALS, CAP_SCOPES, PLANS, ROLES } from "@team-billing/shared";
import { registerEnumType } from "type-graphql";

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

/** The contract's enums, built from the shared package's value lists. */
export const PlanEnum = enumOf(PLANS);
export const BillingIntervalEnum = enumOf(BILLING_INTERVALS);
export const RoleEnum = enumOf(ROLES);
export const CapScopeEnum = enumOf(CAP_SCOPES);
export const ApiKeyScopeEnum = enumOf(API_KEY_SCOPES);

export const AuditActorKindEnum = enumOf(["USER", "API_KEY", "SYSTEM"] as const);

registerEnumType(PlanEnum, { name: "Plan" });
registerEnumType(BillingIntervalEnum, { name: "BillingInterval" });
registerEnumType(RoleEnum, { name: "Role" });
registerEnumType(CapScopeEnum, { name: "CapScope" });
registerEnumType(ApiKeyScopeEnum, { name: "ApiKeyScope" });
registerEnumType(AuditActorKindEnum, { name: "AuditActorKind" });
