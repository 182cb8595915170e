import { type FormEvent, useId, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError } from "../components/form-field.component";
import { graphql } from "../gql";
import type { BillingOrgFragment } from "../gql/graphql";
import { canManageTeam } from "../team/roles";
import { EnterpriseRequestsList, OrgEnterpriseRequestsQuery } from "./enterprise-requests.component";

const RequestEnterpriseContactMutation = graphql(`
  mutation RequestEnterpriseContact($orgId: ID!, $message: String!) {
    requestEnterpriseContact(orgId: $orgId, message: $message)
  }
`);

/** The server's limit on a contact message. */
const MESSAGE_MAX = 2_000;

/**
 * Enterprise: "Get in touch" for the OWNER, the offer in words for everyone
 * else, and the org's earlier requests for OWNER and ADMIN (the server refuses
 * them to a MEMBER); on ENTERPRISE, the terms support set up.
 */
export function EnterpriseSection({ org }: { org: BillingOrgFragment }) {
  if (org.plan === "ENTERPRISE") return <EnterpriseTerms org={org} />;
  return (
    <section className="callout enterprise" aria-labelledby="enterprise-title" id="enterprise">
      <h2 id="enterprise-title" className="callout__title">
        Always running out? Get in touch about Enterprise
      </h2>
      <p>Custom monthly credit volume, SSO and a DPA, set up with our team.</p>
      {org.myRole === "OWNER" ? <ContactForm orgId={org.id} /> : <p className="muted">The owner can get in touch from this page.</p>}
      {canManageTeam(org.myRole) && <EnterpriseRequestsList orgId={org.id} />}
    </section>
  );
}

function ContactForm({ orgId }: { orgId: string }) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [message, setMessage] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const {
    run: send,
    formError,
    reset,
    loading,
  } = useFormMutation(RequestEnterpriseContactMutation, {
    // The answer is only `true`: the earlier requests are asked again to show the new one.
    refetchQueries: [{ query: OrgEnterpriseRequestsQuery, variables: { orgId } }],
  });

  if (sent) {
    return (
      <p className="enterprise__thanks" role="status">
        {/* Says only what is sure: the request is stored and listed; whether sales is emailed depends on the deployment (finding 37). */}
        <strong>Thanks, we have your message.</strong> It is saved with this org's requests below, where our team picks it up; Enterprise
        terms appear on this page once they are set up.
      </p>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = message.trim();
    const invalid = !text
      ? "Tell us what you need, for example your monthly volume."
      : text.length > MESSAGE_MAX
        ? `Keep it under ${MESSAGE_MAX.toLocaleString()} characters.`
        : null;
    setProblem(invalid);
    reset();
    if (invalid) return textarea.current?.focus();
    if (await send({ orgId, message: text })) setSent(true);
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className="form enterprise__form" aria-label="Get in touch about Enterprise" noValidate onSubmit={(e) => void onSubmit(e)}>
      <div className={problem ? "field field--invalid" : "field"}>
        <label className="field__label" htmlFor={id}>
          What do you need?
        </label>
        <textarea
          ref={textarea}
          id={id}
          name="message"
          className="field__input field__textarea"
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
        />
        <p id={hintId} className="field__hint">
          Monthly credit volume, SSO, a DPA… {message.trim().length.toLocaleString()} of {MESSAGE_MAX.toLocaleString()} characters.
        </p>
        {problem && (
          <p id={errorId} className="field__error">
            {problem}
          </p>
        )}
      </div>
      <FormError message={formError} />
      <div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Sending…" : "Get in touch"}
        </button>
      </div>
    </form>
  );
}

function EnterpriseTerms({ org }: { org: BillingOrgFragment }) {
  return (
    <section className="card section" aria-labelledby="enterprise-title" id="enterprise">
      <header className="section__header">
        <h2 id="enterprise-title" className="card__title">
          Enterprise terms
        </h2>
        <p className="card__lead">Set up with our team. The pool above shows what is left this period.</p>
      </header>
      <dl className="facts">
        <div className="fact">
          <dt>Single sign-on</dt>
          <dd>
            <span className={org.ssoEnabled ? "status status--good" : "status"}>{org.ssoEnabled ? "Enabled" : "Not set up"}</span>
          </dd>
        </div>
        <div className="fact">
          <dt>Data processing agreement</dt>
          <dd>
            <span className={org.dpaSigned ? "status status--good" : "status"}>{org.dpaSigned ? "Signed" : "Not signed"}</span>
          </dd>
        </div>
        <div className="fact">
          <dt>Monthly credits</dt>
          <dd>{org.pool ? org.pool.monthlyAllotment.toLocaleString() : "—"}</dd>
        </div>
      </dl>
    </section>
  );
}
