import type { CapScope } from "@team-billing/shared";
import type { EntityManager } from "typeorm";
import { In } from "typeorm";
import type { UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import { actorWords, credits as n, onDay, person } from "../common/audit-words";
import type { Clock } from "../common/clock";
import type { DomainEvents } from "../common/domain-events";
import { AppError, badInput, conflict, forbidden, notFound } from "../common/errors";
import type { OrgScope } from "../common/org-access";
import { isId } from "../common/validate";
import { newId } from "../db/columns";
import { type Database, isUniqueViolation } from "../db/database";
import { CapEntity, CapIncreaseRequestEntity, MembershipEntity, OrgEntity, SpaceEntity, UserEntity } from "../entities";
import type { CapIncreaseStatus } from "../entities/cap-increase-request.entity";
import type { MailService } from "../mail/mail.service";
import { capDecidedMail, capRequestedMail } from "./cap-increase.mail";
import type { CapService } from "./cap.service";
import { CapIncreaseDecided, type CapIncreasePayload, CapIncreaseRequested } from "./corrections-events";
import type { PoolService } from "./pool.service";
import type { MemberView } from "../teams/member.service";

/** A request as the API shows it: with who asked and who decided. */
export interface CapIncreaseView {
  request: CapIncreaseRequestEntity;
  requestedBy: MemberView;
  decidedBy: MemberView | null;
}

const LIST_LIMIT = 200;

/**
 * Cap increase requests: a member asks for a higher limit on their own cap, or on the
 * cap of a Space they can use (one pending request per cap and member); OWNERs and
 * ADMINs are emailed; one of them approves (the cap is set through CapService, audited
 * like setCap, and calls it stopped go through at once) or denies; the member is
 * emailed either way. Everything audited; CapIncreaseRequested / CapIncreaseDecided are
 * emitted in the transactions (the webhooks subscribe).
 */
export class CapIncreaseService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly caps: CapService,
    private readonly pools: PoolService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    /** Where the console is, for the links in the mails. */
    private readonly publicUrl: string,
  ) {}

  /** The caller (an active member: `scope`) asks for `monthlyLimit` on the cap `capId`. */
  async request(actor: UserActor, scope: OrgScope, capId: string, monthlyLimit: number, reason: string): Promise<CapIncreaseView> {
    const why = reason.trim(); // 3 to 500 characters, the limit 1 to MAX_CAP (CapIncreaseArgs)
    const { orgId } = scope;
    const memberId = scope.memberId;
    if (!memberId) throw forbidden("Only members of the org can ask for a higher cap.");
    try {
      return await this.db.transaction(async (em) => {
        const cap = isId(capId) ? await em.findOneBy(CapEntity, { id: capId, orgId }) : null;
        if (!cap) throw notFound("Cap");
        const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
        if (cap.scope === "MEMBER" && cap.targetId !== memberId)
          throw forbidden("You can ask for a higher limit on your own cap or on a Space's cap only.");
        if (cap.scope === "SPACE" && org.spacesOwnerOnly && scope.role !== "OWNER")
          throw forbidden("This org's Spaces are open to its owner only, so only the owner can ask for more on a Space's cap.");
        if (!(await this.pools.view(orgId)))
          throw new AppError("BILLING_PLAN_REQUIRED", "Caps limit spending from a Team or Enterprise pool; this org has none.");
        if (monthlyLimit <= cap.monthlyLimit)
          throw badInput("monthlyLimit", `must be above the cap's current limit of ${n(cap.monthlyLimit)} credits`);
        const pending = await em.findOneBy(CapIncreaseRequestEntity, { capId: cap.id, memberId, status: "PENDING" });
        if (pending) throw alreadyPending(pending);
        const now = this.clock.now();
        const request = Object.assign(new CapIncreaseRequestEntity(), {
          id: newId(),
          orgId,
          capId: cap.id,
          scope: cap.scope,
          targetId: cap.targetId,
          memberId,
          currentLimit: cap.monthlyLimit,
          requestedLimit: monthlyLimit,
          reason: why,
          status: "PENDING" as const,
          pendingSlot: 1 as const,
          decidedByMemberId: null,
          decidedAt: null,
          createdAt: now,
        });
        await em.insert(CapIncreaseRequestEntity, request);
        const requester = { membership: await em.findOneByOrFail(MembershipEntity, { id: memberId }), user: actor.user };
        const capOf = await this.capOf(em, cap, "their own");
        const used = (await this.caps.list(orgId)).find((c) => c.id === cap.id)?.usedThisPeriod ?? 0;
        const mail = capRequestedMail({
          orgName: org.name,
          requesterName: actor.user.name || actor.user.email,
          requester: person(actor.user),
          capOf,
          currentLimit: cap.monthlyLimit,
          requestedLimit: monthlyLimit,
          usedThisPeriod: used,
          reason: why,
          url: this.link(orgId),
        });
        for (const user of await this.deciders(em, orgId, actor.user.id)) {
          await this.mail.enqueue(em, {
            kind: "cap_increase_requested",
            dedupeKey: `cap-increase:${request.id}:${user.id}`,
            to: user.email,
            ...mail,
          });
        }
        await this.audit.record(em, actor, {
          orgId,
          action: "cap_increase.requested",
          summary: `${person(actor.user)} asked to raise ${capOf} monthly cap from ${n(cap.monthlyLimit)} to ${n(monthlyLimit)} credits: "${clip(why)}"`,
          after: {
            requestId: request.id,
            capId: cap.id,
            scope: cap.scope,
            targetId: cap.targetId,
            currentLimit: cap.monthlyLimit,
            requestedLimit: monthlyLimit,
            reason: why,
          },
        });
        await this.events.emit(CapIncreaseRequested, payload(request, requester.user.id, null));
        return { request, requestedBy: requester, decidedBy: null };
      });
    } catch (error) {
      // Two requests at once: the database's one pending slot per cap and member lets one in.
      if (isUniqueViolation(error)) throw conflict("You already have a request waiting on this cap; an owner or admin will decide it.");
      throw error;
    }
  }

  /** An OWNER or ADMIN (`scope`) approves or denies a pending request. */
  async decide(actor: UserActor, scope: OrgScope, requestId: string, approve: boolean): Promise<CapIncreaseView> {
    const { orgId } = scope;
    return this.db.transaction(async (em) => {
      const request = isId(requestId) ? await em.findOneBy(CapIncreaseRequestEntity, { id: requestId, orgId }) : null;
      if (!request) throw notFound("Cap increase request");
      if (request.status !== "PENDING") throw await this.alreadyDecided(em, request);
      const now = this.clock.now();
      const status: CapIncreaseStatus = approve ? "APPROVED" : "DENIED";
      // The one row this changes proves that this decision, and no other, is the request's.
      const moved = await em
        .createQueryBuilder()
        .update(CapIncreaseRequestEntity)
        .set({ status, pendingSlot: null, decidedByMemberId: scope.memberId, decidedAt: now })
        .where("id = :id AND status = :pending", { id: request.id, pending: "PENDING" })
        .execute();
      if (moved.affected !== 1) throw conflict("This request was decided meanwhile; reload to see how.");
      Object.assign(request, { status, pendingSlot: null, decidedByMemberId: scope.memberId, decidedAt: now });
      const cap = await em.findOneBy(CapEntity, { id: request.capId, orgId });
      if (approve && !cap) throw conflict("This cap was removed meanwhile, so nothing limits it any more; deny the request to close it.");
      const requester = await this.member(em, request.memberId);
      if (approve && cap?.scope === "MEMBER" && !(await em.existsBy(MembershipEntity, { id: cap.targetId, orgId, active: true })))
        throw conflict(`${person(requester.user)} is no longer a member of this org; deny the request to close it.`);
      const before = cap?.monthlyLimit ?? null;
      // Never lowers a cap someone already raised past the request.
      if (approve && cap && cap.monthlyLimit < request.requestedLimit)
        await this.caps.set(actor, orgId, cap.scope, cap.targetId, request.requestedLimit);
      const limitNow = approve && before !== null ? Math.max(before, request.requestedLimit) : before;
      const org = await em.findOneByOrFail(OrgEntity, { id: orgId });
      const capOf = await this.capOf(em, request, `${requester.user.name || requester.user.email}'s`);
      await this.mail.enqueue(em, {
        kind: "cap_increase_decided",
        dedupeKey: `cap-increase:${request.id}:decided`,
        to: requester.user.email,
        ...capDecidedMail({
          orgName: org.name,
          approved: approve,
          decider: actorWords(actor),
          capOf: await this.capOf(em, request, "your"),
          requestedLimit: request.requestedLimit,
          limitNow,
          url: this.link(orgId),
        }),
      });
      const outcome = !approve
        ? before === null
          ? "; the cap had been removed meanwhile, so nothing limits it"
          : `; the cap stays at ${n(before)} credits`
        : before !== null && before >= request.requestedLimit
          ? `; the cap was already ${n(before)} credits, so it stays as it is`
          : `; the cap is now ${n(request.requestedLimit)} credits`;
      await this.audit.record(em, actor, {
        orgId,
        action: approve ? "cap_increase.approved" : "cap_increase.denied",
        summary: `${actorWords(actor)} ${approve ? "approved" : "denied"} ${person(requester.user)}'s request (of ${onDay(request.createdAt)}) to raise ${capOf} monthly cap from ${n(request.currentLimit)} to ${n(request.requestedLimit)} credits${outcome}.`,
        before: { requestId: request.id, status: "PENDING", monthlyLimit: before },
        after: { requestId: request.id, status, monthlyLimit: limitNow },
      });
      await this.events.emit(CapIncreaseDecided, payload(request, requester.user.id, actor.user.id));
      return { request, requestedBy: requester, decidedBy: scope.memberId ? await this.member(em, scope.memberId) : null };
    });
  }

  /** OWNER and ADMIN (and staff): every request; a MEMBER their own. Newest first. */
  async list(scope: OrgScope, status: CapIncreaseStatus | null): Promise<CapIncreaseView[]> {
    const em = this.db.em();
    const own = scope.role === "MEMBER" && !scope.staff;
    const requests = await em.find(CapIncreaseRequestEntity, {
      where: { orgId: scope.orgId, ...(status ? { status } : {}), ...(own ? { memberId: scope.memberId ?? "" } : {}) },
      order: { createdAt: "DESC", id: "DESC" },
      take: LIST_LIMIT,
    });
    const ids = requests.flatMap((r) => [r.memberId, ...(r.decidedByMemberId ? [r.decidedByMemberId] : [])]);
    const members = await this.members(em, ids);
    return requests.map((request) => ({
      request,
      requestedBy: members.get(request.memberId) as MemberView,
      decidedBy: request.decidedByMemberId ? (members.get(request.decidedByMemberId) ?? null) : null,
    }));
  }

  /** The active OWNERs and ADMINs, but not `except` (who asked). */
  private async deciders(em: EntityManager, orgId: string, except: string): Promise<UserEntity[]> {
    const rows = await em.findBy(MembershipEntity, { orgId, role: In(["OWNER", "ADMIN"]), active: true });
    const ids = rows.map((m) => m.userId).filter((id) => id !== except);
    return ids.length ? em.find(UserEntity, { where: { id: In(ids) }, order: { email: "ASC" } }) : [];
  }

  private async member(em: EntityManager, memberId: string): Promise<MemberView> {
    return (await this.members(em, [memberId])).get(memberId) as MemberView;
  }

  private async members(em: EntityManager, memberIds: string[]): Promise<Map<string, MemberView>> {
    const unique = [...new Set(memberIds)];
    if (unique.length === 0) return new Map();
    const memberships = await em.findBy(MembershipEntity, { id: In(unique) });
    const users = await em.findBy(UserEntity, { id: In([...new Set(memberships.map((m) => m.userId))]) });
    const user = new Map(users.map((u) => [u.id, u]));
    return new Map(memberships.map((m) => [m.id, { membership: m, user: user.get(m.userId) as UserEntity }]));
  }

  /** Whose cap, in words: `own` for a member's cap ("their own", "your"), `Space "Lab"'s` for a Space's. */
  private async capOf(em: EntityManager, cap: { scope: CapScope; targetId: string }, own: string): Promise<string> {
    if (cap.scope === "MEMBER") return own;
    const space = await em.findOneBy(SpaceEntity, { id: cap.targetId });
    return space ? `Space "${space.name}"'s` : "a removed Space's";
  }

  private async alreadyDecided(em: EntityManager, request: CapIncreaseRequestEntity): Promise<AppError> {
    const by = request.decidedByMemberId ? await this.member(em, request.decidedByMemberId) : null;
    const when = request.decidedAt ? ` on ${onDay(request.decidedAt)}` : "";
    return conflict(`This request was already ${request.status.toLowerCase()}${by ? ` by ${person(by.user)}` : ""}${when}.`);
  }

  private link(orgId: string): string {
    return `${this.publicUrl}/orgs/${encodeURIComponent(orgId)}/team#cap-requests`;
  }
}

function alreadyPending(pending: CapIncreaseRequestEntity): AppError {
  return conflict(
    `You already asked for ${n(pending.requestedLimit)} credits on this cap on ${onDay(pending.createdAt)}; that request is waiting for an owner or admin.`,
  );
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

function payload(request: CapIncreaseRequestEntity, memberUserId: string, decidedByUserId: string | null): CapIncreasePayload {
  return {
    orgId: request.orgId,
    requestId: request.id,
    capId: request.capId,
    scope: request.scope,
    targetId: request.targetId,
    memberId: request.memberId,
    memberUserId,
    currentLimit: request.currentLimit,
    requestedLimit: request.requestedLimit,
    status: request.status,
    decidedByUserId,
    at: request.decidedAt ?? request.createdAt,
  };
}
