import { useMutation } from "@apollo/client/react";
import { isValidEmail, LIMITS, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { INLINE_ERRORS } from "../apollo/error.link";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField, focusFirstInvalid } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES, safeNextPath, signInPath } from "../routes";
import { rememberAfterVerify } from "../session/email-verification";
import { MeQuery } from "../session/route.guard";
import type { SignInState } from "./sign-in.page";

const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $name: String!) {
    signUp(email: $email, password: $password, name: $name) {
      ...SessionUser
    }
  }
`);

type Errors = { name?: string; email?: string; password?: string; form?: string };

/** The email to start from: typed on Sign in, or the address an invitation is for. */
export interface SignUpState {
  email?: string;
}

// The same limits the server enforces, checked here so mistakes show at once.
function validate(name: string, email: string, password: string): Errors {
  const errors: Errors = {};
  if (!name) errors.name = "Enter your name.";
  else if (name.length > LIMITS.nameMax) errors.name = `Keep your name under ${LIMITS.nameMax} characters.`;
  if (!isValidEmail(email)) errors.email = "Enter an email address like name@example.com.";
  if (password.length < LIMITS.passwordMin) errors.password = `Use at least ${LIMITS.passwordMin} characters.`;
  else if (password.length > LIMITS.passwordMax) errors.password = `Use at most ${LIMITS.passwordMax} characters.`;
  return errors;
}

const TAKEN = "We couldn't create an account with this email. If you already have one, sign in or reset your password.";

export default function SignUpPage() {
  const navigate = useNavigate();
  // Set when the person came from a page that needs an account (an invitation link).
  const [params] = useSearchParams();
  const next = params.get("next");
  const arrival = useLocation().state as SignUpState | null;
  // Kept as typed, so "Sign in" carries it back.
  const [typedEmail, setTypedEmail] = useState(arrival?.email ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [signUp, { loading }] = useMutation(SignUpMutation, {
    context: INLINE_ERRORS,
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: MeQuery, data: { me: data.signUp } });
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const email = normalizeEmail(String(form.get("email") ?? ""));
    const password = String(form.get("password") ?? "");
    const invalid = validate(name, email, password);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      focusFirstInvalid(formEl, invalid);
      return;
    }
    try {
      await signUp({ variables: { name, email, password } });
      // The verification link may open in another tab: it continues where this one goes.
      const to = safeNextPath(next);
      rememberAfterVerify(to);
      navigate(to, { replace: true });
    } catch (error) {
      const { code, message } = describeError(error);
      // The address is taken: the way on is signing in (or a reset), said without repeating who is registered.
      setErrors(code === "CONFLICT" ? { form: TAKEN } : { form: message });
    }
  };

  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link to={signInPath(next)} state={typedEmail ? ({ email: typedEmail } satisfies SignInState) : undefined}>
            Sign in
          </Link>
        </>
      }
    >
      <PageTitle>{ROUTES.signUp.title}</PageTitle>
      <form className="form" aria-label="Create your account" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormField label="Name" name="name" autoComplete="name" required maxLength={LIMITS.nameMax} error={errors.name} />
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
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={LIMITS.passwordMin}
          // One message at a time: the error replaces the hint that says the same.
          hint={errors.password ? undefined : `At least ${LIMITS.passwordMin} characters.`}
          error={errors.password}
        />
        <FormError message={errors.form ?? null} />
        {errors.form === TAKEN && (
          <p className="form__aside">
            <Link to={signInPath(next)} state={{ email: typedEmail } satisfies SignInState}>
              Sign in
            </Link>{" "}
            or <Link to={ROUTES.forgotPassword.path}>reset your password</Link>.
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={loading}>
          {loading ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthCard>
  );
}
