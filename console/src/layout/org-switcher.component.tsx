import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useMatch } from "react-router";
import { graphql } from "../gql";
import { PLAN_LABELS } from "../orgs/plan-badge.component";
import { ORG_SCOPE_PATH, ROUTES, sameSectionPath } from "../routes";
import { ROLE_LABELS } from "../team/roles";

const OrgSwitcherQuery = graphql(`
  query OrgSwitcher {
    myOrgs {
      id
      name
      plan
      myRole
    }
  }
`);

/**
 * A disclosure of plain links: keyboard- and screen-reader-friendly without
 * scripting, and each org can be opened in a new tab.
 */
export function OrgSwitcher() {
  const { data } = useQuery(OrgSwitcherQuery);
  // Any page of an org (its home, Team settings, ...) names that org here;
  // the links open the same section (Usage, Billing, ...) of the other org.
  const match = useMatch(ORG_SCOPE_PATH);
  const { pathname } = useLocation();
  const orgs = data?.myOrgs ?? [];
  if (orgs.length === 0) return null;

  const currentId = match?.params.orgId;
  // Two orgs of the same name are told apart by their plan and the caller's role in each.
  const seen = new Map<string, number>();
  for (const o of orgs) seen.set(o.name, (seen.get(o.name) ?? 0) + 1);
  const aside = (o: (typeof orgs)[number]) =>
    (seen.get(o.name) ?? 0) > 1 ? ` · ${PLAN_LABELS[o.plan]}${o.myRole ? `, ${ROLE_LABELS[o.myRole].toLowerCase()}` : ""}` : "";
  const current = orgs.find((o) => o.id === currentId);
  return (
    // Keyed on the path so the menu closes after each navigation.
    <details className="org-switcher" key={pathname}>
      <summary className="org-switcher__toggle">
        <span className="visually-hidden">Switch org. Current: </span>
        {current ? current.name : "All orgs"}
      </summary>
      <ul className="org-switcher__menu">
        <li>
          <Link to={ROUTES.home.path} aria-current={!current ? "page" : undefined}>
            All orgs
          </Link>
        </li>
        {orgs.map((org) => (
          <li key={org.id}>
            <Link to={sameSectionPath(pathname, org.id)} aria-current={org.id === currentId ? "page" : undefined}>
              {org.name}
              {aside(org) && <span className="muted">{aside(org)}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
