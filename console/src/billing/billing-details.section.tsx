import { useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField, focusFirstInvalid, SelectField } from "../components/form-field.component";
import { graphql } from "../gql";
import type { BillingDetailsFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import {
  checkDetails,
  DEFAULT_TAX_ID_TYPE,
  type DetailsErrors,
  EMAIL_PROBLEM,
  SERVER_FIELDS,
  TAX_ID_OPTIONS,
  TAX_TYPE_PROBLEM,
  taxIdExample,
  taxIdLabel,
  taxValueProblem,
} from "./billing-details";

export const BillingDetailsFields = graphql(`
  fragment BillingDetails on Org {
    id
    billingEmail
    taxIds {
      type
      value
    }
  }
`);

const OrgBillingDetailsQuery = graphql(`
  query OrgBillingDetails($orgId: ID!) {
    org(id: $orgId) {
      ...BillingDetails
    }
  }
`);

const UpdateBillingDetailsMutation = graphql(`
  mutation UpdateBillingDetails($orgId: ID!, $billingEmail: String, $taxId: TaxIdInput) {
    updateBillingDetails(orgId: $orgId, billingEmail: $billingEmail, taxId: $taxId) {
      ...BillingDetails
    }
  }
`);

/** The billing email and tax ID invoices are made out to: OWNER and ADMIN read them, the OWNER edits. */
export function BillingDetailsSection({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { data, error } = useQuery(OrgBillingDetailsQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const details = data?.org;
  return (
    <section className="card section" aria-labelledby="billing-details-title" id="billing-details">
      <header className="section__header">
        <h2 id="billing-details-title" className="card__title">
          Billing details
        </h2>
        <p className="card__lead">Both go to Stripe and appear on every future invoice; invoices already issued stay as they were.</p>
      </header>
      {details ? (
        <>
          <DetailsFacts details={details} />
          {canEdit ? <BillingDetailsForm details={details} /> : <p className="muted">Only the owner can change the billing details.</p>}
        </>
      ) : error ? (
        <p className="muted">We couldn't load the billing details: {describeError(error).message}</p>
      ) : (
        <p className="muted" role="status">
          Loading billing details…
        </p>
      )}
    </section>
  );
}

function DetailsFacts({ details }: { details: BillingDetailsFragment }) {
  const taxId = details.taxIds[0];
  return (
    <dl className="facts">
      <div className="fact">
        <dt>Billing email</dt>
        <dd className="cell--wrap">{details.billingEmail ?? <span className="fact__plain">The owner's email</span>}</dd>
      </div>
      <div className="fact">
        <dt>Tax ID</dt>
        <dd>
          {taxId ? (
            <>
              {taxId.value}
              <span className="fact__note">{taxIdLabel(taxId.type)}</span>
            </>
          ) : (
            <span className="fact__plain">None</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function BillingDetailsForm({ details }: { details: BillingDetailsFragment }) {
  const notifier = useNotifier();
  const saved = details.taxIds[0];
  const [email, setEmail] = useState(details.billingEmail ?? "");
  const [type, setType] = useState<string>(saved?.type ?? DEFAULT_TAX_ID_TYPE);
  const [value, setValue] = useState(saved?.value ?? "");
  const [errors, setErrors] = useState<DetailsErrors>({});
  const { runDetailed: update, formError, reset, loading } = useFormMutation(UpdateBillingDetailsMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkDetails(email, type, value);
    if ("errors" in checked) {
      setErrors(checked.errors);
      focusFirstInvalid(form, checked.errors);
      return;
    }
    setErrors({});
    const { data, error } = await update({ orgId: details.id, ...checked.input });
    if (data) {
      const now = data.updateBillingDetails;
      setEmail(now.billingEmail ?? "");
      setValue(now.taxIds[0]?.value ?? "");
      notifier.notify({ tone: "success", message: "Billing details saved. They appear on every future invoice." });
      return;
    }
    // The server checks the same rules; its verdict goes next to the field it names (and only there).
    const field = error?.handled ? SERVER_FIELDS[error.field ?? ""] : undefined;
    if (!field) return;
    reset();
    const next: DetailsErrors =
      field === "billingEmail"
        ? { billingEmail: EMAIL_PROBLEM }
        : field === "taxIdType"
          ? { taxIdType: TAX_TYPE_PROBLEM }
          : { taxIdValue: taxValueProblem(type) };
    setErrors(next);
    focusFirstInvalid(form, next);
  };

  return (
    <form className="form" aria-labelledby="billing-details-form-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="billing-details-form-title" className="section__subtitle">
        Change billing details
      </h3>
      <div className="form__row form__row--details">
        <FormField
          label="Billing email"
          name="billingEmail"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          hint="Where Stripe sends invoices and receipts. Leave empty to use the owner's email."
          error={errors.billingEmail}
        />
      </div>
      <div className="form__row form__row--details">
        <SelectField
          label="Tax ID type"
          name="taxIdType"
          options={TAX_ID_OPTIONS}
          value={type}
          onChange={(e) => setType(e.target.value)}
          error={errors.taxIdType}
        />
        <FormField
          label="Tax ID"
          name="taxIdValue"
          autoComplete="off"
          spellCheck={false}
          placeholder={taxIdExample(type)}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint={`For example ${taxIdExample(type)}. Leave empty to remove the tax ID.`}
          error={errors.taxIdValue}
        />
      </div>
      <FormError message={errors.form ?? formError} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Saving…" : "Save billing details"}
        </button>
      </div>
    </form>
  );
}
