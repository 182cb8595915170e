import { useQuery } from "@apollo/client/react";
import { SOFT_ALERT_ID } from "../apollo/client";
import { PAGE_CODES } from "../apollo/error.link";
import { graphql } from "../gql";

export const UsageAlertItemFields = graphql(`
  fragment UsageAlertItem on UsageAlert {
    id
    scope
    targetId
    thresholdPercent
    notifyRoles
    triggered
    lastTriggeredAt
  }
`);

// Its own query: the server answers `usageAlerts` to OWNER and ADMIN only, and a refused
// field inside a page's query would blank the whole org. Team settings lists it; the pool
// gauges of Billing and Org usage read its POOL thresholds from the same cache entry.
export const OrgUsageAlertsQuery = graphql(`
  query OrgUsageAlerts($orgId: ID!) {
    org(id: $orgId) {
      id
      usageAlerts {
        ...UsageAlertItem
      }
    }
  }
`);

/**
 * The thresholds (percent of the monthly allotment) of the org's POOL alerts other than the
 * soft alert, for the pool gauge's ticks; none for a reader who may not list alerts, or while
 * they load (the gauge then marks the soft alert only: a tick is no reason for an error).
 */
export function usePoolAlertPercents(orgId: string, canRead: boolean): number[] {
  const { data } = useQuery(OrgUsageAlertsQuery, { variables: { orgId }, skip: !canRead, context: { handles: PAGE_CODES } });
  return (data?.org?.usageAlerts ?? []).filter((a) => a.scope === "POOL" && a.id !== SOFT_ALERT_ID).map((a) => a.thresholdPercent);
}
