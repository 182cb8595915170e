import { useState } from "react";
import { orgCacheId, removeFromCachedList } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { WebhookDeliveryItemFragment, WebhookEndpointItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { eventTypesWords, lastResponseWords } from "./webhook-words";

const PingWebhookEndpointMutation = graphql(`
  mutation PingWebhookEndpoint($orgId: ID!, $endpointId: ID!) {
    pingWebhookEndpoint(orgId: $orgId, endpointId: $endpointId) {
      ...WebhookDeliveryItem
    }
  }
`);

const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($orgId: ID!, $endpointId: ID!) {
    deleteWebhookEndpoint(orgId: $orgId, endpointId: $endpointId)
  }
`);

/** What a test event got, in one line: "Test event delivered: HTTP 200", "Test event failed: connection refused". */
export function pingResultWords(delivery: Pick<WebhookDeliveryItemFragment, "status" | "attempts" | "lastResponseStatus" | "lastError">) {
  return delivery.status === "SUCCEEDED"
    ? `Test event delivered: ${lastResponseWords(delivery)}`
    : `Test event failed: ${lastResponseWords(delivery)}`;
}

/** One endpoint: where it points, what it receives, whether it answers; "Send test event" and Remove. */
export function WebhookEndpointRow({ orgId, endpoint }: { orgId: string; endpoint: WebhookEndpointItemFragment }) {
  const notifier = useNotifier();
  const [confirming, setConfirming] = useState(false);
  const [pinged, setPinged] = useState<WebhookDeliveryItemFragment | null>(null);
  // The test event is a new delivery (the log shows it first) and may turn a failing endpoint back on.
  const ping = useFormMutation(PingWebhookEndpointMutation, { refetchQueries: ["OrgWebhookDeliveries", "OrgWebhookEndpoints"] });
  const remove = useFormMutation(DeleteWebhookEndpointMutation, {
    update(cache) {
      removeFromCachedList(cache, { owner: orgCacheId(cache, orgId), field: "webhookEndpoints", item: endpoint });
    },
  });

  const onPing = async () => {
    setPinged(null);
    const result = await ping.run({ orgId, endpointId: endpoint.id });
    if (result) setPinged(result.pingWebhookEndpoint);
  };

  const onRemove = async () => {
    if (await remove.run({ orgId, endpointId: endpoint.id }))
      notifier.notify({ tone: "success", message: `Removed the webhook endpoint ${endpoint.url}.` });
  };

  return (
    <tr>
      <th scope="row" data-label="Endpoint" className="cell--wrap">
        <span className="webhook__url">{endpoint.url}</span>
        <span className="webhook__meta muted">
          Added <Time value={endpoint.createdAt} />
        </span>
        {/* A live region, there from the start, so the button's answer is announced when it comes. */}
        <span
          role="status"
          className={
            !pinged
              ? "webhook__ping"
              : pinged.status === "SUCCEEDED"
                ? "webhook__ping webhook__ping--good"
                : "webhook__ping webhook__ping--bad"
          }
        >
          {pinged ? pingResultWords(pinged) : ""}
        </span>
        {ping.formError && <span className="field__error">{ping.formError}</span>}
      </th>
      <td data-label="Events" className="cell--wrap">
        {endpoint.eventTypes.length === 0 ? (
          eventTypesWords(endpoint.eventTypes)
        ) : (
          <ul className="scopes" aria-label={`Events sent to ${endpoint.url}`}>
            {endpoint.eventTypes.map((type) => (
              <li key={type}>
                <code className="scope">{type}</code>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Status">
        <EndpointStatus endpoint={endpoint} />
      </td>
      <td className="cell--actions">
        <div className="row-actions">
          <button type="button" className="button button--small" onClick={() => void onPing()} disabled={ping.loading}>
            {ping.loading ? "Sending…" : "Send test event"}
            <span className="visually-hidden"> to {endpoint.url}</span>
          </button>
          <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> {endpoint.url}</span>
          </button>
        </div>
        {confirming && (
          <ConfirmDialog
            title="Remove this webhook endpoint?"
            confirmLabel="Remove endpoint"
            busyLabel="Removing…"
            busy={remove.loading}
            error={remove.formError}
            onConfirm={() => void onRemove()}
            onCancel={() => {
              setConfirming(false);
              remove.reset();
            }}
          >
            <p>
              Nothing more is sent to <code>{endpoint.url}</code>, and its deliveries still waiting for a retry fail. This can't be undone;
              you can add the address again, with a new secret.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

/** Active, failing (since when) or disabled after 3 days of failures. */
function EndpointStatus({ endpoint }: { endpoint: WebhookEndpointItemFragment }) {
  if (endpoint.disabled)
    return (
      <span className="alert__status">
        <span className="status status--bad">Disabled</span>{" "}
        {endpoint.failingSince && (
          <span className="muted">
            failing since <Time value={endpoint.failingSince} format="datetime" />
          </span>
        )}{" "}
        <span className="muted">A successful test event turns it back on.</span>
      </span>
    );
  if (endpoint.failingSince)
    return (
      <span className="alert__status">
        <span className="status status--bad">Failing</span>{" "}
        <span className="muted">
          since <Time value={endpoint.failingSince} format="datetime" />
        </span>
      </span>
    );
  return <span className="status status--good">Active</span>;
}
