import { domainEvent } from "../common/domain-events";
import type { AuditActorKind } from "../common/audit.service";
import type { CapIncreaseStatus } from "../entities/cap-increase-request.entity";
import type { CapScope } from "@team-billing/shared";

/** Who did it, as the audit log names them. */
export interface CorrectionActor {
  kind: AuditActorKind;
  userId: string | null;
  apiKeyId: string | null;
  /** "Ada Lovelace", `API key "gateway"`. */
  description: string;
}

/**
 * A recorded call was voided (`voidUsage`), in the transaction that returned its credits.
 * `returned` is what went back to each bucket: monthly (or personal) credits of a period
 * that has ended are not returned. The outbound webhooks (`usage.voided`) subscribe here.
 */
export const UsageVoided = domainEvent<{
  orgId: string;
  eventId: string;
  /** The membership charged, and its user. */
  memberId: string;
  memberUserId: string;
  spaceId: string;
  model: string;
  credits: number;
  returned: { topUp: number; monthly: number; personal: number };
  reason: string;
  voidedAt: Date;
  actor: CorrectionActor;
}>("UsageVoided");

/** What both cap increase events carry. */
export interface CapIncreasePayload {
  orgId: string;
  requestId: string;
  capId: string;
  scope: CapScope;
  /** The member or Space the cap limits. */
  targetId: string;
  /** The requesting membership, and its user. */
  memberId: string;
  memberUserId: string;
  currentLimit: number;
  requestedLimit: number;
  status: CapIncreaseStatus;
  decidedByUserId: string | null;
  at: Date;
}

/** A member asked for a higher cap (`cap_increase.requested`), in the request's transaction. */
export const CapIncreaseRequested = domainEvent<CapIncreasePayload>("CapIncreaseRequested");

/** An OWNER or ADMIN approved or denied a request (`cap_increase.decided`), in the decision's transaction. */
export const CapIncreaseDecided = domainEvent<CapIncreasePayload>("CapIncreaseDecided");
