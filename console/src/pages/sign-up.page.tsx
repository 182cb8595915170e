import { useApolloClient } from "@apollo/client/react";
import { isValidEmail, LIMITS, normalizeEmail } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { AuthCard } from "../components/auth-card.component";
import { FormError, FormField, focusFirstInvalid } from "../components/form-field.component";
import { PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES, safeNextPath, signInPath } from "../routes";
import { rememberAfterVerify } from "../session/email-verification";
import { MeQuery } from "../session/route.guard";
import type { SignInState, SignUpState } from "./auth-state";

const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $name: String!) {
    signUp(email: $email, password: $password, name: $name) {
      ...SessionUser
    }
  }
`);

type Errors = { name?: string; email?: string; password?: string };

/** The email to start from: typed on Sign in, or the address an invitation is for. */
export type { SignUpState } from "./auth-state";

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

/** After sending: the same words whether the address was new or already had an account (the server mails either way). */
interface Sent {
  email: string;
  /** Whether the answer signed this browser in: false when the address already had an account. */
  signedIn: boolean;
}

export default function SignUpPage() {
  const navigate = useNavigate();
  const client = useApolloClient();
  // Set when the person came from a page that needs an account (an invitation link).
  const [params] = useSearchParams();
  const next = params.get("next");
  const arrival = useLocation().state as SignUpState | null;
  // Kept as typed, so "Sign in" carries it back.
  const [typedEmail, setTypedEmail] = useState(arrival?.email ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState<Sent | null>(null);
  // The answer is not trusted to be a session (a taken address answers alike without one): `me` says.
  const { run: signUp, formError, reset, loading } = useFormMutation(SignUpMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const name = String(form.get("name") ?? "").trim();
    const email = normalizeEmail(String(form.get("email") ?? ""));
    const password = String(form.get("password") ?? "");
    const invalid = validate(name, email, password);
    setErrors(invalid);
    reset();
    if (Object.keys(invalid).length > 0) {
      focusFirstInvalid(formEl, invalid);
      return;
    }
    if (!(await signUp({ name, email, password }))) return;
    // The mail is sent either way; when `me` can't be asked, Continue goes by Sign in, which is right in both cases.
    const me = await client
      .query({ query: MeQuery, fetchPolicy: "network-only", context: { handles: PAGE_CODES } })
      .then(({ data }) => Boolean(data?.me))
      .catch(() => false);
    // The verification link may open in another tab: it continues where this one goes.
    rememberAfterVerify(safeNextPath(next));
    setSent({ email, signedIn: me });
  };

  if (sent) {
    const onContinue = () => {
      if (sent.signedIn) navigate(safeNextPath(next), { replace: true });
      else navigate(signInPath(next), { replace: true, state: { email: sent.email } satisfies SignInState });
    };
    return (
      <AuthCard title="Check your inbox" footer="The confirmation link works for 24 hours.">
        <PageTitle>{ROUTES.signUp.title}</PageTitle>
        <div className="form" role="status">
          <p>
            We sent a mail to <strong>{sent.email}</strong>. Open its link to confirm the address: you need that to accept invitations.
          </p>
          <p className="muted">
            If this address already has an account, the mail says how to sign in or reset the password instead. Nothing arrived? Check the
            spam folder, or <Link to={ROUTES.forgotPassword.path}>reset your password</Link>.
          </p>
          <button type="button" className="button button--primary button--block" onClick={onContinue}>
            Continue
          </button>
        </div>
      </AuthCard>
    );
  }

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
        <FormError message={formError} />
        <button type="submit" className="button button--primary button--block" disabled={loading}>
          {loading ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthCard>
  );
}
