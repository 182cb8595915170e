import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { addToCachedList } from "../apollo/cache-lists";
import { nameProblem } from "../components/name-problem";
import { orgPath } from "../routes";

const CreateOrgMutation = graphql(`
  mutation CreateOrg($name: String!) {
    createOrg(name: $name) {
      ...OrgSummary
    }
  }
`);

/** Creates an org and opens it (the new owner's next steps are there). */
export function CreateOrgForm() {
  const notifier = useNotifier();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const {
    run: createOrg,
    formError,
    reset,
    loading,
  } = useFormMutation(CreateOrgMutation, {
    // Append to every cached `myOrgs` list (home page and org switcher alike).
    update(cache, { data }) {
      addToCachedList(cache, { field: "myOrgs", item: data?.createOrg });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const invalid = nameProblem(name, "the org");
    setNameError(invalid);
    reset();
    if (invalid) {
      input.current?.focus();
      return;
    }
    const data = await createOrg({ name });
    if (!data) return;
    form.reset();
    notifier.notify({ tone: "success", message: `Created ${data.createOrg.name}.` });
    navigate(orgPath(data.createOrg.id));
  };

  return (
    <form className="card form" aria-labelledby="create-org-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h2 id="create-org-title" className="card__title">
        Create org
      </h2>
      <p className="card__lead">You'll be its owner. Orgs start on your personal plan; upgrade to Team from Billing.</p>
      <div className="form__row">
        <FormField ref={input} label="Org name" name="name" autoComplete="organization" maxLength={LIMITS.nameMax} error={nameError} />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Creating…" : "Create org"}
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
