import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useState } from "react";
import { describeError } from "../apollo/error-message";
import { FORM_CODES } from "../apollo/error.link";
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

type ResendOutcome = { tone: "success" | "danger"; message: string } | null;

/** "Resend the link" for a signed-in user whose email is not verified yet, with what happened. */
export function ResendVerificationButton({ className = "button button--small" }: { className?: string }) {
  const [outcome, setOutcome] = useState<ResendOutcome>(null);
  const [resend, { loading }] = useMutation(ResendVerificationEmailMutation, { context: { handles: FORM_CODES } });
  const client = useApolloClient();

  const onResend = async () => {
    setOutcome(null);
    try {
      await resend();
      setOutcome({ tone: "success", message: "Sent. The new link replaces the old one." });
    } catch (error) {
      const { code, message } = describeError(error);
      if (code === "RATE_LIMITED") {
        const wait = retryAfterSeconds(error);
        setOutcome({ tone: "danger", message: wait ? `We just sent one. Try again in ${wait} s.` : message });
      } else if (code === "CONFLICT") {
        // Verified meanwhile (another tab): asking again hides the notice.
        setOutcome({ tone: "success", message: "Your email is already verified." });
        await client.refetchQueries({ include: [MeQuery] });
      } else {
        setOutcome({ tone: "danger", message });
      }
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
