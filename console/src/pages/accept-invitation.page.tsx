import { useApolloClient, useQuery } from "@apollo/client/react";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { normalizeEmail } from "@team-billing/shared";
import { type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { describeError } from "../apollo/error-message";
import { FORM_CODES, type HandledCode, PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { AuthCard } from "../components/auth-card.component";
import { InlineLoadError, PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { InvitationPreviewQuery as InvitationPreviewResult, Role } from "../gql/graphql";
import { SignOutButton } from "../layout/sign-out.button";
import { useNotifier } from "../notifications/notification-center.component";
import { orgPath, ROUTES, signInPath, signUpPath } from "../routes";
import { rememberAfterVerify, ResendVerificationButton } from "../session/email-verification";
import { MeQuery } from "../session/route.guard";
import { ROLE_LABELS } from "../team/roles";

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      id
      role
    }
  }
`);

const SetPersonalCreditsAllowedMutation = graphql(`
  mutation SetPersonalCreditsAllowed($orgId: ID!, $allowed: Boolean!) {
    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {
      id
      personalCreditsAllowed
    }
  }
`);

// acceptInvitation answers the new Member, which does not name its org: find
// the org among ours whose members include it. Also refreshes `myOrgs` for
// the org switcher and the home page.
const JoinedOrgQuery = graphql(`
  query JoinedOrg {
    myOrgs {
      id
      name
      members {
        id
      }
    }
  }
`);

/** The refusals the page words itself (`problemFrom`); a lost session, the server or the network are the error link's. */
const ACCEPT_CODES: readonly HandledCode[] = ["BAD_USER_INPUT", "CONFLICT", "FORBIDDEN", "NOT_FOUND"];

/** `remedy`: what the person can do about it here. */
type Problem = { title: string; message: string; remedy: "retry" | "switch-account" | "verify" | "none" };

/** What went wrong, in words that say what to do next. */
function problemFrom(error: unknown): Problem {
  const { code, message } = describeError(error);
  switch (code) {
    case "CONFLICT":
      // The server says which: already used, revoked, expired, or already a member.
      return {
        title: "This invitation can't be used",
        message: `${message} If you accepted it already, the org is among your orgs; if not, ask its owner or an admin for a new invitation.`,
        remedy: "none",
      };
    case "FORBIDDEN": {
      if (CombinedGraphQLErrors.is(error) && error.errors[0]?.extensions?.reason === "EMAIL_NOT_VERIFIED") {
        return { title: "Verify your email first", message: "Open the link we mailed you, then come back here.", remedy: "verify" };
      }
      // Here the server's words name the invited email, which is what the person needs.
      const serverMessage = CombinedGraphQLErrors.is(error) ? error.errors[0]?.message : undefined;
      return { title: "This invitation is for another email", message: serverMessage ?? message, remedy: "switch-account" };
    }
    case "NOT_FOUND":
      return {
        title: "This invitation link isn't valid",
        message: "Check that you opened the whole link from the email, or ask for a new invitation.",
        remedy: "none",
      };
    default:
      return { title: "We couldn't accept the invitation", message, remedy: "retry" };
  }
}

// Public: needs only the token, so a signed-out visitor learns what the link offers before signing up.
const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) {
      orgName
      inviterName
      email
      role
      status
      expiresAt
    }
  }
`);

type Preview = NonNullable<InvitationPreviewResult["invitationPreview"]>;

const ROLE_NOTES: Record<Role, string> = {
  OWNER: "",
  ADMIN: "Admins manage members, Spaces, caps and API keys, and read billing.",
  MEMBER: "Members spend the org's credits through its Spaces and see their own usage.",
};

/** Why a link cannot be used, known before anyone signs up (null: it can). */
function unusable(preview: Preview | null): { title: string; message: ReactNode } | null {
  if (!preview) {
    return {
      title: "This invitation link isn't valid",
      message:
        "Check that you opened the whole link from the email (a link copied from a mail file is often cut short), or ask the org's owner or an admin for a new invitation.",
    };
  }
  const who = preview.inviterName || "the org's owner or an admin";
  switch (preview.status) {
    case "ACCEPTED":
      return {
        title: "This invitation was already accepted",
        message: `${preview.email} joined ${preview.orgName} with this link. If that was you, the org is among your orgs.`,
      };
    case "REVOKED":
      return {
        title: "This invitation was withdrawn",
        message: `${preview.orgName} revoked it. Ask ${who} for a new one.`,
      };
    case "EXPIRED":
      return {
        title: "This invitation has expired",
        message: (
          <>
            It worked until <Time value={preview.expiresAt} format="datetime" />. Ask {who} of {preview.orgName} for a new one.
          </>
        ),
      };
    default:
      return null;
  }
}

