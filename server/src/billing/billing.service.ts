import { normalizeTaxId, TAX_ID_TYPES, type TaxIdType } from "@team-billing/shared";
import type Stripe from "stripe";
import type { EntityManager } from "typeorm";
import type { Clock } from "../common/clock";
import type { DomainEvents } from "../common/domain-events";
import { InvoiceSettled } from "./billing-events";
import type { Database } from "../db/database";
import { InvoiceEntity, OrgEntity, StripeCustomerEntity } from "../entities";
import type { TaxId } from "../entities/org.entity";
import { badInput } from "../common/errors";
import type { UserActor } from "../common/actor";
import type { AuditService } from "../common/audit.service";
import type { OrgService } from "../teams/org.service";
import { cleanEmail } from "../common/validate";
import type { CheckoutService } from "./checkout.service";
import type { StripeGateway } from "./stripe-gateway";
import { type InvoiceRow, invoiceRow } from "./stripe-mirror";

/** Invoices (mirrored from Stripe) and billing details. */
export class BillingService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly gateway: StripeGateway,
    private readonly orgs: OrgService,
    private readonly checkouts: CheckoutService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** Newest first. */
  listInvoices(orgId: string): Promise<InvoiceEntity[]> {
    return this.db.manager.find(InvoiceEntity, {
      where: { accountType: "ORG", accountId: orgId },
      order: { createdAt: "DESC", id: "DESC" },
    });
  }

  /**
   * Re-fetches an invoice and upserts our mirror (for customers we know). The customer's
   * row is held from the fetch to the write, so two events of one invoice (created, then
   * paid) cannot land in the wrong order.
   */
  async syncInvoice(invoiceId: string, customerId: string, outcome?: "paid" | "payment_failed"): Promise<void> {
    await this.db.exclusive(
      { entity: StripeCustomerEntity, id: customerId },
      () => this.gateway.stripe.invoices.retrieve(invoiceId),
      async (em, invoice) => {
        const row = await this.upsertInvoice(em, invoiceRow(invoice));
        if (outcome && row?.accountType === "ORG") {
          const { id, number, currency, amountDue, amountPaid, hostedUrl } = row;
          await this.events.emit(InvoiceSettled, {
            orgId: row.accountId,
            outcome,
            invoiceId: id,
            number,
            currency,
            amountDue,
            amountPaid,
            hostedUrl,
          });
        }
      },
    );
  }

  /** Backfills an org's invoices from Stripe (all of them), e.g. after webhooks were missed. */
  async backfillInvoices(orgId: string): Promise<InvoiceEntity[]> {
    const customer = await this.db.manager.findOneBy(StripeCustomerEntity, { accountType: "ORG", accountId: orgId });
    if (customer) {
      await this.db.exclusive(
        { entity: StripeCustomerEntity, id: customer.id },
        async () => {
          const rows: InvoiceRow[] = [];
          for await (const invoice of this.gateway.stripe.invoices.list({ customer: customer.id, limit: 100 }))
            rows.push(invoiceRow(invoice));
          return rows;
        },
        async (em, rows) => {
          for (const row of rows) await this.upsertInvoice(em, row);
        },
      );
    }
    return this.listInvoices(orgId);
  }

  private async upsertInvoice(em: EntityManager, row: InvoiceRow): Promise<InvoiceEntity | null> {
    const owner = await em.findOneBy(StripeCustomerEntity, { id: row.customerId });
    if (!owner) return null;
    const { customerId: _customer, ...columns } = row;
    return em.save(InvoiceEntity, { ...columns, accountType: owner.accountType, accountId: owner.accountId, syncedAt: this.clock.now() });
  }

  /**
   * The billing email and tax ID (OWNER): sent to the Stripe customer first (its
   * email; its tax IDs replaced), then stored and audited. They appear on every
   * invoice finalized from then on. An empty email goes back to the owner's; an
   * empty tax ID value removes the tax ID.
   */
  async updateBillingDetails(actor: UserActor, orgId: string, billingEmail?: string | null, taxId?: TaxId | null): Promise<OrgEntity> {
    const org = await this.orgs.get(orgId);
    const email =
      billingEmail === null || billingEmail === undefined
        ? org.billingEmail
        : billingEmail.trim() === ""
          ? null
          : cleanEmail("billingEmail", billingEmail);
    let taxIds: TaxId[] = org.taxIds ?? [];
    if (taxId) {
      if (taxId.value.trim() === "") taxIds = [];
      else {
        if (!(taxId.type in TAX_ID_TYPES)) throw badInput("taxId.type", `must be one of ${Object.keys(TAX_ID_TYPES).join(", ")}`);
        const value = normalizeTaxId(taxId.type, taxId.value);
        if (!value)
          throw badInput(
            "taxId.value",
            `is not a valid ${TAX_ID_TYPES[taxId.type as TaxIdType].label} (for example ${TAX_ID_TYPES[taxId.type as TaxIdType].example})`,
          );
        taxIds = [{ type: taxId.type, value }];
      }
    }
    const customer = await this.checkouts.customerFor(org);
    const owner = await this.orgs.owner(orgId);
    await this.gateway.stripe.customers.update(customer, { email: email ?? owner.email });
    if (taxId) {
      const existing = await this.gateway.stripe.customers.listTaxIds(customer, { limit: 100 });
      for (const old of existing.data) await this.gateway.stripe.customers.deleteTaxId(customer, old.id);
      for (const t of taxIds) {
        await this.gateway.stripe.customers.createTaxId(customer, {
          type: t.type as Stripe.CustomerCreateTaxIdParams.Type,
          value: t.value,
        });
      }
    }
    return this.db.transaction(async (em) => {
      await em.update(OrgEntity, { id: orgId }, { billingEmail: email, taxIds });
      await this.audit.record(em, actor, {
        orgId,
        action: "billing_details.changed",
        summary: billingDetailsSummary({ email: org.billingEmail, taxIds: org.taxIds ?? [] }, { email, taxIds }),
        before: { billingEmail: org.billingEmail, taxIds: taxIdsInWords(org.taxIds ?? []) },
        after: { billingEmail: email, taxIds: taxIdsInWords(taxIds) },
      });
      return Object.assign(org, { billingEmail: email, taxIds });
    });
  }
}

/** Tax IDs as text for the audit log: "eu_vat DE123456789", never JSON. */
export function taxIdsInWords(taxIds: readonly { type: string; value: string }[]): string {
  return taxIds.length === 0 ? "none" : taxIds.map((t) => `${t.type} ${t.value}`).join(", ");
}

/** What changed in the billing details, in one sentence. */
export function billingDetailsSummary(
  before: { email: string | null; taxIds: readonly { type: string; value: string }[] },
  after: { email: string | null; taxIds: readonly { type: string; value: string }[] },
): string {
  const parts: string[] = [];
  if ((before.email ?? null) !== (after.email ?? null)) parts.push(`billing email ${before.email ?? "none"} → ${after.email ?? "none"}`);
  const was = taxIdsInWords(before.taxIds);
  const now = taxIdsInWords(after.taxIds);
  if (was !== now) parts.push(`tax IDs ${was} → ${now}`);
  return parts.length === 0 ? "Billing details saved unchanged." : `Billing details changed: ${parts.join("; ")}.`;
}
