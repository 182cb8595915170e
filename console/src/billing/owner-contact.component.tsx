import { useQuery } from "@apollo/client/react";
import { PAGE_CODES } from "../apollo/error.link";
import { graphql } from "../gql";

const OrgOwnerQuery = graphql(`
  query OrgOwner($orgId: ID!) {
    org(id: $orgId) {
      id
      members {
        id
        role
        user {
          id
          name
          email
        }
      }
    }
  }
`);

/**
 * "Only the owner, Olivia (olivia@…), can …": names the OWNER and how to reach them
 * (review finding 26), for members who cannot do it themselves.
 */
export function OwnerContact({ orgId, doing }: { orgId: string; doing: string }) {
  const { data } = useQuery(OrgOwnerQuery, { variables: { orgId }, context: { handles: PAGE_CODES } });
  const owner = data?.org?.members.find((m) => m.role === "OWNER")?.user;
  if (!owner) return <p className="muted">Only the owner can {doing}.</p>;
  return (
    <p className="muted owner-contact">
      Only the owner, {owner.name}, can {doing}. Ask them at <a href={`mailto:${owner.email}`}>{owner.email}</a>.
    </p>
  );
}
