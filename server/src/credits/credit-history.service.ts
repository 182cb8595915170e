import type { Database } from "../db/database";
import { CheckoutRecordEntity, LedgerEntryEntity, UserEntity } from "../entities";
import { byId, decodeCursor, encodeCursor, pageSize } from "../common/paging";
import { In } from "typeorm";
import { REVERSAL } from "./pool.service";

type Bucket = "TOP_UP" | "MONTHLY";

/** One entry of an org's credit history, as `Org.creditHistory` answers it. */
export interface CreditHistoryEntry {
  /** The id of its newest ledger line (unique: a line belongs to one entry). */
  id: string;
  at: Date;
  kind: string;
  bucket: Bucket;
  credits: number;
  balanceAfter: number;
  description: string;
}

/** An entry being built while the ledger is read newest first. */
interface Building {
  newest: LedgerEntryEntity;
  oldestId: number;
  bucket: Bucket;
  credits: number;
  /** USAGE: the UTC day and the calls (lines) summed; null for any other entry. */
  day: string | null;
  calls: number;
  complete: boolean;
}

/** Lines read per query: a day of heavy usage may take several. */
const CHUNK = 1_000;
const NONE = Number.MAX_SAFE_INTEGER;
const BUCKET_WORDS: Record<Bucket, string> = { TOP_UP: "top-up", MONTHLY: "monthly" };
const fmt = (n: number) => n.toLocaleString("en-US");
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const longDay = (day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });

/** A cursor: for each bucket, the oldest ledger line already shown (the next page reads below it). */
const isHistoryKey = (key: unknown[]): key is [number, number] =>
  key.length === 2 && key.every((k) => Number.isSafeInteger(k) && (k as number) >= 0);

/**
 * An org's credit history from its ledger: every change of the pool's buckets, newest
 * first. A bucket's usage lines are summed per UTC day into one entry (its balance after
 * is the bucket's after that day's last line); another change of the same bucket that
 * day splits the day's usage around it, so each entry's `balanceAfter − credits` is the
 * previous (older) entry's `balanceAfter` of that bucket, on every page.
 */
export class CreditHistoryService {
  constructor(
    private readonly db: Database,
    /** Ledger lines read per query (tests make it small to cross chunk boundaries). */
    private readonly chunk = CHUNK,
  ) {}

  async page(
    orgId: string,
    first: number | null,
    after: string | null,
  ): Promise<{ entries: { cursor: string; entry: CreditHistoryEntry }[]; hasNextPage: boolean }> {
    const size = pageSize(first, 50);
    const floors =
      after === null ? { TOP_UP: NONE, MONTHLY: NONE } : (([t, m]) => ({ TOP_UP: t, MONTHLY: m }))(decodeCursor(after, isHistoryKey));
    const built: Building[] = [];
    const open: Partial<Record<Bucket, Building>> = {};
    const scan = { ...floors };
    const done = () => built.length > size && built.slice(0, size).every((b) => b.complete);
    while (!done()) {
      const lines = await this.db
        .em()
        .createQueryBuilder(LedgerEntryEntity, "l")
        .where("l.account = 'ORG' AND l.accountId = :orgId", { orgId })
        .andWhere("((l.bucket = 'TOP_UP' AND l.id < :t) OR (l.bucket = 'MONTHLY' AND l.id < :m))", { t: scan.TOP_UP, m: scan.MONTHLY })
        .orderBy("l.id", "DESC")
        .take(this.chunk)
        .getMany();
      for (const line of lines) {
        const bucket = line.bucket as Bucket;
        const run = open[bucket];
        if (line.kind === "USAGE" && run && run.day === dayOf(line.at)) {
          run.credits += line.amount;
          run.calls += 1;
          run.oldestId = line.id;
          continue;
        }
        if (run) run.complete = true;
        delete open[bucket];
        const entry: Building = {
          newest: line,
          oldestId: line.id,
          bucket,
          credits: line.amount,
          day: line.kind === "USAGE" ? dayOf(line.at) : null,
          calls: 1,
          complete: line.kind !== "USAGE",
        };
        if (line.kind === "USAGE") open[bucket] = entry;
        built.push(entry);
      }
      if (lines.length < this.chunk) {
        // The ledger's start: every run is whole.
        for (const b of built) b.complete = true;
        break;
      }
      const last = lines[lines.length - 1].id;
      scan.TOP_UP = Math.min(scan.TOP_UP, last);
      scan.MONTHLY = Math.min(scan.MONTHLY, last);
    }
    const shown = built.slice(0, size);
    const names = await this.names(shown);
    const cursorAt = { ...floors };
    const entries = shown.map((b) => {
      cursorAt[b.bucket] = Math.min(cursorAt[b.bucket], b.oldestId);
      return { cursor: encodeCursor([cursorAt.TOP_UP, cursorAt.MONTHLY]), entry: describe(b, names) };
    });
    return { entries, hasNextPage: built.length > size };
  }

