import type { Plan } from "../gql/graphql";

const LABELS: Record<Plan, string> = {
  FREE: "Free",
  STARTER: "Starter",
  PRO: "Pro",
  TEAM: "Team",
  ENTERPRISE: "Enterprise",
};

export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <span className={`plan-badge plan-badge--${plan.toLowerCase()}`}>
      {LABELS[plan]}
      <span className="visually-hidden"> plan</span>
    </span>
  );
}