/** Which org, who invited, which role, and until when, in one paragraph. */
function InvitationOffer({ preview }: { preview: Preview }) {
  const role = ROLE_LABELS[preview.role];
  return (
    <section className="invitation-offer" aria-label="Invitation">
      <p>
        <strong>{preview.inviterName || "Someone"}</strong> invited <strong>{preview.email}</strong> to join{" "}
        <strong>{preview.orgName}</strong> as {preview.role === "ADMIN" ? "an" : "a"} {role}.
      </p>
      {ROLE_NOTES[preview.role] && <p className="muted">{ROLE_NOTES[preview.role]}</p>}
      <p className="muted">
        The link works until <Time value={preview.expiresAt} format="datetime" />.
      </p>
    </section>
  );
}

const sameEmail = (a: string, b: string) => normalizeEmail(a) === normalizeEmail(b);

export default function AcceptInvitationPage() {
  const { token = "" } = useParams();
  const here = useLocation().pathname;
  const me = useQuery(MeQuery, { context: { handles: PAGE_CODES } });
  const previewQuery = useQuery(InvitationPreviewQuery, { variables: { token }, context: { handles: PAGE_CODES } });
  const user = me.data?.me;
  // undefined: not known (loading or failed); null: the server knows no such invitation.
  const preview = previewQuery.data ? previewQuery.data.invitationPreview : undefined;

  let title = "You're invited";
  let body: ReactNode;
  const problem = preview === undefined ? null : unusable(preview);
  if ((me.loading && !me.data) || (previewQuery.loading && !previewQuery.data)) body = <PageLoading label="Checking the invitation…" />;
  else if (me.error && !me.data)
    body = <PageError title="We couldn't check your session" message={describeError(me.error).message} onRetry={() => void me.refetch()} />;
  else if (problem) {
    // No "You're invited" above a link that cannot be used (and no sign-up for nothing).
    title = problem.title;
    body = (
      <div className="form">
        <p>{problem.message}</p>
        {user ? (
          <Link className="button button--primary button--block" to={ROUTES.home.path}>
            Go to your orgs
          </Link>
        ) : (
          <Link className="button button--block" to={ROUTES.signIn.path} state={preview ? { email: preview.email } : undefined}>
            Sign in
          </Link>
        )}
      </div>
    );
  } else {
    const offer = preview ? (
      <InvitationOffer preview={preview} />
    ) : (
      <InlineLoadError
        what="the invitation's details"
        message={describeError(previewQuery.error).message}
        onRetry={() => void previewQuery.refetch()}
      />
    );
    // Carried to the sign-in and sign-up forms, so the invited address is the one typed.
    const state = preview ? { email: preview.email } : undefined;
    if (!user)
      body = (
        <>
          {offer}
          <p className="callout">Sign in or create an account with the invited email to accept.</p>
          <div className="button-stack">
            <Link className="button button--primary button--block" to={signInPath(here)} state={state}>
              Sign in
            </Link>
            <Link className="button button--block" to={signUpPath(here)} state={state}>
              Create an account
            </Link>
          </div>
        </>
      );
    else if (preview && !sameEmail(user.email, preview.email))
      body = (
        <>
          {offer}
          <div className="callout callout--warning" role="alert">
            <h2 className="callout__title">This invitation is for another email</h2>
            <p>
              You're signed in as <strong>{user.email}</strong>. Sign out, then sign in or create an account as{" "}
              <strong>{preview.email}</strong>.
            </p>
          </div>
          <SignOutButton next={here} label="Sign out" className="button button--primary button--block" />
          <Link className="button button--block" to={ROUTES.home.path}>
            Go to your orgs
          </Link>
        </>
      );
    else if (!user.emailVerified)
      body = (
        <>
          {offer}
          <VerifyFirst email={user.email} here={here} onChecked={() => void me.refetch()} />
        </>
      );
    else
      body = (
        <>
          {offer}
          <AcceptForm token={token} name={user.name} email={user.email} here={here} />
        </>
      );
  }

  return (
    <AuthCard title={title} footer="Invitations are for the email they were sent to, and work for 7 days.">
      <PageTitle>{ROUTES.invite.title}</PageTitle>
      {body}
    </AuthCard>
  );
}

