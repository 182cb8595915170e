import type Stripe from "stripe";
import { In } from "typeorm";
import type { Database } from "../db/database";
import { SubscriptionEntity } from "../entities";
import type { StripeGateway } from "./stripe-gateway";
import { datedLines, type InvoiceLine, invoiceRow, LIVE_STATUSES } from "./stripe-mirror";

/** The next invoice of an org's live subscription, as Stripe previews it now. */
export interface InvoicePreview {
  amountDue: number;
  total: number;
  currency: string;
  /** When Stripe will bill it: its payment attempt, else the end of the current period. */
  date: Date;
  lines: (Omit<InvoiceLine, "periodStart" | "periodEnd"> & { periodStart: Date | null; periodEnd: Date | null })[];
}

/**
 * `Org.nextInvoice`: asked of Stripe on every read (`invoices.createPreview`, nothing cached,
 * so a seat added a minute ago or a scheduled switch to Pro shows at once). The call has the
 * gateway's timeout (STRIPE_TIMEOUT_MS) like every Stripe call; a slow or failing Stripe
 * answers null (logged), never an error: the rest of the billing page still loads.
 */
export class InvoicePreviewService {
  constructor(
    private readonly db: Database,
    private readonly gateway: StripeGateway,
    private readonly log: (message: string) => void,
  ) {}

  /** Null without a live subscription, or when nothing more will be billed (a cancellation at period end). */
  async next(orgId: string): Promise<InvoicePreview | null> {
    const sub = await this.db.manager.findOne(SubscriptionEntity, {
      where: { accountType: "ORG", accountId: orgId, status: In(LIVE_STATUSES) },
      order: { startedAt: "DESC" },
    });
    if (!sub) return null;
    let invoice: Stripe.Invoice;
    try {
      invoice = await this.gateway.stripe.invoices.createPreview({ customer: sub.customerId, subscription: sub.id });
    } catch (error) {
      if ((error as { code?: string }).code !== "invoice_upcoming_none") {
        this.log(`next invoice of org ${orgId} (subscription ${sub.id}) not previewed: ${(error as Error).message}`);
      }
      return null;
    }
    const row = invoiceRow(invoice);
    const at = invoice.next_payment_attempt ?? invoice.period_end;
    return {
      amountDue: invoice.amount_due,
      total: invoice.total,
      currency: invoice.currency,
      date: new Date(at * 1000),
      lines: datedLines(row.lines),
    };
  }
}
