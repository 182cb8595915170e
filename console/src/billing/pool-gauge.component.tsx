import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { PoolFieldsFragment } from "../gql/graphql";

export const PoolFields = graphql(`
  fragment PoolFields on Pool {
    monthlyAllotment
    monthlyRemaining
    topUpRemaining
    totalRemaining
    periodStart
    periodEnd
    reserved
  }
`);

/** Credits below which every owner is emailed once (the soft alert). */
export function alertLevel(pool: Pick<PoolFieldsFragment, "monthlyAllotment">, thresholdPercent: number): number {
  return Math.floor((pool.monthlyAllotment * thresholdPercent) / 100);
}

const pct = (part: number, whole: number) => `${whole > 0 ? Math.min(100, (part / whole) * 100) : 0}%`;

/**
 * What is left in the org's pool: one bar of this month's allotment plus any
 * top-up, filled with what is left. Top-up credits sit at the right end: they
 * are spent first, so the fill drains from the right. A tick marks where the
 * low-pool alert fires. The bar is drawn for the eye; the words beside it say
 * the same.
 */
export function PoolGauge({ pool, thresholdPercent }: { pool: PoolFieldsFragment; thresholdPercent: number }) {
  const scale = pool.monthlyAllotment + pool.topUpRemaining;
  const level = alertLevel(pool, thresholdPercent);
  const low = pool.totalRemaining < level;
  return (
    <div className="gauge-block">
      <p className="gauge__headline">
        <strong className="gauge__value">{pool.totalRemaining.toLocaleString()}</strong> credits left{" "}
        <span className="muted">
          of {pool.monthlyAllotment.toLocaleString()} this month
          {pool.topUpRemaining > 0 && ` + ${pool.topUpRemaining.toLocaleString()} top-up`}
        </span>
      </p>
      <div className="gauge-track" aria-hidden="true">
        <div className={low ? "gauge gauge--low" : "gauge"}>
          <span className="gauge__part gauge__part--monthly" style={{ width: pct(pool.monthlyRemaining, scale) }} />
          <span className="gauge__part gauge__part--top-up" style={{ width: pct(pool.topUpRemaining, scale) }} />
        </div>
        {level > 0 && <span className="gauge__marker" style={{ left: pct(level, scale) }} />}
      </div>
      <dl className="pool-parts">
        <div className="pool-part">
          <dt>
            <span className="swatch swatch--monthly" aria-hidden="true" />
            Monthly
          </dt>
          <dd>
            {pool.monthlyRemaining.toLocaleString()} of {pool.monthlyAllotment.toLocaleString()}
            <span className="pool-part__note">
              resets on <Time value={pool.periodEnd} />
            </span>
          </dd>
        </div>
        <div className="pool-part">
          <dt>
            <span className="swatch swatch--top-up" aria-hidden="true" />
            Top-up
          </dt>
          <dd>
            {pool.topUpRemaining.toLocaleString()}
            <span className="pool-part__note">never expires, spent first</span>
          </dd>
        </div>
        {level > 0 && (
          <div className="pool-part">
            <dt>
              <span className="swatch swatch--marker" aria-hidden="true" />
              Low-pool alert
            </dt>
            <dd>
              below {level.toLocaleString()}
              <span className="pool-part__note">{thresholdPercent}% of the month's allotment</span>
            </dd>
          </div>
        )}
        {pool.reserved > 0 && (
          <div className="pool-part">
            <dt>Reserved</dt>
            <dd>
              {pool.reserved.toLocaleString()}
              <span className="pool-part__note">held by calls in progress</span>
            </dd>
          </div>
        )}
      </dl>
      {low && (
        <p className="gauge__alert">
          Below the {thresholdPercent}% alert level ({level.toLocaleString()} credits). Owners get one email when the pool first drops below
          it.
        </p>
      )}
    </div>
  );
}
