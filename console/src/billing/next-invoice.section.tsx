import { useQuery } from "@apollo/client/react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { InlineLoadError } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import { formatMoney } from "../format/money";

const OrgNextInvoiceQuery = graphql(`
  query OrgNextInvoice($orgId: ID!) {
    org(id: $orgId) {
      id
      nextInvoice {
        amountDue
        total
        currency
        date
        lines {
          description
          amount
          proration
        }
      }
    }
  }
`);

/**
 * What Stripe will bill next, and when (review finding 25: a seat added mid-period shows
 * its proration here before the invoice exists). Asked afresh each time the page opens.
 */
export function NextInvoiceSection({ orgId, ending }: { orgId: string; ending: boolean }) {
  const { data, loading, error, refetch } = useQuery(OrgNextInvoiceQuery, {
    variables: { orgId },
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
  });
  const next = data?.org?.nextInvoice;
  return (
    <section className="card section" aria-labelledby="next-invoice-title" id="next-invoice">
      <header className="section__header">
        <h2 id="next-invoice-title" className="card__title">
          Next invoice
        </h2>
      </header>
      {next ? (
        <>
          <p className="next-invoice__headline">
            <strong>{formatMoney(next.amountDue, next.currency, { exact: true })}</strong> on <Time value={next.date} />
          </p>
          <ul className="invoice-lines__list" aria-label="Lines of the next invoice">
            {next.lines.map((line, i) => (
              // Lines have no id; Stripe's order is fixed.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i} className="invoice-line">
                <span className="invoice-line__description">
                  {line.description}
                  {line.proration && <span className="tag">proration</span>}
                </span>
                <span className={line.amount < 0 ? "invoice-line__amount invoice-line__amount--credit" : "invoice-line__amount"}>
                  {formatMoney(line.amount, next.currency, { exact: true })}
                </span>
              </li>
            ))}
          </ul>
          {next.total !== next.amountDue && (
            <p className="field__hint">
              {formatMoney(next.total - next.amountDue, next.currency, { exact: true })} of it is paid from the account's credit at Stripe.
            </p>
          )}
        </>
      ) : data ? (
        <p className="muted">
          {ending
            ? "Nothing more will be billed: Team ends at the end of this period."
            : "Stripe has no upcoming invoice to show right now."}
        </p>
      ) : loading ? (
        <p className="muted" role="status">
          Asking Stripe for the next invoice…
        </p>
      ) : (
        error && <InlineLoadError what="the next invoice" message={describeError(error).message} onRetry={() => void refetch()} />
      )}
    </section>
  );
}
