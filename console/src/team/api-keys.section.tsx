import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { CopyButton } from "../components/copy-button.component";
import { SectionQueryState } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { ApiKeyItemFragment } from "../gql/graphql";
import { useServerPublicUrl } from "../layout/server-clock";
import { useNotifier } from "../notifications/notification-center.component";
import { ApiKeySecretCallout } from "./api-key-secret.callout";
import { CreateApiKeyForm } from "./create-api-key.form";

export const ApiKeyItemFields = graphql(`
  fragment ApiKeyItem on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    lastUsedAt
    createdByUserId
    createdByName
  }
`);

// Its own query: the server answers `apiKeys` to OWNER and ADMIN only, and a
// refused field inside the page's query would blank the whole org.
export const OrgApiKeysQuery = graphql(`
  query OrgApiKeys($orgId: ID!) {
    org(id: $orgId) {
      id
      apiKeys {
        ...ApiKeyItem
      }
    }
  }
`);

// Served from the cache Team settings filled (the same fields): the ids an integration sends.
const IntegrationIdsQuery = graphql(`
  query IntegrationIds($orgId: ID!) {
    org(id: $orgId) {
      id
      members {
        id
        user {
          id
          name
        }
      }
      spaces {
        id
        name
      }
    }
  }
`);

/** A ready-to-paste `recordUsage` call: the server's address, this org, one member and one Space. */
export function recordUsageExample(serverUrl: string, orgId: string, memberId: string, spaceId: string): string {
  const body = {
    query: "mutation Record($input: RecordUsageInput!) { recordUsage(input: $input) { creditsCharged poolRemaining } }",
    variables: { input: { orgId, memberId, spaceId, model: "gpt-4o", credits: 100, idempotencyKey: "call-0001" } },
  };
  return [
    `curl -s ${serverUrl}/graphql \\`,
    `  -H "Authorization: Bearer $TEAM_BILLING_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join("\n");
}

/** Member and Space ids with copy buttons, and a call that works once the key is pasted in. */
function IntegrationIds({ orgId }: { orgId: string }) {
  const { data } = useQuery(IntegrationIdsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  // The address the server says it is at; this page's origin until it has said.
  const serverUrl = useServerPublicUrl() ?? window.location.origin;
  const org = data?.org;
  if (!org) return null;
  const member = org.members[0];
  const space = org.spaces[0];
  return (
    <details className="integration-ids">
      <summary>IDs for integrations</summary>
      <p className="muted">
        <code>recordUsage</code> names the org, the member who made the call and the Space it was for.
      </p>
      <table className="table table--stack" aria-label="IDs for integrations">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Name</th>
            <th scope="col">Id</th>
            <th scope="col">
              <span className="visually-hidden">Copy</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <IdRow what="Org" name="This org" id={org.id} />
          {org.members.map((m) => (
            <IdRow key={m.id} what="Member" name={m.user.name} id={m.id} />
          ))}
          {org.spaces.map((sp) => (
            <IdRow key={sp.id} what="Space" name={sp.name} id={sp.id} />
          ))}
        </tbody>
      </table>
      {member && space ? (
        <>
          <h3 className="card__subtitle">Try it</h3>
          <p className="muted">
            Records 100 credits for {member.user.name} in {space.name}. Put an API key with the USAGE_WRITE scope in{" "}
            <code>TEAM_BILLING_API_KEY</code> first; a new <code>idempotencyKey</code> makes a new call.
          </p>
          <pre className="code-block" title="recordUsage example">
            {recordUsageExample(serverUrl, org.id, member.id, space.id)}
          </pre>
          <CopyButton
            text={recordUsageExample(serverUrl, org.id, member.id, space.id)}
            label="Copy"
            labelSuffix="the example"
            what="The example"
          />
        </>
      ) : (
        <p className="muted">Create a Space (above) for a ready-to-paste example.</p>
      )}
    </details>
  );
}

function IdRow({ what, name, id }: { what: string; name: string; id: string }) {
  return (
    <tr>
      <td data-label="What">{what}</td>
      <th scope="row" data-label="Name" className="cell--wrap">
        {name}
      </th>
      <td data-label="Id">
        <code>{id}</code>
      </td>
      <td className="cell--actions">
        <CopyButton text={id} label="Copy" labelSuffix={`the id of ${name}`} what={`The id of ${name}`} />
      </td>
    </tr>
  );
}

const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($orgId: ID!, $apiKeyId: ID!) {
    revokeApiKey(orgId: $orgId, apiKeyId: $apiKeyId)
  }
`);

export function ApiKeysSection({ orgId }: { orgId: string }) {
  const query = useQuery(OrgApiKeysQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const keys = query.data?.org?.apiKeys ?? [];

  return (
    <section className="card section" aria-labelledby="api-keys-title" id="api-keys">
      <header className="section__header">
        <h2 id="api-keys-title" className="card__title">
          API keys
        </h2>
        <p className="card__lead">Integrations use these to record usage and read reports for this org.</p>
      </header>
      {created && <ApiKeySecretCallout name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
      <SectionQueryState what="API keys" query={query}>
        {keys.length === 0 ? (
          <p className="muted">No API keys yet.</p>
        ) : (
          <table className="table table--stack api-keys" aria-labelledby="api-keys-title">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Created by</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <ApiKeyRow key={key.id} orgId={orgId} apiKey={key} />
              ))}
            </tbody>
          </table>
        )}
      </SectionQueryState>
      <CreateApiKeyForm orgId={orgId} onCreated={setCreated} />
      <IntegrationIds orgId={orgId} />
    </section>
  );
}

