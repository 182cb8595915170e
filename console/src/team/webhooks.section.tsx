import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { PAGE_CODES } from "../apollo/error.link";
import { SectionQueryState } from "../components/page-state.component";
import { graphql } from "../gql";
import { CreateWebhookForm } from "./create-webhook.form";
import { WebhookDeliveries } from "./webhook-deliveries.component";
import { WebhookEndpointRow } from "./webhook-endpoint-row.component";
import { WebhookSecretCallout } from "./webhook-secret.callout";

export const WebhookEndpointItemFields = graphql(`
  fragment WebhookEndpointItem on WebhookEndpoint {
    id
    url
    eventTypes
    createdAt
    disabled
    failingSince
  }
`);

// Its own query: the server answers `webhookEndpoints` to OWNER and ADMIN only.
export const OrgWebhookEndpointsQuery = graphql(`
  query OrgWebhookEndpoints($orgId: ID!) {
    org(id: $orgId) {
      id
      webhookEndpoints {
        ...WebhookEndpointItem
      }
    }
  }
`);

/**
 * Team settings → Webhooks (OWNER and ADMIN): endpoints that receive the org's events,
 * signed per Standard Webhooks; the signing secret shown once when one is added; a test
 * event per endpoint; and the delivery log, newest first, with Redeliver.
 */
export function WebhooksSection({ orgId }: { orgId: string }) {
  const query = useQuery(OrgWebhookEndpointsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const endpoints = query.data?.org?.webhookEndpoints ?? [];

  return (
    <section className="card section" aria-labelledby="webhooks-title" id="webhooks">
      <header className="section__header">
        <h2 id="webhooks-title" className="card__title">
          Webhooks
        </h2>
        <p className="card__lead">
          Your systems hear of alerts, caps, plan, seat and invoice changes as they happen: each event is POSTed to the endpoints below,
          signed per the Standard Webhooks spec, and retried for 3 days until it is answered with a 2xx.
        </p>
      </header>
      {created && <WebhookSecretCallout url={created.url} secret={created.secret} onDone={() => setCreated(null)} />}
      <SectionQueryState what="webhook endpoints" query={query}>
        {endpoints.length === 0 ? (
          <p className="muted">No webhook endpoints yet.</p>
        ) : (
          <table className="table table--stack webhooks" aria-label="Webhook endpoints">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <WebhookEndpointRow key={endpoint.id} orgId={orgId} endpoint={endpoint} />
              ))}
            </tbody>
          </table>
        )}
      </SectionQueryState>
      <WebhookDeliveries orgId={orgId} endpoints={endpoints} />
      <CreateWebhookForm orgId={orgId} onCreated={setCreated} />
    </section>
  );
}
