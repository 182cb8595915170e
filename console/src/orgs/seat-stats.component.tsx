import type { BillingInterval } from "../gql/graphql";

/** An org's seats and how it is billed, as items of a `<dl className="stats">`. */
export function SeatStats({ seats, billingInterval }: { seats: number; billingInterval?: BillingInterval | null }) {
  return (
    <>
      <div className="stat">
        <dt>Seats</dt>
        <dd>{seats.toLocaleString()}</dd>
      </div>
      {billingInterval && (
        <div className="stat">
          <dt>Billing</dt>
          <dd>{billingInterval === "YEARLY" ? "Yearly" : "Monthly"}</dd>
        </div>
      )}
    </>
  );
}