function ApiKeyRow({ orgId, apiKey }: { orgId: string; apiKey: ApiKeyItemFragment }) {
  const notifier = useNotifier();
  const [confirming, setConfirming] = useState(false);
  const {
    run: revoke,
    formError: error,
    reset,
    loading,
  } = useFormMutation(RevokeApiKeyMutation, {
    update(cache) {
      cache.evict({ id: cache.identify(apiKey) });
      cache.gc();
    },
  });

  const onConfirm = async () => {
    if (await revoke({ orgId, apiKeyId: apiKey.id })) notifier.notify({ tone: "success", message: `Revoked the API key ${apiKey.name}.` });
  };

  return (
    <tr>
      <th scope="row" data-label="Name" className="cell--wrap">
        {apiKey.name}
      </th>
      <td data-label="Key">
        <code>{apiKey.prefix}…</code>
      </td>
      <td data-label="Scopes">
        <ul className="scopes" aria-label={`Scopes of ${apiKey.name}`}>
          {apiKey.scopes.map((scope) => (
            <li key={scope}>
              <code className="scope">{scope}</code>
            </li>
          ))}
        </ul>
      </td>
      <td data-label="Created">
        <Time value={apiKey.createdAt} />
      </td>
      <td data-label="Created by" className="cell--wrap">
        {/* Null for keys older than the field, or whose creator's account is gone. */}
        {apiKey.createdByName ?? <span className="muted">Unknown</span>}
      </td>
      <td data-label="Last used">
        {apiKey.lastUsedAt ? <Time value={apiKey.lastUsedAt} format="datetime" /> : <span className="muted">Never</span>}
      </td>
      <td className="cell--actions">
        <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)}>
          Revoke<span className="visually-hidden"> {apiKey.name}</span>
        </button>
        {confirming && (
          <ConfirmDialog
            title={`Revoke the API key “${apiKey.name}”?`}
            confirmLabel="Revoke key"
            busyLabel="Revoking…"
            busy={loading}
            error={error}
            onConfirm={() => void onConfirm()}
            onCancel={() => {
              setConfirming(false);
              reset();
            }}
          >
            <p>
              Integrations using <code>{apiKey.prefix}…</code> stop working at once. This can't be undone; you can create a new key.
            </p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
