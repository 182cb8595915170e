import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { FORM_CODES, handles, PAGE_CODES } from "../apollo/error.link";
import { AuthCard } from "../components/auth-card.component";
import { PageLoading, PageTitle } from "../components/page-state.component";
import { graphql } from "../gql";
import { ROUTES, signInPath } from "../routes";
import { ResendVerificationButton, takeAfterVerify } from "../session/email-verification";
import { MeQuery } from "../session/route.guard";

// Only what every caller may read: the link may open in a browser with no session.
// The User's id lets the cache flip `emailVerified` for a signed-in one, hiding the notice.
const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerified
    }
  }
`);

type Outcome = { kind: "verified"; next: string } | { kind: "invalid" } | { kind: "failed"; message: string };

export default function VerifyEmailPage() {
  const { token = "" } = useParams();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [verify] = useMutation(VerifyEmailMutation, { context: handles(...FORM_CODES, "NOT_FOUND") });
  const me = useQuery(MeQuery, { context: { handles: PAGE_CODES } });
  // Once per token: StrictMode runs effects twice, and a token works once.
  const asked = useRef<string | null>(null);

  useEffect(() => {
    if (asked.current === token) return;
    asked.current = token;
    verify({ variables: { token } })
      .then(() => setOutcome({ kind: "verified", next: takeAfterVerify() }))
      .catch((error: unknown) => {
        const { code, message } = describeError(error);
        // Unknown, used or expired tokens all answer the same: the link is no good.
        if (code === "NOT_FOUND" || code === "BAD_USER_INPUT" || code === "CONFLICT") setOutcome({ kind: "invalid" });
        else setOutcome({ kind: "failed", message });
      });
  }, [token, verify]);

  let body: ReactNode;
  if (!outcome) body = <PageLoading label="Verifying your email…" />;
  else if (outcome.kind === "verified") {
    const toInvitation = outcome.next.startsWith(ROUTES.invite.path.replace(":token", ""));
    body = (
      <div className="form" role="status">
        <h2 className="callout__title">Email verified</h2>
        <p>Thanks: your email address is confirmed.</p>
        <Link className="button button--primary button--block" to={me.data?.me ? outcome.next : signInPath(outcome.next)}>
          {toInvitation ? "Continue to your invitation" : "Continue"}
        </Link>
      </div>
    );
  } else {
    body = (
      <div className="form">
        <div className="callout callout--danger" role="alert">
          <h2 className="callout__title">
            {outcome.kind === "invalid" ? "This verification link isn't valid" : "We couldn't verify your email"}
          </h2>
          <p>{outcome.kind === "invalid" ? "It may have been used already, replaced by a newer one, or expired." : outcome.message}</p>
        </div>
        {me.data?.me?.emailVerified ? (
          <p>Your email is already verified; nothing more to do.</p>
        ) : me.data?.me ? (
          <p>
            Get a new link: <ResendVerificationButton />
          </p>
        ) : (
          <p>
            <Link to={signInPath(null)}>Sign in</Link> to have a new link sent.
          </p>
        )}
        <Link className="button button--block" to={ROUTES.home.path}>
          Go to your orgs
        </Link>
      </div>
    );
  }

  return (
    <AuthCard title="Verify your email" footer="Verification links work once; a newer link replaces older ones.">
      <PageTitle>{ROUTES.verifyEmail.title}</PageTitle>
      {body}
    </AuthCard>
  );
}
