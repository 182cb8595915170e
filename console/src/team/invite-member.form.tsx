import { isValidEmail, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField, SelectField } from "../components/form-field.component";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";
import { ASSIGNABLE_ROLES, isAssignableRole } from "./roles";
import { addToCachedList, orgCacheId } from "../apollo/cache-lists";

const InviteMemberMutation = graphql(`
  mutation InviteMember($orgId: ID!, $email: String!, $role: Role!) {
    inviteMember(orgId: $orgId, email: $email, role: $role) {
      ...PendingInvitation
    }
  }
`);

export function InviteMemberForm({ orgId }: { orgId: string }) {
  const notifier = useNotifier();
  const emailInput = useRef<HTMLInputElement>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const {
    run: invite,
    formError,
    reset,
    loading,
  } = useFormMutation(InviteMemberMutation, {
    // The server lists pending invitations newest first; put the new one on top.
    update(cache, { data }) {
      addToCachedList(cache, { owner: orgCacheId(cache, orgId), field: "invitations", item: data?.inviteMember, at: "start" });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = normalizeEmail(String(data.get("email") ?? ""));
    const role = String(data.get("role") ?? "");
    const invalid = isValidEmail(email) ? null : "Enter an email address like name@example.com.";
    setEmailError(invalid);
    reset();
    if (invalid) {
      emailInput.current?.focus();
      return;
    }
    if (!isAssignableRole(role)) return;
    if (!(await invite({ orgId, email, role }))) return;
    form.reset();
    notifier.notify({ tone: "success", message: `Invitation sent to ${email}.` });
  };

  return (
    <form className="form" aria-labelledby="invite-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="invite-title" className="section__subtitle">
        Invite someone
      </h3>
      <div className="form__row form__row--invite">
        <FormField ref={emailInput} label="Email" name="email" type="email" autoComplete="off" error={emailError} />
        <SelectField label="Role" name="role" options={ASSIGNABLE_ROLES} defaultValue="MEMBER" />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Inviting…" : "Send invitation"}
        </button>
      </div>
      <p className="field__hint">
        We email them a link that works for 7 days, for an account with that email. They count as a seat once they accept.
      </p>
      <FormError message={formError} />
    </form>
  );
}
