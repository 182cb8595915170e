import type { Plan } from "@team-billing/shared";
import { type EntityManager, In, IsNull, MoreThan } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { ApiKeyEntity, AuditEntryEntity, InvitationEntity, MembershipEntity, OrgEntity, SubscriptionEntity, UserEntity } from "../entities";
import { badInput, conflict, notFound } from "../common/errors";
import { LIVE_STATUSES } from "../entities/subscription.entity";
import type { Actor, UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, person } from "../common/audit-words";
import { cleanName, isId } from "../common/validate";

/** The audit action that marks an org deleted (its row and history stay, for support and audit). */
export const ORG_DELETED = "org.deleted";

/** When the org was deleted, or null. Deletion is the `org.deleted` audit entry: history is never removed. */
export async function orgDeletedAt(em: EntityManager, orgId: string): Promise<Date | null> {
  const entry = await em.findOne(AuditEntryEntity, { where: { orgId, action: ORG_DELETED }, order: { id: "ASC" } });
  return entry?.at ?? null;
}

/** Orgs: creation, lookup, renaming, deletion, and what an org shows of its members. */
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
      const ownedRows = await em.findBy(MembershipEntity, { userId: actor.user.id, role: "OWNER", active: true });
      // A deleted org no longer counts against ORGS_PER_USER.
      const deleted = ownedRows.length
        ? await em.countBy(AuditEntryEntity, { orgId: In(ownedRows.map((m) => m.orgId)), action: ORG_DELETED })
        : 0;
      const owned = ownedRows.length - deleted;
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
      await this.audit.record(em, actor, {
        orgId: org.id,
        action: "org.created",
        summary: `${person(actor.user)} created the org "${orgName}" and owns it.`,
        after: { name: orgName, owner: actor.user.email },
      });
      return org;
    });
  }

  /** A deleted org answers NOT_FOUND to its members; support staff still read it (see `Org.deletedAt`). */
  async get(orgId: string, caller?: Actor): Promise<OrgEntity> {
    const org = isId(orgId) ? await this.db.manager.findOneBy(OrgEntity, { id: orgId }) : null;
    if (!org) throw notFound("Org");
    const staff = caller?.kind === "user" && caller.isStaff;
    if (caller && !staff && (await orgDeletedAt(this.db.manager, orgId))) throw notFound("Org");
    return org;
  }

  deletedAt(orgId: string): Promise<Date | null> {
    return orgDeletedAt(this.db.manager, orgId);
  }

  async rename(actor: UserActor, orgId: string, name: string): Promise<OrgEntity> {
    const orgName = cleanName("name", name);
    return this.db.transaction(async (em) => {
      const org = await em.findOneBy(OrgEntity, { id: orgId });
      if (!org || (await orgDeletedAt(em, orgId))) throw notFound("Org");
      if (org.name === orgName) return org;
      await em.update(OrgEntity, { id: orgId }, { name: orgName });
      await this.audit.record(em, actor, {
        orgId,
        action: "org.renamed",
        summary: `${actorWords(actor)} renamed the org "${org.name}" → "${orgName}".`,
        before: { name: org.name },
        after: { name: orgName },
      });
      return em.findOneByOrFail(OrgEntity, { id: orgId });
    });
  }

  /**
   * Deletes an org without a live subscription (a cancelled Team must have ended first). Its
   * rows and history stay for support and audit; members lose access (non-owner memberships
   * end, the org leaves everyone's list and answers NOT_FOUND), API keys and pending
   * invitations are revoked. Returns the revoked keys: the caller evicts them from the key
   * cache once this has committed (ApiKeyService.evict).
   */
  async delete(actor: UserActor, orgId: string): Promise<ApiKeyEntity[]> {
    return this.db.transaction(async (em) => {
      const org = await this.db.forUpdate(em.createQueryBuilder(OrgEntity, "o").where("o.id = :orgId", { orgId })).getOne();
      if (!org || (await orgDeletedAt(em, orgId))) throw notFound("Org");
      const live = await em.findOneBy(SubscriptionEntity, { accountType: "ORG", accountId: orgId, status: In(LIVE_STATUSES) });
      if (live) {
        throw conflict(
          live.cancelAtPeriodEnd
            ? `Team is cancelled but runs until ${live.currentPeriodEnd.toISOString().slice(0, 10)}; delete the org after that.`
            : "This org has a live subscription; cancel Team first (Billing → Cancel Team), then delete the org once it has ended.",
        );
      }
      const now = this.clock.now();
      const members = await em
        .createQueryBuilder(MembershipEntity, "m")
        .where("m.orgId = :orgId AND m.active = :active AND m.role <> 'OWNER'", { orgId, active: true })
        .getMany();
      if (members.length) await em.update(MembershipEntity, { id: In(members.map((m) => m.id)) }, { active: false, removedAt: now });
      const revoked = await em.findBy(ApiKeyEntity, { orgId, revokedAt: IsNull() });
      const keys = revoked.length;
      if (keys) await em.update(ApiKeyEntity, { id: In(revoked.map((k) => k.id)) }, { revokedAt: now });
      const pending = { orgId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) };
      const invitations = await em.countBy(InvitationEntity, pending);
      await em.update(InvitationEntity, pending, { revokedAt: now });
      await this.audit.record(em, actor, {
        orgId,
        action: ORG_DELETED,
        summary: `${actor.user.email} deleted the org "${org.name}": ${members.length} member(s) lost access, ${keys} API key(s) and ${invitations} pending invitation(s) were revoked.`,
        before: { name: org.name },
      });
      return revoked;
    });
  }

  async exists(orgId: string): Promise<boolean> {
    return isId(orgId) && (await this.db.manager.existsBy(OrgEntity, { id: orgId }));
  }

  /** The orgs a user is an active member of, oldest first. */
  async listForUser(userId: string): Promise<OrgEntity[]> {
    const memberships = await this.db.manager.findBy(MembershipEntity, { userId, active: true });
    if (memberships.length === 0) return [];
    const ids = memberships.map((m) => m.orgId);
    const deleted = await this.db.manager.find(AuditEntryEntity, {
      where: { orgId: In(ids), action: ORG_DELETED },
      select: { orgId: true },
    });
    const gone = new Set(deleted.map((d) => d.orgId));
    const visible = ids.filter((id) => !gone.has(id));
    if (visible.length === 0) return [];
    return this.db.manager.find(OrgEntity, { where: { id: In(visible) }, order: { createdAt: "ASC" } });
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
