import { type FormEvent, useId, useRef, useState } from "react";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { endpointUrlProblem, WEBHOOK_EVENT_TYPES } from "./webhook-words";

// The secret is read from the mutation result and kept in React state only (as API keys'):
// the endpoint, without it, is normalized into the cached list.
const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($orgId: ID!, $url: String!, $eventTypes: [String!]!) {
    createWebhookEndpoint(orgId: $orgId, url: $url, eventTypes: $eventTypes) {
      secret
      endpoint {
        ...WebhookEndpointItem
      }
    }
  }
`);

type Errors = { url?: string; types?: string };

/** Adds an endpoint: its address, and every event type or only those ticked (an empty list means all). */
export function CreateWebhookForm({ orgId, onCreated }: { orgId: string; onCreated: (created: { url: string; secret: string }) => void }) {
  const typesHintId = useId();
  const typesErrorId = useId();
  const urlInput = useRef<HTMLInputElement>(null);
  const firstType = useRef<HTMLInputElement>(null);
  const [all, setAll] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const {
    run: create,
    formError,
    reset,
    loading,
  } = useFormMutation(CreateWebhookEndpointMutation, {
    // The server lists endpoints oldest first: a new one goes last.
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, orgId), field: "webhookEndpoints", item: data?.createWebhookEndpoint.endpoint });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const url = String(data.get("url") ?? "").trim();
    const eventTypes = all ? [] : WEBHOOK_EVENT_TYPES.map((t) => t.type).filter((type) => data.getAll("eventTypes").includes(type));
    const invalid: Errors = {};
    const urlProblem = endpointUrlProblem(url);
    if (urlProblem) invalid.url = urlProblem;
    if (!all && eventTypes.length === 0) invalid.types = "Pick at least one event type, or choose All events.";
    setErrors(invalid);
    reset();
    if (invalid.url) return urlInput.current?.focus();
    if (invalid.types) return firstType.current?.focus();
    const result = await create({ orgId, url, eventTypes });
    if (!result) return;
    form.reset();
    setAll(true);
    onCreated({ url: result.createWebhookEndpoint.endpoint.url, secret: result.createWebhookEndpoint.secret });
  };

  const typesDescribedBy = [typesHintId, errors.types ? typesErrorId : null].filter(Boolean).join(" ");
  return (
    <form className="form" aria-labelledby="create-webhook-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="create-webhook-title" className="section__subtitle">
        Add an endpoint
      </h3>
      <FormField
        ref={urlInput}
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://example.com/webhooks/team-billing"
        hint="An https:// address on the internet. It gets a POST with a JSON body for each event."
        error={errors.url}
      />
      <fieldset className={errors.types ? "fieldset fieldset--invalid" : "fieldset"} aria-describedby={typesDescribedBy}>
        <legend className="field__label">Events</legend>
        <p id={typesHintId} className="field__hint">
          All events includes the types added later.
        </p>
        <label className="checkbox">
          <input type="radio" name="which" value="all" checked={all} onChange={() => setAll(true)} />
          <span>All events</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="which" value="some" checked={!all} onChange={() => setAll(false)} />
          <span>Only these:</span>
        </label>
        {!all && (
          <div className="event-types">
            {WEBHOOK_EVENT_TYPES.map((t, i) => (
              <label key={t.type} className="checkbox">
                <input ref={i === 0 ? firstType : undefined} type="checkbox" name="eventTypes" value={t.type} />
                <span>
                  <code>{t.type}</code> <span className="muted">{t.description}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        {errors.types && (
          <p id={typesErrorId} className="field__error">
            {errors.types}
          </p>
        )}
      </fieldset>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Adding…" : "Add endpoint"}
        </button>
      </div>
    </form>
  );
}
