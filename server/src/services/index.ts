import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Database } from "../db/database";
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
export function createServices(db: Database, clock: Clock, config: Config, transport: MailTransport, log: (message: string) => void) {
  const audit = new AuditService(db, clock);
  const mail = new MailService(db, clock, transport, config.mailFrom, log);
  return {
    config,
    clock,
    audit,
    mail,
    auth: new AuthService(db, clock, config),
    apiKeys: new ApiKeyService(db, clock, audit),
    orgs: new OrgService(db, clock, audit),
    members: new MemberService(db, clock, audit),
    invitations: new InvitationService(db, clock, audit, mail, config.sessionSecret, config.publicUrl),
    spaces: new SpaceService(db, clock, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
