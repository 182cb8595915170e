import type { BillingInterval, Catalog } from "@team-billing/shared";
import { useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError } from "../components/form-field.component";
import { graphql } from "../gql";
import { WithCatalog } from "./catalog.hook";
import { leaveForCheckout, useLeavingForCheckout } from "./leave-for-checkout";
import { formatMoney } from "../format/money";
import { seatsLabel, teamAllotment, teamQuote, yearlySaving } from "./pricing";

const StartTeamCheckoutMutation = graphql(`
  mutation StartTeamCheckout($orgId: ID!, $interval: BillingInterval!) {
    startTeamCheckout(orgId: $orgId, interval: $interval) {
      id
      url
    }
  }
`);

const INTERVALS: readonly { value: BillingInterval; label: string }[] = [
  { value: "MONTHLY", label: "Monthly" },
  { value: "YEARLY", label: "Yearly" },
];

interface UpgradeProps {
  orgId: string;
  seats: number;
  canUpgrade: boolean;
}

/**
 * Team's price for the org's seats, monthly or yearly, and what the pool gives,
 * at the server's catalog prices. Everyone may look; only the OWNER gets the
 * button (`canUpgrade`).
 */
export function UpgradeSection(props: UpgradeProps) {
  return (
    <section className="card section upgrade" aria-labelledby="upgrade-title" id="upgrade">
      <header className="section__header">
        <h2 id="upgrade-title" className="card__title">
          Upgrade to Team
        </h2>
        <p className="card__lead">One pool of credits for the whole org instead of a paid plan for each member.</p>
      </header>
      <WithCatalog>{(catalog) => <UpgradeOffer {...props} catalog={catalog} />}</WithCatalog>
    </section>
  );
}

function UpgradeOffer({ orgId, seats, canUpgrade, catalog }: UpgradeProps & { catalog: Catalog }) {
  const [interval, chooseInterval] = useState<BillingInterval>("MONTHLY");
  const [leaving, setLeaving] = useLeavingForCheckout();
  const { run: start, formError: error, fail, loading } = useFormMutation(StartTeamCheckoutMutation);
  const quote = teamQuote(interval, seats, catalog);
  const saving = yearlySaving(seats, catalog);
  const pool = teamAllotment(seats, catalog);
  const money = (cents: number) => formatMoney(cents, catalog.currency);

  const onUpgrade = async () => {
    const data = await start({ orgId, interval });
    if (!data) return;
    const problem = leaveForCheckout(data.startTeamCheckout, { kind: "TEAM", orgId });
    if (problem) fail(problem);
    // Stays busy while the browser leaves for Stripe.
    else setLeaving(true);
  };

  return (
    <>
      <div className="upgrade__grid">
        <div className="upgrade__price">
          <fieldset className="segmented">
            <legend className="visually-hidden">Billing interval</legend>
            {INTERVALS.map((option) => (
              <label key={option.value} className="segmented__option">
                <input
                  type="radio"
                  name="interval"
                  value={option.value}
                  checked={interval === option.value}
                  onChange={() => chooseInterval(option.value)}
                />
                <span>
                  {option.label}
                  {option.value === "YEARLY" && saving.percent > 0 && <span className="segmented__tag">−{saving.percent}%</span>}
                </span>
              </label>
            ))}
          </fieldset>

          <div className="price" aria-live="polite">
            <p className="price__main">
              <span className="price__amount">{money(quote.perMonthCents)}</span> <span className="price__unit">a month</span>
            </p>
            {interval === "YEARLY" ? (
              <p className="price__billed">Billed yearly: {money(quote.totalCents)} a year</p>
            ) : (
              <p className="price__billed">Billed monthly</p>
            )}
            <p className="price__breakdown">
              {money(quote.basePerMonthCents)} base + {money(quote.seatPerMonthCents)} × {seatsLabel(seats)}, per month
            </p>
            {saving.cents > 0 &&
              (interval === "YEARLY" ? (
                <p className="price__saving">You save {money(saving.cents)} a year against monthly billing.</p>
              ) : (
                <p className="price__hint">
                  Yearly billing saves {money(saving.cents)} a year ({saving.percent}%).
                </p>
              ))}
          </div>
        </div>

        <ul className="benefits">
          <li>
            <strong>{pool.credits.toLocaleString()} credits a month</strong> in one pool: {pool.base.toLocaleString()} plus{" "}
            {pool.perSeat.toLocaleString()} per seat. Every member spends from it.
          </li>
          <li>Seats count themselves: accepted members, prorated to the day. Pending invitations don't count.</li>
          <li>Need more in a busy month? Top-ups never expire and are spent first.</li>
          <li>Optional caps per member and per Space, and an email when the pool runs low.</li>
        </ul>
      </div>

      {canUpgrade && (
        <div className="upgrade__actions">
          <button type="button" className="button button--primary" onClick={() => void onUpgrade()} disabled={loading || leaving}>
            {loading || leaving ? "Opening checkout…" : "Upgrade to Team"}
          </button>
          <p className="field__hint">You'll pay on Stripe's checkout page, then come back here.</p>
        </div>
      )}
      <FormError message={error} />
    </>
  );
}
