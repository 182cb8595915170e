import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { CapService } from "../credits/cap.service";
import { CreditStore } from "../credits/credit-store";
import { MeteringService } from "../credits/metering.service";
import { PersonalService } from "../credits/personal.service";
import { PoolService } from "../credits/pool.service";
import { ReservationService } from "../credits/reservation.service";
import { MailService } from "../mail/mail.service";
import type { MailTransport } from "../mail/mail.transport";
import { ApiKeyService } from "./api-key.service";
import { AuditService } from "./audit.service";
import { AuthService } from "./auth.service";
import { InvitationService } from "./invitation.service";
import { MemberService } from "./member.service";
import { OrgService } from "./org.service";
import { SpaceService } from "./space.service";

/** The composition root: every service, wired once per app instance. */
export interface ServiceOptions {
  /** Coalesce concurrent usage calls of one org into shared transactions (default on). */
  coalesceUsage?: boolean;
}

export function createServices(
  db: Database,
  clock: Clock,
  config: Config,
  transport: MailTransport,
  log: (message: string) => void,
  options: ServiceOptions = {},
) {
  const audit = new AuditService(db, clock);
  const mail = new MailService(db, clock, transport, config.mailFrom, log);
  const members = new MemberService(db, clock, audit);
  const store = new CreditStore(db, config.catalog, mail);
  const pools = new PoolService(db, clock, config.catalog, store, audit);
  const personal = new PersonalService(db, clock, config.catalog, audit);
  return {
    config,
    clock,
    audit,
    mail,
    auth: new AuthService(db, clock, config),
    apiKeys: new ApiKeyService(db, clock, audit),
    orgs: new OrgService(db, clock, audit),
    members,
    pools,
    personal,
    metering: new MeteringService(db, clock, store, pools, personal, members, options.coalesceUsage ?? true),
    caps: new CapService(db, clock, pools, audit),
    reservations: new ReservationService(db, clock, store, pools, members),
    invitations: new InvitationService(db, clock, audit, mail, config.sessionSecret, config.publicUrl),
    spaces: new SpaceService(db, clock, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
