import { Link } from "react-router";
import type { SessionUserFragment } from "../gql/graphql";
import { SignOutEverywhereButton } from "../layout/sign-out-everywhere.button";
import { ROUTES } from "../routes";

/**
 * Who is signed in, and the ways to secure the account that exist elsewhere: the
 * password reset mail and signing out everywhere. Nothing here is editable yet.
 */
export function AccountDetailsSection({ user }: { user: SessionUserFragment }) {
  return (
    <section className="card section" aria-labelledby="account-details-title" id="account">
      <header className="section__header">
        <h2 id="account-details-title" className="card__title">
          Sign-in and security
        </h2>
      </header>
      <dl className="facts">
        <div className="fact">
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div className="fact">
          <dt>Email</dt>
          <dd>
            {user.email}
            <span className="fact__note">
              {user.emailVerified ? "Verified" : "Not verified yet: open the link we mailed you (the notice above can send it again)."}
            </span>
          </dd>
        </div>
      </dl>
      <ul className="account-links">
        <li>
          <Link to={ROUTES.forgotPassword.path}>Change your password</Link>
          <span className="field__hint"> We mail you a link to choose a new one; using it signs you out everywhere.</span>
        </li>
        <li>
          <SignOutEverywhereButton className="button button--small" />
          <span className="field__hint"> A lost laptop, a shared computer: ends every session of this account, this one included.</span>
        </li>
      </ul>
    </section>
  );
}
