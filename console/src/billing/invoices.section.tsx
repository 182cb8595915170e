import { useQuery } from "@apollo/client/react";
import { Fragment, useState } from "react";
import { orgCacheId } from "../apollo/cache-lists";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError } from "../components/form-field.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { InvoiceItemFragment } from "../gql/graphql";
import { BilledTo, InvoiceTotals, invoiceSummary, Period } from "./invoice-parts";
import { formatMoney } from "../format/money";
import { InlineLoadError } from "../components/page-state.component";

export const InvoiceItemFields = graphql(`
  fragment InvoiceItem on Invoice {
    id
    number
    status
    currency
    amountDue
    amountPaid
    periodStart
    periodEnd
    createdAt
    hostedUrl
    pdfUrl
    subtotal
    tax
    total
    customerEmail
    customerTaxIds {
      type
      value
    }
    lines {
      description
      amount
      quantity
      proration
      periodStart
      periodEnd
    }
  }
`);

const OrgInvoicesQuery = graphql(`
  query OrgInvoices($orgId: ID!) {
    org(id: $orgId) {
      id
      invoices {
        ...InvoiceItem
      }
    }
  }
`);

const RefreshInvoicesMutation = graphql(`
  mutation RefreshInvoices($orgId: ID!) {
    refreshInvoices(orgId: $orgId) {
      ...InvoiceItem
    }
  }
`);

// Stripe's invoice statuses, in words; unknown ones pass through readable.
const STATUS: Record<string, { label: string; tone: "good" | "bad" | "neutral" }> = {
  paid: { label: "Paid", tone: "good" },
  open: { label: "Open", tone: "bad" },
  void: { label: "Void", tone: "neutral" },
  draft: { label: "Draft", tone: "neutral" },
  uncollectible: { label: "Uncollectible", tone: "bad" },
};

const statusOf = (status: string) => STATUS[status] ?? { label: status.replace(/_/g, " "), tone: "neutral" as const };

/**
 * The org's invoices from Stripe, newest first (OWNER and ADMIN; support staff
 * read them too, without `canRefresh`: backfilling is an admin's action).
 */
