import type { AuditEntryEntity } from "../entities";
import type { MemberView } from "../services/member.service";
import type { AuditEntryType, MemberType } from "./types/account.type";

/** Entity → GraphQL shapes where the two differ; elsewhere entities are returned as they are. */

export const toMember = ({ membership, user }: MemberView): MemberType => ({
  id: membership.id,
  orgId: membership.orgId,
  role: membership.role,
  joinedAt: membership.joinedAt,
  user,
});

export const toAuditEntry = (entry: AuditEntryEntity): AuditEntryType => ({
  id: String(entry.id),
  action: entry.action,
  actorEmail: entry.actorEmail,
  at: entry.at,
  details: JSON.stringify({
    before: entry.before === null ? null : JSON.parse(entry.before),
    after: entry.after === null ? null : JSON.parse(entry.after),
  }),
});
