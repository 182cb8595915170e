import type { Clock } from "../common/clock";
import type { Config } from "../config";
import type { PoolService } from "../credits/pool.service";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { EnterpriseRequestEntity, OrgEntity, UserEntity } from "../entities";
import type { MailService } from "../mail/mail.service";
import type { UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, credits, person, planWords } from "../common/audit-words";
import { byId, pageSize } from "../common/paging";

export const ENTERPRISE_MAX_CREDITS = 1_000_000_000;

export interface EnterpriseRequestView {
  request: EnterpriseRequestEntity;
  requestedBy: UserEntity;
  org: OrgEntity;
}

/** Enterprise has no self-serve checkout: owners get in touch, support sets the terms. */
export class EnterpriseService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly pools: PoolService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** Stores the request and, when SALES_EMAIL is set, emails it to sales (through the outbox). */
  async requestContact(actor: UserActor, orgId: string, message: string): Promise<EnterpriseRequestEntity> {
    const text = message.trim(); // 1 to 2,000 characters (EnterpriseContactArgs)
    return this.db.transaction(async (em) => {
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      const request = em.create(EnterpriseRequestEntity, {
        id: newId(),
        orgId,
        userId: actor.user.id,
        message: text,
        createdAt: this.clock.now(),
      });
      await em.insert(EnterpriseRequestEntity, request);
      if (this.config.salesEmail) {
        await this.mail.enqueue(em, {
          kind: "enterprise_request",
          to: this.config.salesEmail,
          subject: `Enterprise enquiry from ${org.name}`,
          text: [`${actor.user.name} <${actor.user.email}> asks about Enterprise for ${org.name} (org ${org.id}):`, "", text].join("\n"),
        });
      }
      await this.audit.record(em, actor, {
        orgId,
        action: "enterprise.contact_requested",
        summary: `${person(actor.user)} asked sales about Enterprise: "${text.length > 200 ? `${text.slice(0, 200)}…` : text}"`,
        after: { message: text },
      });
      return request;
    });
  }

  /** An org's requests, newest first, with who asked (OWNER, ADMIN and staff read them). */
  async listForOrg(orgId: string): Promise<EnterpriseRequestView[]> {
    return this.withRequesters(
      await this.db.manager.find(EnterpriseRequestEntity, { where: { orgId }, order: { createdAt: "DESC", id: "DESC" }, take: 100 }),
    );
  }

  /** Every org's requests, newest first: the support staff's queue. */
  async listAll(limit: number | null): Promise<EnterpriseRequestView[]> {
    return this.withRequesters(
      await this.db.manager.find(EnterpriseRequestEntity, { order: { createdAt: "DESC", id: "DESC" }, take: pageSize(limit, 50) }),
    );
  }

  private async withRequesters(requests: EnterpriseRequestEntity[]): Promise<EnterpriseRequestView[]> {
    const users = await byId(
      this.db.manager,
      UserEntity,
      requests.map((r) => r.userId),
    );
    const orgs = await byId(
      this.db.manager,
      OrgEntity,
      requests.map((r) => r.orgId),
    );
    return requests.map((request) => ({
      request,
      requestedBy: users.get(request.userId) as UserEntity,
      org: orgs.get(request.orgId) as OrgEntity,
    }));
  }

  /** Support puts an org on ENTERPRISE with these terms (audited with the staff email); no checkout. */
  async setTerms(actor: UserActor, orgId: string, monthlyCredits: number, sso: boolean, dpa: boolean): Promise<OrgEntity> {
    return this.db.transaction(async (em) => {
      const before = await em.findOneByOrFail(OrgEntity, { id: orgId });
      await this.pools.activatePlan(actor, orgId, { plan: "ENTERPRISE", monthlyCredits, reference: "enterprise-terms" });
      await em.update(OrgEntity, { id: orgId }, { ssoEnabled: sso, dpaSigned: dpa });
      await this.audit.record(em, actor, {
        orgId,
        action: "enterprise.terms_set",
        summary: `${actorWords(actor)} put the org on Enterprise (was ${planWords(before.orgPlan ?? "personal")}): ${credits(monthlyCredits)} credits a month, SSO ${sso ? "on" : "off"}, DPA ${dpa ? "signed" : "not signed"}.`,
        before: { plan: before.orgPlan ?? "personal", sso: before.ssoEnabled, dpa: before.dpaSigned },
        after: { plan: "ENTERPRISE", monthlyCredits, sso, dpa },
      });
      return em.findOneByOrFail(OrgEntity, { id: orgId });
    });
  }
}
