import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useId, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import type { ApiKeyScope } from "../gql/graphql";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";

// The secret is read from the mutation result and kept in React state only: Apollo
// writes mutation results under ROOT_MUTATION and clears them right after `update`,
// while the ApiKey (no secret) is normalized into the cached list.
const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($orgId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {
    createApiKey(orgId: $orgId, name: $name, scopes: $scopes) {
      secret
      apiKey {
        ...ApiKeyItem
      }
    }
  }
`);

export const SCOPES: readonly { value: ApiKeyScope; description: string }[] = [
  { value: "USAGE_WRITE", description: "Record model calls (the AI gateway)" },
  { value: "USAGE_READ", description: "Read usage reports and events" },
  { value: "BILLING_READ", description: "Read the plan, pool, subscription and invoices" },
];

type Errors = { name?: string; scopes?: string };

export function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (key: { name: string; secret: string }) => void }) {
  const scopesHintId = useId();
  const scopesErrorId = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const firstScope = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const {
    run: createApiKey,
    formError,
    reset,
    loading,
  } = useFormMutation(CreateApiKeyMutation, {
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, orgId), field: "apiKeys", item: data?.createApiKey.apiKey });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const scopes = SCOPES.map((s) => s.value).filter((scope) => data.getAll("scopes").includes(scope));
    const invalid: Errors = {};
    if (!name) invalid.name = "Name the key after what uses it, like “Gateway (production)”.";
    else if (name.length > LIMITS.nameMax) invalid.name = `Keep the name under ${LIMITS.nameMax} characters.`;
    if (scopes.length === 0) invalid.scopes = "Pick at least one scope.";
    setErrors(invalid);
    reset();
    if (invalid.name) return nameInput.current?.focus();
    if (invalid.scopes) return firstScope.current?.focus();
    const result = await createApiKey({ orgId, name, scopes });
    if (!result) return;
    form.reset();
    onCreated({ name: result.createApiKey.apiKey.name, secret: result.createApiKey.secret });
  };

  const scopesDescribedBy = [scopesHintId, errors.scopes ? scopesErrorId : null].filter(Boolean).join(" ");
  return (
    <form className="form" aria-labelledby="create-api-key-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="create-api-key-title" className="section__subtitle">
        Create an API key
      </h3>
      <FormField ref={nameInput} label="Key name" name="name" autoComplete="off" maxLength={LIMITS.nameMax} error={errors.name} />
      <fieldset className={errors.scopes ? "fieldset fieldset--invalid" : "fieldset"} aria-describedby={scopesDescribedBy}>
        <legend className="field__label">Scopes</legend>
        <p id={scopesHintId} className="field__hint">
          Give the key only what its integration needs.
        </p>
        {SCOPES.map((scope, i) => (
          <label key={scope.value} className="checkbox">
            <input ref={i === 0 ? firstScope : undefined} type="checkbox" name="scopes" value={scope.value} />
            <span>
              <code>{scope.value}</code> <span className="muted">{scope.description}</span>
            </span>
          </label>
        ))}
        {errors.scopes && (
          <p id={scopesErrorId} className="field__error">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Creating…" : "Create API key"}
        </button>
      </div>
    </form>
  );
}
