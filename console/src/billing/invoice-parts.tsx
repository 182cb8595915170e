import { Time } from "../components/time.component";
import type { InvoiceItemFragment } from "../gql/graphql";
import { taxIdLabel } from "./billing-details";
import { formatMoney } from "../format/money";

/**
 * What an invoice is for, in a few words, for the list (review finding 25: a $50 top-up
 * and an $85 renewal looked alike): its non-proration lines, else "Seat changes".
 */
export function invoiceSummary(invoice: Pick<InvoiceItemFragment, "lines">): string {
  const main = invoice.lines.filter((l) => !l.proration).map((l) => l.description.replace(/\s*\(at .*\)$/, ""));
  if (main.length === 0) return invoice.lines.length > 0 ? "Seat changes (prorated)" : "—";
  const prorated = invoice.lines.some((l) => l.proration) ? " + seat changes" : "";
  return `${main.join(", ")}${prorated}`;
}

export function Period({ start, end }: { start: string | null | undefined; end: string | null | undefined }) {
  if (!start && !end) return null;
  // One-off invoices (top-ups) start and end on the same day: one date says it.
  if (start && end && new Date(start).toDateString() === new Date(end).toDateString()) return <Time value={start} />;
  return (
    <span className="period">
      {start && <Time value={start} />}
      {start && end && " – "}
      {end && <Time value={end} />}
    </span>
  );
}

/** Subtotal, tax and total; invoices mirrored before these were kept have none until a refresh. */
export function InvoiceTotals({ invoice }: { invoice: InvoiceItemFragment }) {
  const rows = [
    { label: "Subtotal", cents: invoice.subtotal },
    { label: "Tax", cents: invoice.tax },
    { label: "Total", cents: invoice.total },
  ].filter((row): row is { label: string; cents: number } => row.cents != null);
  if (rows.length === 0) return null;
  return (
    <dl className="invoice-totals">
      {rows.map((row) => (
        <div key={row.label} className={row.label === "Total" ? "invoice-totals__row invoice-totals__row--total" : "invoice-totals__row"}>
          <dt>{row.label}</dt>
          <dd>{formatMoney(row.cents, invoice.currency, { exact: true })}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The billing email and tax IDs printed on the invoice, when it has any. */
export function BilledTo({ invoice }: { invoice: InvoiceItemFragment }) {
  const parts = [
    ...(invoice.customerEmail ? [invoice.customerEmail] : []),
    ...(invoice.customerTaxIds ?? []).map((t) => `${taxIdLabel(t.type)} ${t.value}`),
  ];
  if (parts.length === 0) return null;
  return <p className="invoice-billed-to">Billed to {parts.join(" · ")}</p>;
}
