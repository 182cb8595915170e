import type { Actor, UserActor } from "../common/actor";
import type { Clock } from "../common/clock";
import { forbidden } from "../common/errors";
import { pageSize } from "../common/paging";
import type { StripeGateway } from "../billing/stripe-gateway";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { MailOutboxEntity } from "../entities";
import type { JobRunner } from "../jobs/job-runner";

/**
 * Dev tools (DEV_TOOLS): the movable billing clock and the outgoing mail. It sits above
 * billing and the jobs, so moving the clock runs the jobs directly, no callback down.
 */
export class DevToolsService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly gateway: StripeGateway,
    private readonly jobs: JobRunner,
  ) {}

  get enabled(): boolean {
    return this.config.devTools;
  }

  /**
   * Moves the server's clock and the Stripe emulator's together, then runs what fell
   * due: renewals and their webhooks, period ends, seats, holds, mail.
   */
  async advanceClock(actor: UserActor, days: number): Promise<Date> {
    if (!devToolsAllowed(this.config, actor) || actor.kind !== "user") {
      throw forbidden("With STAFF_EMAILS set, dev tools are for support staff.");
    }
    const clock = this.clock as Clock & { advance?: (ms: number) => Date };
    if (!clock.advance) throw forbidden("This server's clock cannot be moved.");
    clock.advance(days * 86_400_000);
    if (this.gateway.emulator && this.gateway.emulator.now() < this.clock.now()) await this.gateway.emulator.advanceClock(this.clock.now());
    await this.jobs.runNow();
    return this.clock.now();
  }

  /** The outbox, newest first: the dev mail page. */
  async mailbox(actor: Actor, first: number | null): Promise<MailOutboxEntity[]> {
    if (!devToolsAllowed(this.config, actor)) throw forbidden("With STAFF_EMAILS set, dev tools are for support staff.");
    return this.db.manager.find(MailOutboxEntity, { order: { createdAt: "DESC", id: "DESC" }, take: pageSize(first, 50) });
  }
}

/**
 * Dev tools are for staff, or for anyone signed in on a one-person trial (no STAFF_EMAILS);
 * the dev mail page also for a signed-out visitor there (a password reset is tried signed out).
 */
function devToolsAllowed(config: Config, actor: Actor): boolean {
  if (!config.devTools) throw forbidden("Dev tools are off on this server (DEV_TOOLS).");
  if (actor.kind === "user" && actor.isStaff) return true;
  return config.staffEmails.size === 0 && actor.kind !== "apiKey";
}
