import type { Plan } from "../gql/graphql";

export const PLAN_LABELS: Record<Plan, string> = {
  FREE: "Free",
  STARTER: "Starter",
  PRO: "Pro",
  TEAM: "Team",
  ENTERPRISE: "Enterprise",
};

export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <span className={`plan-badge plan-badge--${plan.toLowerCase()}`}>
      {PLAN_LABELS[plan]}
      <span className="visually-hidden"> plan</span>
    </span>
  );
}
