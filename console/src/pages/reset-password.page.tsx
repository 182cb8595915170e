import { useApolloClient } from "@apollo/client/react";
import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { FORM_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField, focusFirstInvalid } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES } from "../routes";
import type { SignInState } from "./sign-in.page";

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);

type Errors = { password?: string; confirm?: string };

function validate(password: string, confirm: string): Errors {
  const errors: Errors = {};
  if (password.length < LIMITS.passwordMin) errors.password = `Use at least ${LIMITS.passwordMin} characters.`;
  else if (password.length > LIMITS.passwordMax) errors.password = `Use at most ${LIMITS.passwordMax} characters.`;
  else if (confirm !== password) errors.confirm = "The two passwords differ.";
  return errors;
}

export default function ResetPasswordPage() {
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [errors, setErrors] = useState<Errors>({});
  const [invalidLink, setInvalidLink] = useState(false);
  const {
    runDetailed: resetPassword,
    formError,
    reset,
    loading,
  } = useFormMutation(ResetPasswordMutation, { handles: [...FORM_CODES, "NOT_FOUND"] });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    const confirm = String(form.get("confirm") ?? "");
    const invalid = validate(password, confirm);
    setErrors(invalid);
    reset();
    if (Object.keys(invalid).length > 0) {
      focusFirstInvalid(formEl, invalid);
      return;
    }
    const { data, error } = await resetPassword({ token, password });
    if (!data) {
      // An unknown, used or expired token is BAD_USER_INPUT on `token`.
      if (error?.field === "token" || error?.code === "NOT_FOUND") setInvalidLink(true);
      else if (error?.field === "password") {
        reset();
        setErrors({ password: error.message });
      }
      return;
    }
    // Every session ended, this tab's too: nothing cached may outlive it.
    await client.clearStore();
    const state: SignInState = { notice: "Your password was changed and every session signed out. Sign in with the new password." };
    navigate(ROUTES.signIn.path, { replace: true, state });
  };

  return (
    <AuthCard title="Choose a new password" footer={<Link to={ROUTES.signIn.path}>Back to sign in</Link>}>
      <PageTitle>{ROUTES.resetPassword.title}</PageTitle>
      {invalidLink ? (
        <div className="form">
          <div className="callout callout--danger" role="alert">
            <h2 className="callout__title">This reset link isn't valid</h2>
            <p>It may have been used already, replaced by a newer one, or expired.</p>
          </div>
          <Link className="button button--primary button--block" to={ROUTES.forgotPassword.path}>
            Send a new link
          </Link>
        </div>
      ) : (
        <form className="form" aria-label="Choose a new password" noValidate onSubmit={(e) => void onSubmit(e)}>
          <FormField
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            hint={`At least ${LIMITS.passwordMin} characters. Every session of your account ends.`}
            error={errors.password}
          />
          <FormField
            label="New password again"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirm}
          />
          <FormError message={formError} />
          <button type="submit" className="button button--primary button--block" disabled={loading}>
            {loading ? "Saving…" : "Set new password"}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
