import { useMutation } from "@apollo/client/react";
import { isValidEmail, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField, focusFirstInvalid } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES, safeNextPath, signUpPath } from "../routes";
import { MeQuery } from "../session/route.guard";

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...SessionUser
    }
  }
`);

type Errors = { email?: string; password?: string; form?: string };

/** What another page may tell the person on arrival (e.g. after a password reset). */
export interface SignInState {
  notice?: string;
}

function validate(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!isValidEmail(email)) errors.email = "Enter the email you signed up with, like name@example.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const notice = (useLocation().state as SignInState | null)?.notice;
  const [errors, setErrors] = useState<Errors>({});
  const [login, { loading }] = useMutation(LoginMutation, {
    context: INLINE_ERRORS,
    // Seed the session so the next page does not ask the server who we are.
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: MeQuery, data: { me: data.login } });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const email = normalizeEmail(String(form.get("email") ?? ""));
    const password = String(form.get("password") ?? "");
    const invalid = validate(email, password);
    setErrors(invalid);
    if (invalid.email || invalid.password) {
      focusFirstInvalid(formEl, invalid);
      return;
    }
    try {
      await login({ variables: { email, password } });
      navigate(safeNextPath(params.get("next")), { replace: true });
    } catch (error) {
      const { code, message } = describeError(error);
      // "Please sign in." would be no help on the sign-in page itself.
      setErrors({ form: code === "UNAUTHENTICATED" ? "That email and password don't match an account." : message });
    }
  };

  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New here? <Link to={signUpPath(params.get("next"))}>Create an account</Link>
        </>
      }
    >
      <PageTitle>{ROUTES.signIn.title}</PageTitle>
      {notice && (
        <p className="callout callout--success" role="status">
          {notice}
        </p>
      )}
      <form className="form" aria-label="Sign in" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <FormError message={errors.form ?? null} />
        <button type="submit" className="button button--primary button--block" disabled={loading}>
          {loading ? "Signing in…" : "Sign in"}
        </button>
        <p className="form__aside">
          <Link to={ROUTES.forgotPassword.path}>Forgot your password?</Link>
        </p>
      </form>
    </AuthCard>
  );
}
