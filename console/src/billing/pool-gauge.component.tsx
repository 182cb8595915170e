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

/** A tick on the gauge: where one POOL alert fires, with what it says on hover. */
export interface GaugeTick {
  percent: number;
  level: number;
  label: string;
}

/**
 * The ticks of the soft alert and the org's other POOL alerts, lowest first; alerts at the
 * same share share a tick (its label names both).
 */
export function alertTicks(
  pool: Pick<PoolFieldsFragment, "monthlyAllotment">,
  softPercent: number,
  otherPercents: readonly number[],
): GaugeTick[] {
  const byPercent = new Map<number, string[]>();
  const add = (percent: number, what: string) => byPercent.set(percent, [...(byPercent.get(percent) ?? []), what]);
  add(softPercent, "Low-pool alert");
  for (const percent of otherPercents) if (!byPercent.get(percent)?.includes("Usage alert")) add(percent, "Usage alert");
  return [...byPercent.entries()]
    .sort(([a], [b]) => a - b)
    .map(([percent, whats]) => {
      const level = alertLevel(pool, percent);
      return { percent, level, label: `${whats.join(" and ")}: below ${level.toLocaleString()} credits (${percent}%)` };
    })
    .filter((tick) => tick.level > 0);
}

/**
 * What is left in the org's pool: one bar of this month's allotment plus any
 * top-up, filled with what is left. Top-up credits sit at the right end: they
 * are spent first, so the fill drains from the right. Ticks mark where the
 * low-pool alert and the org's other pool alerts fire (`alertPercents`, for those
 * who may read them). The bar is drawn for the eye; the words beside it say the same.
 */
export function PoolGauge({
  pool,
  thresholdPercent,
  alertPercents = [],
}: {
  pool: PoolFieldsFragment;
  thresholdPercent: number;
  /** The other POOL alerts' thresholds (Team settings → Usage alerts). */
  alertPercents?: readonly number[];
}) {
  const scale = pool.monthlyAllotment + pool.topUpRemaining;
  const level = alertLevel(pool, thresholdPercent);
  const ticks = alertTicks(pool, thresholdPercent, alertPercents);
  const others = [...new Set(alertPercents)].sort((a, b) => b - a).filter((p) => alertLevel(pool, p) > 0);
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
        {ticks.map((tick) => (
          <span
            key={tick.percent}
            className={tick.percent === thresholdPercent ? "gauge__marker" : "gauge__marker gauge__marker--alert"}
            style={{ left: pct(tick.level, scale) }}
            title={tick.label}
            data-testid="gauge-tick"
          />
        ))}
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
        {others.length > 0 && (
          <div className="pool-part">
            <dt>
              <span className="swatch swatch--marker swatch--alert" aria-hidden="true" />
              {others.length === 1 ? "Usage alert" : "Usage alerts"}
            </dt>
            <dd>
              below {others.map((p) => alertLevel(pool, p).toLocaleString()).join(", ")}
              <span className="pool-part__note">{others.map((p) => `${p}%`).join(", ")} of the month's allotment</span>
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
