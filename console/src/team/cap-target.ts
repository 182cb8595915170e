import type { CapItemFragment, Plan, PoolFieldsFragment, SpaceItemFragment, TeamMemberFragment } from "../gql/graphql";
import type { CapTarget } from "./cap-row.component";

export interface CapsOrg {
  id: string;
  name: string;
  plan: Plan;
  softAlertThresholdPercent: number;
  pool?: PoolFieldsFragment | null;
  caps: readonly CapItemFragment[];
  members: readonly TeamMemberFragment[];
  spaces: readonly SpaceItemFragment[];
}

/** What a cap applies to, in words; a member who left or a Space that went keeps a cap row until it is removed. */
export function capTarget(cap: Pick<CapItemFragment, "scope" | "targetId">, org: CapsOrg, myUserId: string | undefined): CapTarget {
  if (cap.scope === "MEMBER") {
    const member = org.members.find((m) => m.id === cap.targetId);
    const name = member ? member.user.name : "A former member";
    return { kind: "Member", name, isMe: member?.user.id === myUserId };
  }
  return { kind: "Space", name: org.spaces.find((s) => s.id === cap.targetId)?.name ?? "A removed Space", isMe: false };
}