  /** The people the page names: staff by email, buyers of top-ups and of Team by their checkout. */
  private async names(entries: Building[]): Promise<Names> {
    const em = this.db.em();
    const sessions = entries.map((e) => e.newest.reference).filter((r): r is string => r !== null && r.startsWith("cs_"));
    const records = sessions.length ? await em.findBy(CheckoutRecordEntity, { sessionId: In([...new Set(sessions)]) }) : [];
    const buyers = await byId(
      em,
      UserEntity,
      records.map((r) => r.startedByUserId),
    );
    const emails = [...new Set(entries.map((e) => e.newest.actorEmail).filter((e): e is string => e !== null))];
    const staff = emails.length ? await em.findBy(UserEntity, { email: In(emails) }) : [];
    const person = (user: UserEntity | undefined, email: string) => (user ? `${user.name} (${user.email})` : email);
    return {
      bySession: new Map(records.map((r) => [r.sessionId, buyers.get(r.startedByUserId)])),
      byEmail: new Map(
        emails.map((email) => [
          email,
          person(
            staff.find((u) => u.email === email),
            email,
          ),
        ]),
      ),
      person,
    };
  }
}

interface Names {
  bySession: Map<string, UserEntity | undefined>;
  byEmail: Map<string, string>;
  person: (user: UserEntity | undefined, email: string) => string;
}

/** The entry's kind and words, from its ledger kind and reference. */
function describe(b: Building, names: Names): CreditHistoryEntry {
  const line = b.newest;
  const reference = line.reference ?? "";
  const amount = fmt(Math.abs(b.credits));
  const bucket = BUCKET_WORDS[b.bucket];
  const buyer = () => {
    const user = names.bySession.get(reference);
    return user ? ` by ${names.person(user, user.email)}` : "";
  };
  let kind: string;
  let description: string;
  switch (line.kind) {
    case "USAGE":
      kind = "USAGE";
      description = `${fmt(b.calls)} ${b.calls === 1 ? "call" : "calls"} on ${longDay(b.day ?? dayOf(line.at))} used ${amount} credits of the ${bucket} bucket.`;
      break;
    case "GRANT":
      if (reference.startsWith("seat:")) {
        kind = "SEAT_CREDITS";
        description = `A seat added during the period brought ${amount} monthly credits (prorated by the days left).`;
      } else if (reference.startsWith("period:")) {
        kind = "REFILL";
        description = `The monthly refill for the new period: ${amount} credits.`;
      } else if (reference === "enterprise-terms") {
        kind = "REFILL";
        description = `Enterprise terms set by support: ${amount} monthly credits for the first period.`;
      } else {
        kind = "REFILL";
        description = `The org moved to Team${buyer()}: ${amount} monthly credits for the first period.`;
      }
      break;
    case "EXPIRY":
      kind = "EXPIRY";
      description = reference.startsWith("period:")
        ? `${amount} unused monthly credits expired at the end of the period.`
        : `${amount} unused monthly credits were replaced as the plan began again.`;
      break;
    case "TOP_UP":
      kind = "TOP_UP";
      description = `A top-up of ${amount} credits was bought${buyer()}.`;
      break;
    case "FORFEIT":
      kind = "FORFEIT";
      description = `${amount} ${bucket} credits were forfeited as the org left Team${forfeitWhy(line.reason)}.`;
      break;
    case "ADJUSTMENT": {
      kind = b.credits > 0 ? "GRANT" : "REMOVAL";
      const who = line.actorEmail ? `Support (${names.byEmail.get(line.actorEmail) ?? line.actorEmail})` : "Support";
      if (reference.startsWith(REVERSAL)) {
        const undone = reference.slice(REVERSAL.length);
        description = `${who} reversed adjustment #${undone}: ${b.credits > 0 ? "put" : "took"} ${amount} credits ${b.credits > 0 ? "back into" : "back from"} the ${bucket} bucket.`;
      } else {
        description = `${who} ${b.credits > 0 ? "added" : "removed"} ${amount} credits ${b.credits > 0 ? "to" : "from"} the ${bucket} bucket (adjustment #${line.id})${line.reason ? `: ${line.reason}` : "."}`;
      }
      break;
    }
    case "VOID": {
      kind = "VOID";
      const who = line.actorEmail ? (names.byEmail.get(line.actorEmail) ?? line.actorEmail) : "An API key";
      description = `${who} voided a call recorded by mistake: ${amount} credits back to the ${bucket} bucket${line.reason ? ` (${line.reason})` : ""}.`;
      break;
    }
    default:
      kind = line.kind;
      description = `${b.credits > 0 ? "Added" : "Took"} ${amount} credits ${b.credits > 0 ? "to" : "from"} the ${bucket} bucket.`;
  }
  return { id: String(line.id), at: line.at, kind, bucket: b.bucket, credits: b.credits, balanceAfter: line.balanceAfter, description };
}

/** Why a pool was forfeited, in words (the stored reason may carry a Stripe id, which owners need not read). */
function forfeitWhy(reason: string | null): string {
  if (!reason) return "";
  if (/downgrad/i.test(reason)) return " (downgraded to Pro)";
  if (/cancel/i.test(reason)) return " (Team cancelled at the period's end)";
  if (/subscription .* ended/i.test(reason)) return " (the Team subscription ended)";
  return ` (${reason})`;
}
