import { Time } from "../components/time.component";
import type { PoolFieldsFragment } from "../gql/graphql";

export interface MyCap {
  monthlyLimit: number;
  usedThisPeriod: number;
}

const n = (x: number) => x.toLocaleString();

/**
 * What an owner opens the app to check: credits left in the pool and, when the reader has a
 * cap, how much of it is spent. Items of a `<dl className="stats">`.
 */
export function CreditStats({ pool, myCap }: { pool: PoolFieldsFragment | null | undefined; myCap: MyCap | undefined }) {
  return (
    <>
      {pool && (
        <div className="stat">
          <dt>Credits left</dt>
          <dd>{n(pool.totalRemaining)}</dd>
        </div>
      )}
      {myCap && (
        <div className="stat">
          <dt>Your cap</dt>
          <dd>
            {n(myCap.usedThisPeriod)} of {n(myCap.monthlyLimit)} used
          </dd>
        </div>
      )}
    </>
  );
}

/** One sentence under the stats: where the credits stand, or why there is no pool. */
export function CreditsLine({ pool, myCap }: { pool: PoolFieldsFragment | null | undefined; myCap: MyCap | undefined }) {
  if (!pool) {
    return (
      <p className="muted">
        No shared credit pool: on a personal plan, each call spends the personal credits of the member who made it (if they allow it here).
        Team gives the org one pool.
      </p>
    );
  }
  const capLeft = myCap ? Math.max(myCap.monthlyLimit - myCap.usedThisPeriod, 0) : null;
  return (
    <p className="muted">
      {n(pool.monthlyRemaining)} of this period's {n(pool.monthlyAllotment)} monthly credits left
      {pool.topUpRemaining > 0 ? `, plus ${n(pool.topUpRemaining)} top-up credits` : ""}. The monthly credits reset on{" "}
      <Time value={pool.periodEnd} />.{capLeft !== null && ` You can spend ${n(capLeft)} more this period (your cap).`}
    </p>
  );
}
