import type { Plan } from "@team-billing/shared";
import { In } from "typeorm";
import type { Clock } from "../clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, UserEntity } from "../entities";
import { badInput, notFound } from "../errors";
import type { UserActor } from "./actor";
import type { AuditService } from "./audit.service";
import { cleanName, isId } from "./validate";

/** Orgs: creation, lookup, and what an org shows of its members. */
export class OrgService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly maxOwnedOrgs: number,
  ) {}

  async create(actor: UserActor, name: string): Promise<OrgEntity> {
    const orgName = cleanName("name", name);
    return this.db.transaction(async (em) => {
      const owned = await em.countBy(MembershipEntity, { userId: actor.user.id, role: "OWNER", active: true });
      if (owned >= this.maxOwnedOrgs) throw badInput("name", `you own ${owned} orgs, the most one account may (ORGS_PER_USER)`);
      const now = this.clock.now();
      const org = em.create(OrgEntity, {
        id: newId(),
        name: orgName,
        orgPlan: null,
        billingInterval: null,
        softAlertThresholdPercent: 20,
        membershipVersion: 1,
        createdAt: now,
      });
      await em.insert(OrgEntity, org);
      await em.insert(MembershipEntity, {
        id: newId(),
        orgId: org.id,
        userId: actor.user.id,
        role: "OWNER",
        ownerSlot: 1,
        active: true,
        joinedAt: now,
        removedAt: null,
        personalCreditsAllowed: true,
      });
      await this.audit.record(em, actor, { orgId: org.id, action: "org.created", after: { name: orgName, owner: actor.user.email } });
      return org;
    });
  }

  async get(orgId: string): Promise<OrgEntity> {
    const org = isId(orgId) ? await this.db.manager.findOneBy(OrgEntity, { id: orgId }) : null;
    if (!org) throw notFound("Org");
    return org;
  }

  async exists(orgId: string): Promise<boolean> {
    return isId(orgId) && (await this.db.manager.existsBy(OrgEntity, { id: orgId }));
  }

  /** The orgs a user is an active member of, oldest first. */
  async listForUser(userId: string): Promise<OrgEntity[]> {
    const memberships = await this.db.manager.findBy(MembershipEntity, { userId, active: true });
    if (memberships.length === 0) return [];
    return this.db.manager.find(OrgEntity, { where: { id: In(memberships.map((m) => m.orgId)) }, order: { createdAt: "ASC" } });
  }

  /** TEAM/ENTERPRISE when the org has its own plan, else its owner's personal plan. */
  async plan(org: OrgEntity): Promise<Plan> {
    if (org.orgPlan) return org.orgPlan;
    const owner = await this.owner(org.id);
    return owner.personalPlan;
  }

  async owner(orgId: string): Promise<UserEntity> {
    const row = await this.db.manager
      .createQueryBuilder(UserEntity, "u")
      .innerJoin(MembershipEntity, "m", "m.userId = u.id")
      .where("m.orgId = :orgId AND m.role = 'OWNER'", { orgId })
      .getOne();
    if (!row) throw new Error(`org ${orgId} has no owner`);
    return row;
  }

  /** Billable seats: active memberships, the owner included. */
  async seats(orgId: string): Promise<number> {
    return this.db.manager.countBy(MembershipEntity, { orgId, active: true });
  }
}
