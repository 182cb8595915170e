/** Values shared by the server, the console and the Stripe emulator. */

export const PLANS = ["FREE", "STARTER", "PRO", "TEAM", "ENTERPRISE"] as const;
export type Plan = (typeof PLANS)[number];

/** Plans whose credits live on the org's one pool. */
export const POOLED_PLANS: readonly Plan[] = ["TEAM", "ENTERPRISE"];
/** Paid plans whose credits live on the user. */
export const PERSONAL_PAID_PLANS: readonly Plan[] = ["STARTER", "PRO"];

export const BILLING_INTERVALS = ["MONTHLY", "YEARLY"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;
export type Role = (typeof ROLES)[number];

/** Higher ranks include the powers of lower ones. */
export const ROLE_RANK: Record<Role, number> = { OWNER: 3, ADMIN: 2, MEMBER: 1 };

export const CAP_SCOPES = ["MEMBER", "SPACE"] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

export const API_KEY_SCOPES = ["USAGE_READ", "USAGE_WRITE", "BILLING_READ"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
