import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { OlderPages } from "../components/older-pages.component";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { WebhookDeliveryItemFragment, WebhookEndpointItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { deliveryStatus, lastResponseWords } from "./webhook-words";

export const WebhookDeliveryItemFields = graphql(`
  fragment WebhookDeliveryItem on WebhookDelivery {
    id
    eventId
    eventType
    endpointId
    status
    attempts
    lastAttemptAt
    lastResponseStatus
    lastError
    nextAttemptAt
    createdAt
  }
`);

// Newest first, a page at a time; the cache appends older pages (see createCache), and a
// test event refetches the first page so it shows on top.
export const OrgWebhookDeliveriesQuery = graphql(`
  query OrgWebhookDeliveries($orgId: ID!, $first: Int!, $after: String) {
    org(id: $orgId) {
      id
      webhookDeliveries(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...WebhookDeliveryItem
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($orgId: ID!, $deliveryId: ID!) {
    redeliverWebhook(orgId: $orgId, deliveryId: $deliveryId) {
      ...WebhookDeliveryItem
    }
  }
`);

export const DELIVERIES_PAGE_SIZE = 20;

/** The delivery log: every event sent (or being retried) to every endpoint, newest first, with Redeliver. */
export function WebhookDeliveries({ orgId, endpoints }: { orgId: string; endpoints: readonly WebhookEndpointItemFragment[] }) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(OrgWebhookDeliveriesQuery, {
    variables: { orgId, first: DELIVERIES_PAGE_SIZE },
    context: { handles: PAGE_CODES },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.org?.webhookDeliveries;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const refreshing = networkStatus === NetworkStatus.refetch;

  const urlOf = (endpointId: string) => endpoints.find((e) => e.id === endpointId)?.url ?? "A removed endpoint";

  let body: ReactNode;
  if (loading && !connection) body = <PageLoading label="Loading the delivery log…" />;
  else if (error && !connection)
    body = <PageError title="We couldn't load the delivery log" message={describeError(error).message} onRetry={() => void refetch()} />;
  else if (!connection || connection.edges.length === 0)
    body = <p className="muted">Nothing sent yet. Events appear here as they are sent; "Send test event" sends one now.</p>;
  else
    body = (
      <>
        <table className="table table--stack deliveries" aria-label="Webhook deliveries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col" className="cell--number">
                Attempts
              </th>
              <th scope="col">Last response</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <DeliveryRow key={node.id} orgId={orgId} delivery={node} url={urlOf(node.endpointId)} />
            ))}
          </tbody>
        </table>
        <OlderPages
          pageInfo={connection.pageInfo}
          loading={loadingMore}
          more={(after) => fetchMore({ variables: { after }, context: { handles: PAGE_CODES } })}
          what="deliveries"
        />
      </>
    );

  return (
    <section className="subsection" aria-labelledby="deliveries-title">
      <div className="section__header section__header--row">
        <h3 id="deliveries-title" className="section__subtitle">
          Delivery log
        </h3>
        <button type="button" className="button button--small" onClick={() => void refetch()} disabled={refreshing || loading}>
          {refreshing ? "Refreshing…" : "Refresh"}
          <span className="visually-hidden"> the delivery log</span>
        </button>
      </div>
      <p className="muted">
        Newest first. A failed delivery is retried on its own (the first retry within 10 seconds, then for 3 days); Redeliver sends it again
        now, with the same <code>webhook-id</code>.
      </p>
      {body}
    </section>
  );
}

function DeliveryRow({ orgId, delivery, url }: { orgId: string; delivery: WebhookDeliveryItemFragment; url: string }) {
  const notifier = useNotifier();
  // The answer is the same delivery, updated in place in the cache; the endpoint may have turned back on.
  const redeliver = useFormMutation(RedeliverWebhookMutation, { refetchQueries: ["OrgWebhookEndpoints"] });
  const status = deliveryStatus(delivery.status);

  const onRedeliver = async () => {
    const result = await redeliver.run({ orgId, deliveryId: delivery.id });
    if (!result) return;
    const again = result.redeliverWebhook;
    notifier.notify({
      tone: again.status === "SUCCEEDED" ? "success" : "error",
      message:
        again.status === "SUCCEEDED"
          ? `Redelivered ${again.eventType} to ${url}: ${lastResponseWords(again)}.`
          : `Redelivering ${again.eventType} to ${url} failed: ${lastResponseWords(again)}.`,
    });
  };

  return (
    <tr>
      <td data-label="When">
        <Time value={delivery.createdAt} format="datetime" />
      </td>
      <th scope="row" data-label="Event">
        <code>{delivery.eventType}</code>
      </th>
      <td data-label="Endpoint" className="cell--wrap">
        <span className="webhook__url">{url}</span>
      </td>
      <td data-label="Status">
        <span className="alert__status">
          <span className={`status status--${status.tone}`}>{status.label}</span>{" "}
          {delivery.status === "PENDING" && delivery.nextAttemptAt && (
            <span className="muted">
              next try <Time value={delivery.nextAttemptAt} format="datetime" />
            </span>
          )}
        </span>
      </td>
      <td data-label="Attempts" className="cell--number">
        {delivery.attempts.toLocaleString()}
      </td>
      <td data-label="Last response" className="cell--wrap">
        <span className="alert__status">
          <span>{lastResponseWords(delivery)}</span>{" "}
          {delivery.lastAttemptAt && (
            <span className="muted">
              <Time value={delivery.lastAttemptAt} format="datetime" />
            </span>
          )}
        </span>
        {redeliver.formError && <span className="field__error">{redeliver.formError}</span>}
      </td>
      <td className="cell--actions">
        <button type="button" className="button button--small" onClick={() => void onRedeliver()} disabled={redeliver.loading}>
          {redeliver.loading ? "Sending…" : "Redeliver"}
          <span className="visually-hidden">
            {" "}
            {delivery.eventType} to {url}
          </span>
        </button>
      </td>
    </tr>
  );
}