export function InvoicesSection({ orgId, canRefresh = true }: { orgId: string; canRefresh?: boolean }) {
  const { data, loading, error, refetch } = useQuery(OrgInvoicesQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  // Said after each refresh (review finding 23): how many invoices Stripe has, as of when.
  const [refreshed, setRefreshed] = useState<{ count: number; at: string } | null>(null);
  const {
    run: refresh,
    formError: refreshError,
    loading: refreshing,
  } = useFormMutation(RefreshInvoicesMutation, {
    // The answer is the whole list, newest first: it replaces the cached one.
    update(cache, { data: answer }) {
      if (!answer) return;
      cache.modify({
        id: orgCacheId(cache, orgId),
        fields: {
          invoices: (_existing, { toReference }) => answer.refreshInvoices.map((i) => toReference({ __typename: "Invoice", id: i.id })),
        },
      });
    },
  });
  const invoices = data?.org?.invoices;

  const onRefresh = async () => {
    setRefreshed(null);
    const answer = await refresh({ orgId });
    if (answer) setRefreshed({ count: answer.refreshInvoices.length, at: new Date().toISOString() });
  };

  return (
    <section className="card section" aria-labelledby="invoices-title" id="invoices">
      <header className="section__header section__header--row">
        <h2 id="invoices-title" className="card__title">
          Invoices
        </h2>
        {canRefresh && (
          <button type="button" className="button button--small" onClick={() => void onRefresh()} disabled={refreshing}>
            {refreshing ? "Refreshing…" : "Refresh from Stripe"}
          </button>
        )}
      </header>
      {invoices ? (
        invoices.length > 0 ? (
          <InvoicesTable invoices={invoices} />
        ) : (
          <p className="muted">No invoices yet. Each one Stripe issues, from the first Team payment on, is listed here with its PDF.</p>
        )
      ) : loading ? (
        <p className="muted" role="status">
          Loading invoices…
        </p>
      ) : (
        error && <InlineLoadError what="the invoices" message={describeError(error).message} onRetry={() => void refetch()} />
      )}
      <p className="field__hint" role="status">
        {refreshed && (
          <>
            Up to date with Stripe: {refreshed.count === 1 ? "1 invoice" : `${refreshed.count.toLocaleString()} invoices`}, checked at{" "}
            <Time value={refreshed.at} format="datetime" />.
          </>
        )}
      </p>
      <FormError message={refreshError} />
    </section>
  );
}

function InvoicesTable({ invoices }: { invoices: readonly InvoiceItemFragment[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <table className="table table--stack invoices" aria-labelledby="invoices-title">
      <thead>
        <tr>
          <th scope="col">Invoice</th>
          <th scope="col">Description</th>
          <th scope="col">Date</th>
          <th scope="col">Period</th>
          <th scope="col" className="cell--money">
            Amount
          </th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Documents</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => {
          const name = invoice.number ?? "Draft invoice";
          const status = statusOf(invoice.status);
          const expanded = open.has(invoice.id);
          const linesId = `invoice-lines-${invoice.id}`;
          return (
            <Fragment key={invoice.id}>
              <tr>
                <th scope="row" data-label="Invoice" className="cell--wrap">
                  <button
                    type="button"
                    className="disclosure-button"
                    aria-expanded={expanded}
                    aria-controls={linesId}
                    onClick={() => toggle(invoice.id)}
                  >
                    <svg className="disclosure-button__icon" viewBox="0 0 16 16" aria-hidden="true">
                      <path d="M6 3.5 10.5 8 6 12.5" />
                    </svg>
                    {name}
                    <span className="visually-hidden">: {expanded ? "hide" : "show"} lines</span>
                  </button>
                </th>
                <td data-label="Description" className="cell--wrap">
                  {invoiceSummary(invoice)}
                </td>
                <td data-label="Date">
                  <Time value={invoice.createdAt} />
                </td>
                <td data-label="Period">
                  <Period start={invoice.periodStart} end={invoice.periodEnd} />
                </td>
                <td data-label="Amount" className="cell--money">
                  {/* One element: a stacked cell lays out its children in columns. */}
                  <span>
                    {formatMoney(invoice.amountDue, invoice.currency, { exact: true })}{" "}
                    <span className="muted">{invoice.currency.toUpperCase()}</span>
                  </span>
                </td>
                <td data-label="Status">
                  <span className={`status status--${status.tone}`}>{status.label}</span>
                </td>
                <td className="cell--actions">
                  <div className="row-actions">
                    {invoice.pdfUrl && (
                      <a className="button button--small" href={invoice.pdfUrl} target="_blank" rel="noreferrer">
                        PDF<span className="visually-hidden"> of {name}</span>
                      </a>
                    )}
                    {invoice.hostedUrl && (
                      <a className="button button--small" href={invoice.hostedUrl} target="_blank" rel="noreferrer">
                        View<span className="visually-hidden"> {name} on Stripe</span>
                      </a>
                    )}
                  </div>
                </td>
              </tr>
              <tr id={linesId} className="invoice-lines" hidden={!expanded}>
                <td colSpan={7}>{expanded && <InvoiceDetails invoice={invoice} name={name} />}</td>
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/** An open invoice: its lines, its totals and who it was made out to. */
function InvoiceDetails({ invoice, name }: { invoice: InvoiceItemFragment; name: string }) {
  return (
    <div className="invoice-details">
      <InvoiceLines invoice={invoice} name={name} />
      <InvoiceTotals invoice={invoice} />
      <BilledTo invoice={invoice} />
    </div>
  );
}

function InvoiceLines({ invoice, name }: { invoice: InvoiceItemFragment; name: string }) {
  if (invoice.lines.length === 0) return <p className="muted">This invoice has no lines.</p>;
  return (
    <ul className="invoice-lines__list" aria-label={`Lines of ${name}`}>
      {invoice.lines.map((line, i) => {
        const credit = line.amount < 0;
        return (
          // Lines have no id of their own; their order is Stripe's and fixed.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} className="invoice-line">
            <span className="invoice-line__what">
              <span className="invoice-line__description">
                {line.description}
                {line.proration && <span className="tag">proration</span>}
              </span>
              {(line.periodStart || line.periodEnd || line.quantity != null) && (
                <span className="invoice-line__meta">
                  {line.quantity != null && <>Qty {line.quantity.toLocaleString()}</>}
                  {line.quantity != null && (line.periodStart || line.periodEnd) && " · "}
                  <Period start={line.periodStart} end={line.periodEnd} />
                </span>
              )}
            </span>
            <span className={credit ? "invoice-line__amount invoice-line__amount--credit" : "invoice-line__amount"}>
              {formatMoney(line.amount, invoice.currency, { exact: true })}
              {credit && <span className="invoice-line__credit"> credit</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
