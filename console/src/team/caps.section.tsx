import { Link } from "react-router";
import { alertLevel } from "../billing/pool-gauge.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import { PLAN_LABELS } from "../orgs/plan-badge.component";
import { billingPath } from "../routes";
import { type CapsOrg, capTarget } from "./cap-target";
import { CapRow } from "./cap-row.component";
import { SetCapForm } from "./set-cap.form";
import { SoftAlertSetting } from "./soft-alert.setting";

export const CapItemFields = graphql(`
  fragment CapItem on Cap {
    id
    scope
    targetId
    monthlyLimit
    usedThisPeriod
  }
`);

export { type CapsOrg, capTarget } from "./cap-target";

/**
 * Per-member and per-Space monthly caps and the low-pool alert. Caps limit a
 * pool: on a personal plan there is none, and the section says so.
 * OWNER and ADMIN change them (`canManage`); members see them.
 */
export function CapsSection({
  org,
  canManage,
  isOwner,
  myUserId,
}: {
  org: CapsOrg;
  canManage: boolean;
  isOwner: boolean;
  myUserId: string | undefined;
}) {
  const pool = org.pool;
  return (
    <section className="card section" aria-labelledby="caps-title" id="caps">
      <header className="section__header">
        <h2 id="caps-title" className="card__title">
          Caps
        </h2>
        <p className="card__lead">
          A cap stops one member or Space from using up the pool: at its cap, their AI calls are refused until the pool resets
          {pool && (
            <>
              {" "}
              on <Time value={pool.periodEnd} />
            </>
          )}
          . Without a cap, only the pool limits them.
        </p>
      </header>
      {pool ? (
        <>
          <CapsTable org={org} canManage={canManage} myUserId={myUserId} />
          {canManage && <SetCapForm org={org} myUserId={myUserId} />}
          <SoftAlertSetting
            orgId={org.id}
            percent={org.softAlertThresholdPercent}
            allotment={pool.monthlyAllotment}
            level={alertLevel(pool, org.softAlertThresholdPercent)}
            canManage={canManage}
          />
        </>
      ) : (
        <div className="callout callout--neutral">
          <h3 className="callout__title">Caps limit a Team pool</h3>
          <p>
            {org.name} is on the {PLAN_LABELS[org.plan]} plan, where each member spends their own credits, so there is no pool to cap and no
            low-pool alert.{" "}
            {isOwner ? (
              <Link to={billingPath(org.id)}>Upgrade to Team in Billing</Link>
            ) : (
              <>
                The owner can upgrade to Team in <Link to={billingPath(org.id)}>Billing</Link>
              </>
            )}
            .
          </p>
        </div>
      )}
    </section>
  );
}

function CapsTable({ org, canManage, myUserId }: { org: CapsOrg; canManage: boolean; myUserId: string | undefined }) {
  if (org.caps.length === 0) return <p className="muted">No caps yet: every member and Space can spend up to the whole pool.</p>;
  return (
    <table className="table table--stack caps" aria-labelledby="caps-title">
      <thead>
        <tr>
          <th scope="col">Member or Space</th>
          <th scope="col">Used this period</th>
          <th scope="col">Monthly cap</th>
          {canManage && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {org.caps.map((cap) => (
          <CapRow key={cap.id} orgId={org.id} cap={cap} target={capTarget(cap, org, myUserId)} canManage={canManage} />
        ))}
      </tbody>
    </table>
  );
}
