import { LIMITS } from "@team-billing/shared";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { FormError, FormField } from "../components/form-field.component";
import { nameProblem } from "../components/name-problem";
import { graphql } from "../gql";
import { useNotifier } from "../notifications/notification-center.component";

const RenameOrgMutation = graphql(`
  mutation RenameOrg($orgId: ID!, $name: String!) {
    renameOrg(orgId: $orgId, name: $name) {
      id
      name
    }
  }
`);

const DeleteOrgMutation = graphql(`
  mutation DeleteOrg($orgId: ID!) {
    deleteOrg(orgId: $orgId)
  }
`);

/** The org's name (OWNER and ADMIN), and for the OWNER a way to delete the org. */
export function OrgSettingsSection({ org, isOwner }: { org: { id: string; name: string }; isOwner: boolean }) {
  return (
    <section className="card section" aria-labelledby="org-settings-title" id="org-settings">
      <header className="section__header">
        <h2 id="org-settings-title" className="card__title">
          Org
        </h2>
      </header>
      <RenameOrgForm org={org} />
      {isOwner && <DeleteOrg org={org} />}
    </section>
  );
}

function RenameOrgForm({ org }: { org: { id: string; name: string } }) {
  const notifier = useNotifier();
  const [nameError, setNameError] = useState<string | null>(null);
  const { run: rename, formError, reset, loading } = useFormMutation(RenameOrgMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    const invalid = nameProblem(name, "the org");
    setNameError(invalid);
    reset();
    if (invalid) return;
    const data = await rename({ orgId: org.id, name });
    if (data) notifier.notify({ tone: "success", message: `Renamed the org to ${data.renameOrg.name}.` });
  };

  return (
    <form className="form" aria-labelledby="rename-org-title" noValidate onSubmit={(e) => void onSubmit(e)}>
      <h3 id="rename-org-title" className="section__subtitle">
        Rename the org
      </h3>
      <div className="form__row">
        <FormField label="Org name" name="name" autoComplete="off" maxLength={LIMITS.nameMax} defaultValue={org.name} error={nameError} />
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Renaming…" : "Rename"}
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}

/**
 * Deleting: refused while Team is live or scheduled to end (the server says so). Typing the
 * org's name confirms it, so a stray click never deletes.
 */
function DeleteOrg({ org }: { org: { id: string; name: string } }) {
  const notifier = useNotifier();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const {
    run: remove,
    formError: error,
    reset,
    fail,
    loading,
  } = useFormMutation(DeleteOrgMutation, {
    update(cache) {
      cache.evict({ id: cache.identify({ __typename: "Org", id: org.id }) });
      cache.gc();
    },
  });
  const matches = typed.trim() === org.name;

  const onConfirm = async () => {
    if (!matches) {
      fail(`Type the org's name, ${org.name}, to confirm.`);
      return;
    }
    if (!(await remove({ orgId: org.id }))) return;
    notifier.notify({ tone: "success", message: `Deleted ${org.name}. Its history stays with support for audit.` });
    void navigate("/");
  };

  return (
    <div className="danger-zone">
      <h3 className="section__subtitle">Delete the org</h3>
      <p className="muted">
        Members lose access, API keys and pending invitations are revoked. Its billing and audit history stay with support. An org on Team
        must cancel Team first (Billing → Cancel Team) and can be deleted once Team has ended.
      </p>
      <button type="button" className="button button--danger-quiet" onClick={() => setOpen(true)}>
        Delete {org.name}…
      </button>
      {open && (
        <ConfirmDialog
          title={`Delete ${org.name}?`}
          confirmLabel="Delete the org"
          busyLabel="Deleting…"
          busy={loading}
          error={error}
          onConfirm={() => void onConfirm()}
          onCancel={() => {
            setOpen(false);
            setTyped("");
            reset();
          }}
        >
          <p>Everyone loses access to {org.name}. This cannot be undone from the console.</p>
          <FormField
            label={`Type ${org.name} to confirm`}
            name="confirm-name"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
        </ConfirmDialog>
      )}
    </div>
  );
}
