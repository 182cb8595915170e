import { graphql } from "../gql";
import type { SpaceItemFragment } from "../gql/graphql";
import { CreateSpaceForm } from "./create-space.form";

export const SpaceItemFields = graphql(`
  fragment SpaceItem on Space {
    id
    name
  }
`);

/** The org's Spaces: open to every member; OWNER and ADMIN create them. */
export function SpacesSection({ orgId, spaces, canManage }: { orgId: string; spaces: readonly SpaceItemFragment[]; canManage: boolean }) {
  return (
    <section className="card section" aria-labelledby="spaces-title" id="spaces">
      <header className="section__header">
        <h2 id="spaces-title" className="card__title">
          Spaces
        </h2>
        <p className="card__lead">Every member of the org can work in its Spaces.</p>
      </header>
      {spaces.length === 0 ? (
        <p className="muted">No Spaces yet.</p>
      ) : (
        <ul className="chips" aria-label="Spaces">
          {spaces.map((space) => (
            <li key={space.id} className="chip">
              {space.name}
            </li>
          ))}
        </ul>
      )}
      {canManage && <CreateSpaceForm orgId={orgId} />}
    </section>
  );
}
