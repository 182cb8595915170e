import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { orgCacheId, removeFromCachedList } from "../apollo/cache-lists";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { SectionQueryState } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { UsageAlertItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import type { CapsOrg } from "./cap-target";
import { CreateUsageAlertForm } from "./create-usage-alert.form";
import { OrgUsageAlertsQuery } from "./usage-alerts.query";
import { alertLevelWords, alertScopeWords, alertSubjectWords, isSoftAlert, recipientsWords } from "./usage-alert-words";

const DeleteUsageAlertMutation = graphql(`
  mutation DeleteUsageAlert($orgId: ID!, $alertId: ID!) {
    deleteUsageAlert(orgId: $orgId, alertId: $alertId)
  }
`);

/**
 * Team settings → Usage alerts (OWNER and ADMIN): emails when what is left of the pool, of a
 * member's cap or of a Space's cap falls below a share. The soft alert is listed first: it is
 * the pool's alert for the owner, set by the low-pool threshold under Caps, never removed here.
 */
export function UsageAlertsSection({ org, myUserId }: { org: CapsOrg; myUserId: string | undefined }) {
  const query = useQuery(OrgUsageAlertsQuery, {
    variables: { orgId: org.id },
    context: { handles: PAGE_CODES },
  });
  const alerts = query.data?.org?.usageAlerts ?? [];

  return (
    <section className="card section" aria-labelledby="alerts-title" id="alerts">
      <header className="section__header">
        <h2 id="alerts-title" className="card__title">
          Usage alerts
        </h2>
        <p className="card__lead">
          An email when what is left falls below a share: of the pool's monthly credits, or of a member's or a Space's cap. Each alert fires
          once, and again only after what is left has risen above its line (a refill, a top-up, a raised cap).
        </p>
      </header>
      {!org.pool ? (
        <p className="muted">Usage alerts watch a Team or Enterprise pool and its caps; {org.name} has no pool.</p>
      ) : (
        <SectionQueryState what="usage alerts" query={query}>
          <table className="table table--stack alerts" aria-labelledby="alerts-title">
            <thead>
              <tr>
                <th scope="col">Watches</th>
                <th scope="col">Alert below</th>
                <th scope="col">Emails</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((alert) => (
                <AlertRow key={alert.id} org={org} alert={alert} />
              ))}
            </tbody>
          </table>
          <CreateUsageAlertForm org={org} myUserId={myUserId} />
        </SectionQueryState>
      )}
    </section>
  );
}

function AlertRow({ org, alert: listed }: { org: CapsOrg; alert: UsageAlertItemFragment }) {
  const notifier = useNotifier();
  const soft = isSoftAlert(listed);
  // The soft alert's threshold is the org's, which its setting above changes.
  const alert = soft ? { ...listed, thresholdPercent: org.softAlertThresholdPercent } : listed;
  const [confirming, setConfirming] = useState(false);
  const subject = alertSubjectWords(alert, org);
  const what = `${alertScopeWords(alert, org)} below ${alert.thresholdPercent}%`;
  const {
    run: remove,
    formError,
    reset,
    loading,
  } = useFormMutation(DeleteUsageAlertMutation, {
    update(cache) {
      removeFromCachedList(cache, { owner: orgCacheId(cache, org.id), field: "usageAlerts", item: listed });
      cache.evict({ id: cache.identify(listed as UsageAlertItemFragment & { __typename: "UsageAlert" }) });
      cache.gc();
    },
  });

  const onConfirm = async () => {
    if (await remove({ orgId: org.id, alertId: alert.id }))
      notifier.notify({ tone: "success", message: `Removed the usage alert on ${subject} below ${alert.thresholdPercent}%.` });
  };

  return (
    <tr>
      <th scope="row" data-label="Watches" className="cell--wrap">
        {alertScopeWords(alert, org)}
        {soft && <span className="tag">Low-pool alert</span>}
      </th>
      <td data-label="Alert below">
        <span className="alert__level">
          <strong>{alert.thresholdPercent}%</strong> <span className="muted">{alertLevelWords(alert, org)}</span>
        </span>
      </td>
      <td data-label="Emails" className="cell--wrap">
        {recipientsWords(alert.notifyRoles)}
      </td>
      <td data-label="Status">
        <AlertStatus alert={alert} />
      </td>
      <td className="cell--actions">
        {soft ? (
          <a href="#soft-alert" className="alert__soft-link">
            Change its threshold<span className="visually-hidden"> (the low-pool alert)</span>
          </a>
        ) : (
          <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> the alert on {what}</span>
          </button>
        )}
        {confirming && (
          <ConfirmDialog
            title={`Remove the alert on ${subject} below ${alert.thresholdPercent}%?`}
            confirmLabel="Remove alert"
            busyLabel="Removing…"
            busy={loading}
            error={formError}
            onConfirm={() => void onConfirm()}
            onCancel={() => {
              setConfirming(false);
              reset();
            }}
          >
            <p>
              {recipientsWords(alert.notifyRoles)} will no longer be emailed when {subject} falls below {alert.thresholdPercent}%. You can
              add it again at any time.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

/** Triggered (since when) or not (and when it last was). */
export function AlertStatus({ alert }: { alert: Pick<UsageAlertItemFragment, "triggered" | "lastTriggeredAt"> }) {
  if (alert.triggered)
    return (
      <span className="alert__status">
        <span className="status status--bad">Triggered</span>{" "}
        {alert.lastTriggeredAt && (
          <span className="muted">
            since <Time value={alert.lastTriggeredAt} format="datetime" />
          </span>
        )}
      </span>
    );
  return (
    <span className="alert__status">
      <span className="status">Not triggered</span>{" "}
      {alert.lastTriggeredAt && (
        <span className="muted">
          last <Time value={alert.lastTriggeredAt} format="datetime" />
        </span>
      )}
    </span>
  );
}
