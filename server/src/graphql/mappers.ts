import type { CallOutcome } from "../credits/usage-call";
import type { InvoiceEntity, PoolEntity } from "../entities";
import { datedLines } from "../billing/stripe-mirror";
import { type AuditView, auditSummaryOf } from "../common/audit.service";
import type { EnterpriseRequestView } from "../billing/enterprise.service";
import type { MemberView } from "../teams/member.service";
import type { AuditEntryType, MemberType } from "./types/account.type";
import type { EnterpriseRequestType, InvoiceType, PoolType } from "./types/billing.type";
import type { UsageBatchItemType } from "./types/credits.type";
import type { CapIncreaseView } from "../credits/cap-increase.service";
import type { CapIncreaseRequestType } from "./types/corrections.type";

/** Entity → GraphQL shapes where the two differ; elsewhere entities are returned as they are. */

export const toMember = ({ membership, user }: MemberView): MemberType => ({
  id: membership.id,
  orgId: membership.orgId,
  role: membership.role,
  joinedAt: membership.joinedAt,
  personalCreditsAllowed: membership.personalCreditsAllowed,
  user,
});

export const toAuditEntry = ({ entry, actorKind, actorName }: AuditView): AuditEntryType => ({
  id: String(entry.id),
  action: entry.action,
  actorEmail: entry.actorEmail,
  actorKind,
  actorName,
  at: entry.at,
  // A JSON string in the contract; the columns hold the values.
  details: JSON.stringify({ before: entry.before ?? null, after: entry.after }),
  summary: auditSummaryOf(entry),
});

export const toPool = (pool: PoolEntity): PoolType => ({
  monthlyAllotment: pool.monthlyAllotment,
  monthlyRemaining: pool.monthlyBalance,
  topUpRemaining: pool.topUpBalance,
  totalRemaining: pool.topUpBalance + pool.monthlyBalance,
  periodStart: pool.periodStart,
  periodEnd: pool.periodEnd,
  reserved: pool.reserved,
});

export const toBatchItem = (outcome: CallOutcome, index: number): UsageBatchItemType =>
  outcome.ok
    ? { index, result: outcome.result, errorCode: null, errorMessage: null, resetsAt: null }
    : {
        index,
        result: null,
        errorCode: outcome.error.code,
        errorMessage: outcome.error.message,
        resetsAt: typeof outcome.error.extensions.resetsAt === "string" ? new Date(outcome.error.extensions.resetsAt) : null,
      };

export const toInvoice = (invoice: InvoiceEntity): InvoiceType => ({
  id: invoice.id,
  number: invoice.number,
  status: invoice.status,
  currency: invoice.currency,
  amountDue: invoice.amountDue,
  amountPaid: invoice.amountPaid,
  subtotal: invoice.subtotal,
  tax: invoice.tax,
  total: invoice.total,
  customerEmail: invoice.customerEmail,
  customerTaxIds: invoice.customerTaxIds,
  periodStart: invoice.periodStart,
  periodEnd: invoice.periodEnd,
  createdAt: invoice.createdAt,
  hostedUrl: invoice.hostedUrl,
  pdfUrl: invoice.pdfUrl,
  lines: datedLines(invoice.lines),
});

export const toEnterpriseRequest = ({ request, requestedBy, org }: EnterpriseRequestView): EnterpriseRequestType => ({
  id: request.id,
  message: request.message,
  createdAt: request.createdAt,
  requestedBy,
  org,
});

export const toCapIncreaseRequest = ({ request, requestedBy, decidedBy }: CapIncreaseView): CapIncreaseRequestType => ({
  id: request.id,
  capId: request.capId,
  requestedBy: toMember(requestedBy),
  currentLimit: request.currentLimit,
  requestedLimit: request.requestedLimit,
  reason: request.reason,
  status: request.status,
  decidedBy: decidedBy ? toMember(decidedBy) : null,
  decidedAt: request.decidedAt,
  createdAt: request.createdAt,
});
