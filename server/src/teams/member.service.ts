import type { Role } from "@team-billing/shared";
import type { EntityManager } from "typeorm";
import type { Clock } from "../common/clock";
import type { Database } from "../db/database";
import { MembershipEntity, OrgEntity, UserEntity } from "../entities";
import { badInput, conflict, forbidden, notFound } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { DomainEvents } from "../common/domain-events";
import { MemberRemoved, SeatsChanged } from "./team-events";
import type { ApiKeyService } from "../accounts/api-key.service";
import type { AuditService } from "../common/audit.service";
import { actorWords, person, roleWords } from "../common/audit-words";
import { isId } from "../common/validate";

export interface MemberView {
  membership: MembershipEntity;
  user: UserEntity;
}

/** Members of an org: listing, removal, roles, and ownership transfer. */
export class MemberService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /** The caller's active membership in an org, or null. */
  async membershipOf(orgId: string, userId: string): Promise<MembershipEntity | null> {
    if (!isId(orgId)) return null;
    return this.db.manager.findOneBy(MembershipEntity, { orgId, userId, active: true });
  }

  async list(orgId: string): Promise<MemberView[]> {
    const rows = await this.db.manager
      .createQueryBuilder(MembershipEntity, "m")
      .innerJoinAndMapOne("m.user", UserEntity, "u", "u.id = m.userId")
      .where("m.orgId = :orgId AND m.active = :active", { orgId, active: true })
      .orderBy("m.joinedAt", "ASC")
      .getMany();
    return rows.map((m) => ({ membership: m, user: (m as MembershipEntity & { user: UserEntity }).user }));
  }

  async remove(actor: UserActor, orgId: string, memberId: string): Promise<void> {
    const revoked = await this.db.transaction(async (em) => {
      const target = await this.activeMember(em, orgId, memberId);
      if (target.role === "OWNER") throw forbidden("The owner cannot be removed; transfer ownership first.");
      return this.deactivate(em, actor, target, "member.removed");
    });
    await this.apiKeys.evict(revoked);
  }

  /** The caller leaves the org: their seat ends as a removal's would. The OWNER transfers ownership first. */
  async leave(actor: UserActor, orgId: string): Promise<void> {
    const revoked = await this.db.transaction(async (em) => {
      const own = await em.findOneBy(MembershipEntity, { orgId, userId: actor.user.id, active: true });
      if (!own) throw notFound("Org");
      if (own.role === "OWNER") throw conflict("The owner cannot leave; transfer ownership to another member first.");
      return this.deactivate(em, actor, own, "member.left");
    });
    await this.apiKeys.evict(revoked);
  }

  /**
   * Ends a membership: no longer a seat (SeatsChanged: billing's seat sync writes its outbox row in this transaction), and
   * the API keys the member created are revoked with it; audited. Returns those keys.
   */
  private async deactivate(em: EntityManager, actor: UserActor, target: MembershipEntity, action: string) {
    await em.update(MembershipEntity, { id: target.id }, { active: false, removedAt: this.clock.now() });
    await this.events.emit(SeatsChanged, { orgId: target.orgId, added: false });
    const user = await em.findOneByOrFail(UserEntity, { id: target.userId });
    await this.events.emit(MemberRemoved, {
      orgId: target.orgId,
      memberId: target.id,
      userId: user.id,
      email: user.email,
      role: target.role,
    });
    await this.audit.record(em, actor, {
      orgId: target.orgId,
      action,
      summary:
        action === "member.left"
          ? `${person(user)} left the org (was ${roleWords(target.role)}).`
          : `${actorWords(actor)} removed ${person(user)} (was ${roleWords(target.role)}).`,
      before: { member: user.email, role: target.role },
      after: null,
    });
    return this.apiKeys.revokeCreatedBy(em, actor, target.orgId, target.userId);
  }

  /** The member's consent for this org's API keys to spend their personal credits. */
  async setPersonalCreditsAllowed(actor: UserActor, orgId: string, allowed: boolean): Promise<MemberView> {
    return this.db.transaction(async (em) => {
      const own = await em.findOneBy(MembershipEntity, { orgId, userId: actor.user.id, active: true });
      if (!own) throw notFound("Org");
      if (own.personalCreditsAllowed !== allowed) {
        await em.update(MembershipEntity, { id: own.id }, { personalCreditsAllowed: allowed });
        await this.audit.record(em, actor, {
          orgId,
          action: "member.personal_credits_allowed",
          summary: allowed
            ? `${person(actor.user)} let this org's API keys spend their personal credits.`
            : `${person(actor.user)} stopped this org's API keys from spending their personal credits.`,
          before: { member: actor.user.email, allowed: own.personalCreditsAllowed },
          after: { member: actor.user.email, allowed },
        });
        own.personalCreditsAllowed = allowed;
      }
      return { membership: own, user: actor.user };
    });
  }

  async changeRole(actor: UserActor, orgId: string, memberId: string, role: Role): Promise<MemberView> {
    if (role === "OWNER") throw badInput("role", "ownership moves only with transferOwnership");
    return this.db.transaction(async (em) => {
      const target = await this.activeMember(em, orgId, memberId);
      if (target.role === "OWNER") throw forbidden("The owner's role changes only by transferring ownership.");
      const user = await em.findOneByOrFail(UserEntity, { id: target.userId });
      if (target.role !== role) {
        await em.update(MembershipEntity, { id: target.id }, { role });
        await this.audit.record(em, actor, {
          orgId,
          action: "member.role_changed",
          summary: `${actorWords(actor)} changed ${person(user)} from ${roleWords(target.role)} to ${roleWords(role)}.`,
          before: { member: user.email, role: target.role },
          after: { member: user.email, role },
        });
        target.role = role;
      }
      return { membership: target, user };
    });
  }

  /**
   * Makes an active member the OWNER and the old owner an ADMIN. The org row is
   * locked first, so concurrent transfers run one after the other, and the caller's
   * ownership is checked again inside the transaction: only the first of two
   * transfers by the same owner can succeed.
   */
  async transferOwnership(actor: UserActor, orgId: string, memberId: string): Promise<OrgEntity> {
    return this.db.transaction(async (em) => {
      const org = await this.db.forUpdate(em.createQueryBuilder(OrgEntity, "o").where("o.id = :orgId", { orgId })).getOne();
      if (!org) throw notFound("Org");
      const current = await em.findOneBy(MembershipEntity, { orgId, userId: actor.user.id, active: true });
      if (current?.role !== "OWNER") throw forbidden("Only the owner can transfer ownership.");
      const target = await this.activeMember(em, orgId, memberId);
      if (target.id === current.id) throw conflict("You already own this org.");
      await em.update(MembershipEntity, { id: current.id }, { role: "ADMIN", ownerSlot: null });
      await em.update(MembershipEntity, { id: target.id }, { role: "OWNER", ownerSlot: 1 });
      const newOwner = await em.findOneByOrFail(UserEntity, { id: target.userId });
      await this.audit.record(em, actor, {
        orgId,
        action: "org.ownership_transferred",
        summary: `${person(actor.user)} transferred ownership to ${person(newOwner)} and is now an admin.`,
        before: { owner: actor.user.email },
        after: { owner: newOwner.email, previousOwnerRole: "ADMIN" },
      });
      return org;
    });
  }

  private async activeMember(em: EntityManager, orgId: string, memberId: string): Promise<MembershipEntity> {
    const member = isId(memberId) ? await em.findOneBy(MembershipEntity, { id: memberId, orgId, active: true }) : null;
    if (!member) throw notFound("Member");
    return member;
  }
}
