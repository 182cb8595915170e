import type { EntityManager } from "typeorm";
import { IsNull, LessThanOrEqual } from "typeorm";
import type { Clock } from "../common/clock";
import { newId } from "../db/columns";
import type { Database } from "../db/database";
import { MailOutboxEntity } from "../entities";
import type { MailTransport } from "./mail.transport";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** When set, a second message with the same key is silently not queued. */
  dedupeKey?: string;
}

/** Retry delays grow to an hour and stay there: a message is retried until it is sent. */
const BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/**
 * Mail goes through the outbox: `enqueue` writes a row in the caller's
 * transaction (so a rolled-back change sends nothing and a committed one is
 * never lost), and `deliverDue` sends what is due, one process at a time (the
 * job runner's lease).
 */
export class MailService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly log: (message: string) => void = console.warn,
  ) {}

  async enqueue(em: EntityManager, mail: OutgoingMail): Promise<void> {
    const now = this.clock.now();
    const qb = em
      .createQueryBuilder()
      .insert()
      .into(MailOutboxEntity)
      .values({
        id: newId(),
        dedupeKey: mail.dedupeKey ?? null,
        kind: mail.kind,
        to: mail.to,
        subject: mail.subject.slice(0, 255),
        text: mail.text,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        sentAt: null,
      });
    await (mail.dedupeKey ? qb.orIgnore() : qb).execute();
  }

  /** Sends every message that is due; returns how many were sent. */
  async deliverDue(batch = 50): Promise<number> {
    const due = await this.db.manager.find(MailOutboxEntity, {
      where: { sentAt: IsNull(), nextAttemptAt: LessThanOrEqual(this.clock.now()) },
      order: { nextAttemptAt: "ASC" },
      take: batch,
    });
    let sent = 0;
    for (const mail of due) {
      try {
        await this.transport.send({ id: mail.id, from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
        await this.db.transaction((em) =>
          em.update(MailOutboxEntity, { id: mail.id }, { sentAt: this.clock.now(), attempts: mail.attempts + 1 }),
        );
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const delay = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)];
        this.log(`mail ${mail.id} to ${mail.to} failed (attempt ${attempts}); retrying in ${delay / 1000}s: ${String(error)}`);
        await this.db.transaction((em) =>
          em.update(
            MailOutboxEntity,
            { id: mail.id },
            { attempts, lastError: String(error).slice(0, 2000), nextAttemptAt: new Date(this.clock.now().getTime() + delay) },
          ),
        );
      }
    }
    return sent;
  }
}
