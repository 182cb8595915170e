import { ApiKeyEntity } from "./api-key.entity";
import { AuditEntryEntity } from "./audit-entry.entity";
import { InvitationEntity } from "./invitation.entity";
import { JobLeaseEntity } from "./job-lease.entity";
import { LoginAttemptEntity } from "./login-attempt.entity";
import { MailOutboxEntity } from "./mail-outbox.entity";
import { MembershipEntity } from "./membership.entity";
import { OrgEntity } from "./org.entity";
import { SessionEntity } from "./session.entity";
import { SpaceEntity } from "./space.entity";
import { UserEntity } from "./user.entity";

export {
  ApiKeyEntity,
  AuditEntryEntity,
  InvitationEntity,
  JobLeaseEntity,
  LoginAttemptEntity,
  MailOutboxEntity,
  MembershipEntity,
  OrgEntity,
  SessionEntity,
  SpaceEntity,
  UserEntity,
};

export const ENTITIES = [
  ApiKeyEntity,
  AuditEntryEntity,
  InvitationEntity,
  JobLeaseEntity,
  LoginAttemptEntity,
  MailOutboxEntity,
  MembershipEntity,
  OrgEntity,
  SessionEntity,
  SpaceEntity,
  UserEntity,
];
