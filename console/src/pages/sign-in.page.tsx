import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { isValidEmail, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { FORM_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField, focusFirstInvalid } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES, safeNextPath, signUpPath } from "../routes";
import { MeQuery } from "../session/route.guard";
import type { SignInState, SignUpState } from "./auth-state";

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...SessionUser
    }
  }
`);

type Errors = { email?: string; password?: string };

/** What another page may tell the person on arrival (e.g. after a password reset), and the email to start from. */
export type { SignInState } from "./auth-state";

function validate(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!isValidEmail(email)) errors.email = "Enter the email you signed up with, like name@example.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

/** How long the lockout lasts, from RATE_LIMITED's `extensions.retryAfter` (seconds), in words. */
export function lockoutMessage(error: unknown): string {
  const raw = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.retryAfter : undefined;
  const seconds = typeof raw === "number" && Number.isFinite(raw) && raw > 0 ? Math.ceil(raw) : null;
  if (seconds === null) return "Too many sign-in attempts. Wait a few minutes, then try again, or reset your password.";
  const wait =
    seconds < 60
      ? `${seconds} ${seconds === 1 ? "second" : "seconds"}`
      : `${Math.ceil(seconds / 60)} ${Math.ceil(seconds / 60) === 1 ? "minute" : "minutes"}`;
  return `Too many sign-in attempts: sign-in is paused for about ${wait}, even with the right password. You can reset your password meanwhile.`;
}

export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const arrival = useLocation().state as SignInState | null;
  const notice = arrival?.notice;
  // Kept as typed, so "Create an account" carries it over.
  const [typedEmail, setTypedEmail] = useState(arrival?.email ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const {
    runDetailed: login,
    formError,
    reset,
    fail,
    loading,
  } = useFormMutation(LoginMutation, {
    // A wrong password answers UNAUTHENTICATED, a lockout RATE_LIMITED: both are said next to the form.
    handles: [...FORM_CODES, "UNAUTHENTICATED", "RATE_LIMITED"],
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
    reset();
    if (invalid.email || invalid.password) {
      focusFirstInvalid(formEl, invalid);
      return;
    }
    const { data, error } = await login({ email, password });
    if (data) navigate(safeNextPath(params.get("next")), { replace: true });
    // "Please sign in." would be no help on the sign-in page itself.
    else if (error?.code === "UNAUTHENTICATED") fail("That email and password don't match an account.");
    else if (error?.code === "RATE_LIMITED") fail(lockoutMessage(error.cause));
  };

  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New here?{" "}
          <Link to={signUpPath(params.get("next"))} state={typedEmail ? ({ email: typedEmail } satisfies SignUpState) : undefined}>
            Create an account
          </Link>
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
        <FormField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={typedEmail}
          onChange={(e) => setTypedEmail(e.target.value)}
          error={errors.email}
        />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <FormError message={formError} />
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
