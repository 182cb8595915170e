import { domainEvent } from "../common/domain-events";

/** A membership began or ended (in its transaction): billing syncs the seat count and a new seat's credits. */
export const SeatsChanged = domainEvent<{ orgId: string; added: boolean }>("SeatsChanged");