/** Invitations need a verified email: say so, keep the invitation for after the link, offer a new link. */
function VerifyFirst({ email, here, onChecked }: { email: string; here: string; onChecked: () => void }) {
  // The verification page continues here, even from another tab of this browser.
  useEffect(() => rememberAfterVerify(here), [here]);
  return (
    <div className="form">
      <section className="callout callout--warning" aria-label="Verify your email first">
        <h2 className="callout__title">Verify your email first</h2>
        <p>
          We sent a link to <strong>{email}</strong>. Open it to confirm the address; you'll come back to this invitation.
        </p>
        <ResendVerificationButton />
      </section>
      <button type="button" className="button button--block" onClick={onChecked}>
        I've verified it: check again
      </button>
      <Link className="button button--block" to={ROUTES.home.path}>
        Go to your orgs
      </Link>
    </div>
  );
}

function AcceptForm({ token, name, email, here }: { token: string; name: string; email: string; here: string }) {
  const navigate = useNavigate();
  const client = useApolloClient();
  const notifier = useNotifier();
  const [problem, setProblem] = useState<Problem | null>(null);
  const { runDetailed: accept, loading } = useFormMutation(AcceptInvitationMutation, { handles: ACCEPT_CODES });
  const { runDetailed: allowPersonal } = useFormMutation(SetPersonalCreditsAllowedMutation, { handles: FORM_CODES });
  const [finding, setFinding] = useState(false);
  // Off unless the person ticks it: their own money, their own choice.
  const [consent, setConsent] = useState(false);

  const onAccept = async () => {
    setProblem(null);
    const accepted = await accept({ token });
    if (!accepted.data) {
      const failure = accepted.error;
      // The session ended meanwhile: asking again shows the signed-out choices.
      if (failure?.code === "UNAUTHENTICATED") void client.refetchQueries({ include: [MeQuery] });
      else if (failure?.handled) {
        const found = problemFrom(failure.cause);
        setProblem(found);
        // Our session said verified, the server says not (or the reverse): ask again.
        if (found.remedy === "verify") void client.refetchQueries({ include: [MeQuery] });
      }
      return;
    }
    const memberId = accepted.data.acceptInvitation.id;
    setFinding(true);
    try {
      const { data } = await client.query({ query: JoinedOrgQuery, fetchPolicy: "network-only", context: { handles: PAGE_CODES } });
      const org = data?.myOrgs.find((o) => o.members.some((m) => m.id === memberId));
      if (org) notifier.notify({ tone: "success", message: `You joined ${org.name}.` });
      if (org && consent) {
        const { error } = await allowPersonal({ orgId: org.id, allowed: true });
        // Joined all the same; Team settings → Your membership can try again. (Other failures the error link has told.)
        if (error?.handled) {
          notifier.notify({ tone: "error", message: `We couldn't save your consent for personal credits: ${error.message}` });
        }
      }
      navigate(org ? orgPath(org.id) : ROUTES.home.path, { replace: true });
    } catch {
      // Joined all the same; the home page lists the org.
      navigate(ROUTES.home.path, { replace: true });
    }
  };

  const busy = loading || finding;
  return (
    <div className="form">
      <p>
        You're signed in as <strong>{name}</strong> ({email}). The invitation must be for this email.
      </p>
      {problem && (
        <div className="callout callout--danger" role="alert">
          <h2 className="callout__title">{problem.title}</h2>
          <p>{problem.message}</p>
        </div>
      )}
      {problem?.remedy === "switch-account" && (
        <SignOutButton next={here} label="Sign out" className="button button--primary button--block" />
      )}
      {(!problem || problem.remedy === "retry") && (
        <div className="field">
          <label className="field--check">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              disabled={busy}
              aria-describedby="personal-credits-hint"
            />{" "}
            Let this org's API keys spend my personal credits
          </label>
          <p id="personal-credits-hint" className="field__hint">
            Only while the org is on a personal plan (Free or Pro). You can change it later under Team settings → Your membership.
          </p>
        </div>
      )}
      {problem?.remedy === "verify" && (
        <p>
          <ResendVerificationButton />
        </p>
      )}
      {(!problem || problem.remedy === "retry") && (
        <button type="button" className="button button--primary button--block" onClick={() => void onAccept()} disabled={busy}>
          {busy ? "Accepting…" : "Accept invitation"}
        </button>
      )}
      <Link className={problem?.remedy === "none" ? "button button--primary button--block" : "button button--block"} to={ROUTES.home.path}>
        Go to your orgs
      </Link>
    </div>
  );
}
