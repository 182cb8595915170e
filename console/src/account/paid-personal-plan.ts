/** The personal plans a person pays for. */
export type PaidPersonalPlan = "STARTER" | "PRO";
