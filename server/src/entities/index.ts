import { CapEntity } from "./cap.entity";
import { LedgerEntryEntity } from "./ledger-entry.entity";
import { PeriodUsageEntity } from "./period-usage.entity";
import { PersonalBalanceEntity } from "./personal-balance.entity";
import { PoolEntity } from "./pool.entity";
import { ReservationEntity } from "./reservation.entity";
import { UsageEventEntity } from "./usage-event.entity";
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
  CapEntity,
  LedgerEntryEntity,
  PeriodUsageEntity,
  PersonalBalanceEntity,
  PoolEntity,
  ReservationEntity,
  UsageEventEntity,
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
  CapEntity,
  LedgerEntryEntity,
  PeriodUsageEntity,
  PersonalBalanceEntity,
  PoolEntity,
  ReservationEntity,
  UsageEventEntity,
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
