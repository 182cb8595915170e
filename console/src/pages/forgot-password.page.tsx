import { isValidEmail, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES } from "../routes";

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export default function ForgotPasswordPage() {
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { run: request, formError, reset, loading } = useFormMutation(RequestPasswordResetMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = normalizeEmail(String(new FormData(event.currentTarget).get("email") ?? ""));
    const invalid = isValidEmail(email) ? null : "Enter an email address like name@example.com.";
    setEmailError(invalid);
    reset();
    if (invalid) return;
    if (await request({ email })) setSentTo(email);
  };

  return (
    <AuthCard
      title="Reset your password"
      footer={
        <>
          Remembered it? <Link to={ROUTES.signIn.path}>Sign in</Link>
        </>
      }
    >
      <PageTitle>{ROUTES.forgotPassword.title}</PageTitle>
      {sentTo ? (
        // The same words whether or not the address has an account: the page must not tell who signed up.
        <div className="callout callout--success" role="status">
          <p>
            If an account exists for <strong>{sentTo}</strong>, we mailed a link to reset its password. It works once, for a limited time.
          </p>
        </div>
      ) : (
        <form className="form" aria-label="Reset your password" noValidate onSubmit={(e) => void onSubmit(e)}>
          <p>Enter the email you signed up with; we'll mail you a link to choose a new password.</p>
          <FormField label="Email" name="email" type="email" autoComplete="email" required error={emailError} />
          <FormError message={formError} />
          <button type="submit" className="button button--primary button--block" disabled={loading}>
            {loading ? "Sending…" : "Send the reset link"}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
