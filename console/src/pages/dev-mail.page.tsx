import { useQuery } from "@apollo/client/react";
import { Fragment, type ReactNode } from "react";
import { Link, matchPath } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { PageError, PageLoading, PageTitle } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import { ROUTES } from "../routes";

const DevMailboxQuery = graphql(`
  query DevMailbox($first: Int!) {
    devMailbox(first: $first) {
      id
      to
      subject
      text
      kind
      createdAt
      sentAt
    }
  }
`);

export const DEV_MAIL_PAGE_SIZE = 50;

// The console's own pages a mail links to: opened here, in this tab's session.
const IN_APP_LINKS = [ROUTES.verifyEmail.path, ROUTES.resetPassword.path, ROUTES.invite.path];
const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

function MailLink({ href }: { href: string }) {
  let url: URL | null = null;
  try {
    url = new URL(href);
  } catch {
    return <>{href}</>;
  }
  const inApp = url.origin === window.location.origin || IN_APP_LINKS.some((path) => matchPath(path, url.pathname));
  if (inApp) return <Link to={url.pathname + url.search}>{href}</Link>;
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {href}
    </a>
  );
}

/** The mail's plain text with its links made clickable (nothing else is interpreted). */
function MailText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    parts.push(text.slice(last, start), <MailLink key={start} href={match[0]} />);
    last = start + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <p className="dev-mail__text">
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, never reordered
        <Fragment key={i}>{part}</Fragment>
      ))}
    </p>
  );
}

/** Dev tools only: what the server would have mailed, newest first. */
export default function DevMailPage() {
  const { data, loading, error, refetch } = useQuery(DevMailboxQuery, {
    variables: { first: DEV_MAIL_PAGE_SIZE },
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
  });

  let body: ReactNode;
  if (loading && !data) body = <PageLoading label="Loading the mail…" />;
  else if (error && !data) {
    const { code, message } = describeError(error);
    body = (
      <PageError
        title="We couldn't load the dev mail"
        message={
          code === "FORBIDDEN"
            ? "The dev mailbox needs dev tools on this server (DEV_TOOLS), and support staff when STAFF_EMAILS is set."
            : message
        }
        onRetry={() => void refetch()}
      />
    );
  } else {
    const mails = data?.devMailbox ?? [];
    body =
      mails.length === 0 ? (
        <p className="muted">No mail yet.</p>
      ) : (
        <ul className="stack-list" aria-label="Mail">
          {mails.map((mail) => (
            <li key={mail.id} className="card section">
              <article aria-label={mail.subject}>
                <h2 className="card__title">{mail.subject}</h2>
                <p className="muted">
                  To {mail.to} · <Time value={mail.createdAt} format="datetime" /> · {mail.sentAt ? "sent" : "waiting to be sent"}
                </p>
                <MailText text={mail.text} />
              </article>
            </li>
          ))}
        </ul>
      );
  }

  return (
    <div className="page">
      <PageTitle>{ROUTES.devMail.title}</PageTitle>
      <header className="page__header">
        <h1 className="page__title">Dev mail</h1>
        <button type="button" className="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <p className="muted page__lead">The outgoing mail of this server, newest first (at most {DEV_MAIL_PAGE_SIZE}).</p>
      {body}
    </div>
  );
}
