import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { FORM_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { graphql } from "../gql";
import { safeNextPath } from "../routes";
import { MeQuery } from "./route.guard";

const ResendVerificationEmailMutation = graphql(`
  mutation ResendVerificationEmail {
    resendVerificationEmail
  }
`);

// sessionStorage: the verification link may open in a new tab of the same
// browser session; a pending invitation must survive that round trip.
const RETURN_KEY = "team-billing.after-verify";

/** Remembers where to continue once the email is verified (e.g. an invitation page). */
export function rememberAfterVerify(path: string): void {
  try {
    window.sessionStorage.setItem(RETURN_KEY, path);
  } catch {
    // Storage off (private mode): the person lands on their orgs instead.
  }
}

/** Where to continue after verifying (only same-origin paths), and forgets it. */
export function takeAfterVerify(): string {
  let path: string | null = null;
  try {
    path = window.sessionStorage.getItem(RETURN_KEY);
    window.sessionStorage.removeItem(RETURN_KEY);
  } catch {
    // see rememberAfterVerify
  }
  return safeNextPath(path);
}

/** The RATE_LIMITED answer's wait in seconds (`extensions.retryAfter`), if any. */
function retryAfterSeconds(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const value = error.errors[0]?.extensions?.retryAfter;
  return typeof value === "number" && value > 0 ? Math.ceil(value) : null;
}

/** "Resend the link" for a signed-in user whose email is not verified yet, with what happened. */
export function ResendVerificationButton({ className = "button button--small" }: { className?: string }) {
  const [done, setDone] = useState<string | null>(null);
  // A wait is said next to the button, so RATE_LIMITED is this button's to say.
  const {
    runDetailed: resend,
    formError,
    reset,
    fail,
    loading,
  } = useFormMutation(ResendVerificationEmailMutation, { handles: [...FORM_CODES, "RATE_LIMITED"] });
  const client = useApolloClient();
  const outcome = formError ? { tone: "danger", message: formError } : done ? { tone: "success", message: done } : null;

  const onResend = async () => {
    setDone(null);
    const { data, error } = await resend({});
    if (data) setDone("Sent. The new link replaces the old one.");
    else if (error?.code === "RATE_LIMITED") {
      const wait = retryAfterSeconds(error.cause);
      if (wait) fail(`We just sent one. Try again in ${wait} s.`);
    } else if (error?.code === "CONFLICT") {
      // Verified meanwhile (another tab): asking again hides the notice.
      reset();
      setDone("Your email is already verified.");
      await client.refetchQueries({ include: [MeQuery] });
    }
  };

  return (
    <span className="resend">
      <button type="button" className={className} onClick={() => void onResend()} disabled={loading}>
        {loading ? "Sending…" : "Resend the link"}
      </button>
      {outcome && (
        <span className={outcome.tone === "danger" ? "field__error" : "muted"} role={outcome.tone === "danger" ? "alert" : "status"}>
          {" "}
          {outcome.message}
        </span>
      )}
    </span>
  );
}

/** The "check your inbox" notice for a signed-in user whose email is not verified. */
export function CheckInboxNotice({ email, why }: { email: string; why?: string }) {
  return (
    <section className="callout callout--warning verify-notice" aria-label="Verify your email">
      <p>
        <strong>Check your inbox:</strong> we sent a link to <strong>{email}</strong> to verify your email.{why ? ` ${why}` : ""}
      </p>
      <ResendVerificationButton />
    </section>
  );
}
