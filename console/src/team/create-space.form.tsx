import { useMutation } from "@apollo/client/react";
import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { FormError, FormField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { REFETCH_AUDIT_LOG } from "./audit-log.section";

const CreateSpaceMutation = graphql(`
  mutation CreateSpace($orgId: ID!, $name: String!) {
    createSpace(orgId: $orgId, name: $name) {
      ...SpaceItem
    }
  }
`);

function validateName(name: string): string | null {
  if (!name) return "Give the Space a name.";
  if (name.length > LIMITS.nameMax) return `Keep the name under ${LIMITS.nameMax} characters.`;
  return null;
}

export function CreateSpaceForm({ orgId }: { orgId: string }) {
  const notifier = useNotifier();
  const input = useRef<HTMLInputElement>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [createSpace, { loading }] = useMutation(CreateSpaceMutation, {
    context: INLINE_ERRORS,
    ...REFETCH_AUDIT_LOG,
    // The server lists Spaces oldest first; the new one goes last.
    update(cache, { data }) {
      const space = data?.createSpace;
      const id = space && cache.identify(space);
      if (!id) return;
      cache.modify({
        id: cache.identify({ __typename: "Org", id: orgId }),
        fields: {
          spaces(existing: readonly { __ref: string }[] = [], { toReference }) {
            const ref = toReference(id);
            if (!ref || existing.some((r) => r.__ref === ref.__ref)) return existing;
            return [...existing, ref];
          },
        },
      });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    const invalid = validateName(name);
    setNameError(invalid);
    setFormError(null);
    if (invalid) {
      input.current?.focus();
      return;
    }
    try {
      const { data } = await createSpace({ variables: { orgId, name } });
      form.reset();
      notifier.notify({ tone: "success", message: `Created the Space ${data?.createSpace.name ?? name}.` });
    } catch (error) {
      setFormError(describeError(error).message);
    }
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
