import type { ReactNode } from "react";
import type { PoolFieldsFragment } from "../gql/graphql";
import { PoolGauge } from "./pool-gauge.component";

/** The org's credit pool as a card; orgs without one (not on Team or Enterprise) say so. */
export function PoolSection({
  pool,
  thresholdPercent,
  alertPercents,
  lead,
}: {
  pool: PoolFieldsFragment | null | undefined;
  thresholdPercent: number;
  /** The org's other POOL alerts' thresholds, ticked on the gauge. */
  alertPercents?: readonly number[];
  lead?: ReactNode;
}) {
  return (
    <section className="card section" aria-labelledby="pool-title" id="pool">
      <header className="section__header">
        <h2 id="pool-title" className="card__title">
          Credit pool
        </h2>
        {lead && <p className="card__lead">{lead}</p>}
      </header>
      {pool ? (
        <PoolGauge pool={pool} thresholdPercent={thresholdPercent} alertPercents={alertPercents} />
      ) : (
        <p className="muted">No shared pool: the org is not on Team or Enterprise.</p>
      )}
    </section>
  );
}
