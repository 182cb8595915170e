import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";
import { nameProblem } from "../components/name-problem";

const CreateSpaceMutation = graphql(`
  mutation CreateSpace($orgId: ID!, $name: String!) {
    createSpace(orgId: $orgId, name: $name) {
      ...SpaceItem
    }
  }
`);

export function CreateSpaceForm({ orgId }: { orgId: string }) {
  const notifier = useNotifier();
  const input = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const {
    run: createSpace,
    formError,
    reset,
    loading,
  } = useFormMutation(CreateSpaceMutation, {
    // The server lists Spaces oldest first; the new one goes last.
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, orgId), field: "spaces", item: data?.createSpace });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const invalid = nameProblem(name, "the Space");
    setNameError(invalid);
    reset();
    if (invalid) {
      input.current?.focus();
      return;
    }
    const data = await createSpace({ orgId, name });
    if (!data) return;
    form.reset();
    notifier.notify({ tone: "success", message: `Created the Space ${data.createSpace.name}.` });
  };

  return (
    <form className="form" aria-labelledby="create-space-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="create-space-title" className="section__subtitle">
        Create a Space
      </h3>
      <div className="form__row">
        <FormField ref={input} label="Space name" name="name" autoComplete="off" maxLength={LIMITS.nameMax} error={nameError} />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Creating…" : "Create Space"}
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
