import { domainEvent } from "../common/domain-events";

/** A membership began or ended (in its transaction): billing syncs the seat count and a new seat's credits. */
export const SeatsChanged = domainEvent<{ orgId: string; added: boolean }>("SeatsChanged");

/** Someone accepted an invitation and is now a member (in its transaction). */
export const MemberJoined = domainEvent<{ orgId: string; memberId: string; userId: string; email: string; role: string }>("MemberJoined");

/** A member was removed or left (in its transaction). */
export const MemberRemoved = domainEvent<{ orgId: string; memberId: string; userId: string; email: string; role: string }>("MemberRemoved");
