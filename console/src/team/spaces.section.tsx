import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError, FormField } from "../components/form-field.component";
import { nameProblem } from "../components/name-problem";
import { graphql } from "../gql";
import type { SpaceItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
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
            <SpaceChip key={space.id} orgId={orgId} space={space} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage && <CreateSpaceForm orgId={orgId} />}
    </section>
  );
}

const RenameSpaceMutation = graphql(`
  mutation RenameSpace($orgId: ID!, $spaceId: ID!, $name: String!) {
    renameSpace(orgId: $orgId, spaceId: $spaceId, name: $name) {
      ...SpaceItem
    }
  }
`);

/** One Space; OWNER and ADMIN can rename it (names stay unique in the org, whatever their case). */
function SpaceChip({ orgId, space, canManage }: { orgId: string; space: SpaceItemFragment; canManage: boolean }) {
  const notifier = useNotifier();
  const [editing, setEditing] = useState(false);
  const { run: rename, formError: error, reset, fail, loading } = useFormMutation(RenameSpaceMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    const invalid = nameProblem(name, "the Space");
    if (invalid) return fail(invalid);
    if (!(await rename({ orgId, spaceId: space.id, name }))) return;
    notifier.notify({ tone: "success", message: `Renamed the Space ${space.name} to ${name}.` });
    setEditing(false);
  };

  if (!editing) {
    return (
      <li className="chip">
        {space.name}
        {canManage && (
          <button type="button" className="button button--small button--quiet" onClick={() => setEditing(true)}>
            Rename<span className="visually-hidden"> the Space {space.name}</span>
          </button>
        )}
      </li>
    );
  }
  return (
    <li className="chip chip--editing">
      <form className="form__row" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={`Rename the Space ${space.name}`}>
        <FormField label="New name" name="name" autoComplete="off" maxLength={LIMITS.nameMax} defaultValue={space.name} />
        <button type="submit" className="button button--small button--primary" disabled={loading}>
          {loading ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setEditing(false);
            reset();
          }}
        >
          Cancel
        </button>
      </form>
      <FormError message={error} />
    </li>
  );
}
