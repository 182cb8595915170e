import { createHmac, timingSafeEqual } from "node:crypto";
import type { Role } from "@team-billing/shared";
import { type EntityManager, IsNull, MoreThan } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { InvitationEntity, MembershipEntity, OrgEntity, UserEntity } from "../entities";
import { AppError, badInput, conflict, forbidden, notFound } from "../common/errors";
import type { MailService } from "../mail/mail.service";
import type { UserActor } from "../common/actor";
import type { DomainEvents } from "../common/domain-events";
import { MemberJoined, SeatsChanged } from "./team-events";
import type { AuditService } from "../common/audit.service";
import { actorWords, onDay, person, roleWords } from "../common/audit-words";
import { cleanEmail, isId } from "../common/validate";

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/**
 * Invitations. The accept token is `<id>.<HMAC(secret, id)>`: derived, never
 * stored, so the link can be shown again to owners and admins.
 */
export class InvitationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly secret: string,
    private readonly publicUrl: string,
    private readonly events: DomainEvents,
    private readonly perOrgPerDay: number,
  ) {}

  acceptUrl(invitation: InvitationEntity): string {
    return `${this.publicUrl}/invite/${this.token(invitation.id)}`;
  }

  /** Pending (not used, not revoked, not expired) invitations, newest first. */
  async listPending(orgId: string): Promise<InvitationEntity[]> {
    return this.db.manager.find(InvitationEntity, {
      where: { orgId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { createdAt: "DESC" },
    });
  }

  /** What a link offers, for the page that accepts it. Null for a link that is not ours. */
  async preview(token: string): Promise<{
    orgName: string;
    inviterName: string;
    email: string;
    role: Role;
    expiresAt: Date;
    status: "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";
  } | null> {
    const id = this.verifyToken(token);
    const invitation = id ? await this.db.manager.findOneBy(InvitationEntity, { id }) : null;
    if (!invitation) return null;
    const org = await this.db.manager.findOneByOrFail(OrgEntity, { id: invitation.orgId });
    const inviter = await this.db.manager.findOneBy(UserEntity, { id: invitation.invitedByUserId });
    const status = invitation.acceptedAt
      ? "ACCEPTED"
      : invitation.revokedAt
        ? "REVOKED"
        : invitation.expiresAt <= this.clock.now()
          ? "EXPIRED"
          : "PENDING";
    return {
      orgName: org.name,
      inviterName: inviter?.name ?? "",
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      status,
    };
  }

  async invite(actor: UserActor, orgId: string, email: string, role: Role): Promise<InvitationEntity> {
    const address = cleanEmail("email", email);
    if (role === "OWNER") throw badInput("role", "invite as ADMIN or MEMBER; ownership moves only by transfer");
    return this.db.transaction(async (em) => {
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      const existing = await em
        .createQueryBuilder(MembershipEntity, "m")
        .innerJoin(UserEntity, "u", "u.id = m.userId")
        .where("m.orgId = :orgId AND m.active = :active AND u.email = :address", { orgId, active: true, address })
        .getExists();
      if (existing) throw conflict(`${address} is already a member of this org.`);
      const now = this.clock.now();
      const pending = await em.existsBy(InvitationEntity, {
        orgId,
        email: address,
        acceptedAt: IsNull(),
        revokedAt: IsNull(),
        expiresAt: MoreThan(now),
      });
      if (pending) throw conflict(`${address} already has a pending invitation; use Resend to mail it again.`);
      await this.withinDailyQuota(em, orgId, now, "email");
      const invitation = await this.issue(em, actor, org, address, role, now, false);
      await this.audit.record(em, actor, {
        orgId,
        action: "invitation.created",
        summary: `${actorWords(actor)} invited ${address} to join as ${roleWords(role)}.`,
        after: { email: address, role },
      });
      return invitation;
    });
  }

  async revoke(actor: UserActor, orgId: string, invitationId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const invitation = isId(invitationId) ? await em.findOneBy(InvitationEntity, { id: invitationId, orgId }) : null;
      if (!invitation) throw notFound("Invitation");
      if (invitation.acceptedAt) throw conflict("This invitation was already accepted; remove the member instead.");
      if (invitation.revokedAt) throw conflict("This invitation was already revoked.");
      await em.update(InvitationEntity, { id: invitation.id }, { revokedAt: this.clock.now() });
      await this.audit.record(em, actor, {
        orgId,
        action: "invitation.revoked",
        summary: `${actorWords(actor)} revoked the invitation for ${invitation.email} (${roleWords(invitation.role)}).`,
        before: { email: invitation.email, role: invitation.role },
        after: null,
      });
    });
  }

  /**
   * Mails a pending invitation again with a fresh link: a new invitation (new id, so a new
   * token, and a new 7-day expiry) replaces the old one, which is revoked, so the old link
   * stops working. It counts against the invitations-per-day quota like any invitation.
   */
  async resend(actor: UserActor, orgId: string, invitationId: string): Promise<InvitationEntity> {
    return this.db.transaction(async (em) => {
      const old = isId(invitationId)
        ? await this.db
            .forUpdate(
              em.createQueryBuilder(InvitationEntity, "i").where("i.id = :invitationId AND i.orgId = :orgId", { invitationId, orgId }),
            )
            .getOne()
        : null;
      if (!old) throw notFound("Invitation");
      if (old.acceptedAt) throw conflict("This invitation was already accepted.");
      if (old.revokedAt) throw conflict("This invitation was revoked; invite again instead.");
      const now = this.clock.now();
      await this.withinDailyQuota(em, orgId, now, "invitationId");
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      await em.update(InvitationEntity, { id: old.id }, { revokedAt: now });
      const invitation = await this.issue(em, actor, org, old.email, old.role, now, true);
      await this.audit.record(em, actor, {
        orgId,
        action: "invitation.resent",
        summary: `${actorWords(actor)} sent the invitation for ${old.email} again; the new link works until ${onDay(invitation.expiresAt)}, the old one no longer works.`,
        before: { email: old.email, expiresAt: old.expiresAt.toISOString() },
        after: { email: old.email, role: old.role, expiresAt: invitation.expiresAt.toISOString() },
      });
      return invitation;
    });
  }

  /** A quota, so that an org cannot be used to mail strangers in bulk (a resend counts too). */
  private async withinDailyQuota(em: EntityManager, orgId: string, now: Date, field: string): Promise<void> {
    const today = await em.countBy(InvitationEntity, { orgId, createdAt: MoreThan(new Date(now.getTime() - 24 * 3600_000)) });
    if (today >= this.perOrgPerDay) {
      throw badInput(field, `this org has sent ${this.perOrgPerDay} invitations in the last 24 hours, the most it may; try again tomorrow`);
    }
  }

  /** A new invitation (a new id, so a new link, valid 7 days) and its mail. */
  private async issue(
    em: EntityManager,
    actor: UserActor,
    org: OrgEntity,
    email: string,
    role: Role,
    now: Date,
    again: boolean,
  ): Promise<InvitationEntity> {
    const invitation = em.create(InvitationEntity, {
      id: newId(),
      orgId: org.id,
      email,
      role,
      invitedByUserId: actor.user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      acceptedAt: null,
      acceptedByUserId: null,
      revokedAt: null,
    });
    await em.insert(InvitationEntity, invitation);
    await this.mail.enqueue(em, {
      kind: "invitation",
      to: email,
      subject: `${actor.user.name} invited you to ${org.name} on Team Billing${again ? " (sent again)" : ""}`,
      text: [
        `${actor.user.name} (${actor.user.email}) invited you to join ${org.name} as ${role.toLowerCase()}.`,
        "",
        `Accept the invitation: ${this.acceptUrl(invitation)}`,
        "",
        `The link works for 7 days, for an account with the email ${email}.${again ? " Any earlier link no longer works." : ""}`,
      ].join("\n"),
    });
    return invitation;
  }

  async accept(actor: UserActor, token: string): Promise<MembershipEntity> {
    const invitationId = this.verifyToken(token);
    if (!invitationId) throw notFound("Invitation");
    if (!actor.user.emailVerifiedAt) {
      throw new AppError("FORBIDDEN", `Verify your email address first: open the link we mailed to ${actor.user.email}, then accept.`, {
        reason: "EMAIL_NOT_VERIFIED",
      });
    }
    return this.db.transaction(async (em) => {
      const invitation = await this.db
        .forUpdate(em.createQueryBuilder(InvitationEntity, "i").where("i.id = :invitationId", { invitationId }))
        .getOne();
      if (!invitation) throw notFound("Invitation");
      if (invitation.revokedAt) throw conflict("This invitation was revoked.");
      if (invitation.acceptedAt) throw conflict("This invitation was already used.");
      if (invitation.expiresAt <= this.clock.now()) throw conflict("This invitation has expired; ask for a new one.");
      if (invitation.email !== actor.user.email) {
        throw forbidden(`This invitation is for ${invitation.email}; sign in with that address to accept it.`);
      }
      const now = this.clock.now();
      let membership = await em.findOneBy(MembershipEntity, { orgId: invitation.orgId, userId: actor.user.id });
      if (membership?.active) throw conflict("You are already a member of this org.");
      if (membership) {
        // A member who comes back gives their consent to personal spending afresh.
        const rejoined = { active: true, role: invitation.role, joinedAt: now, removedAt: null, personalCreditsAllowed: false };
        await em.update(MembershipEntity, { id: membership.id }, rejoined);
        Object.assign(membership, rejoined);
      } else {
        membership = em.create(MembershipEntity, {
          id: newId(),
          orgId: invitation.orgId,
          userId: actor.user.id,
          role: invitation.role,
          ownerSlot: null,
          active: true,
          joinedAt: now,
          removedAt: null,
          personalCreditsAllowed: false,
        });
        await em.insert(MembershipEntity, membership);
      }
      await em.update(InvitationEntity, { id: invitation.id }, { acceptedAt: now, acceptedByUserId: actor.user.id });
      await this.events.emit(SeatsChanged, { orgId: invitation.orgId, added: true });
      const joined = {
        orgId: invitation.orgId,
        memberId: membership.id,
        userId: actor.user.id,
        email: actor.user.email,
        role: invitation.role,
      };
      await this.events.emit(MemberJoined, joined);
      await this.audit.record(em, actor, {
        orgId: invitation.orgId,
        action: "member.joined",
        summary: `${person(actor.user)} accepted the invitation and joined as ${roleWords(invitation.role)}.`,
        after: { member: actor.user.email, role: invitation.role },
      });
      return membership;
    });
  }

  private token(invitationId: string): string {
    return `${invitationId}.${this.signature(invitationId)}`;
  }

  private signature(invitationId: string): string {
    return createHmac("sha256", this.secret).update(`invitation:${invitationId}`).digest("base64url");
  }

  private verifyToken(token: string): string | null {
    const [id, signature] = token.trim().split(".");
    if (!id || !signature || !isId(id)) return null;
    const expected = Buffer.from(this.signature(id));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }
}
