import { type FormEvent, useRef, useState } from "react";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { ConfirmDialog } from "../components/confirm-dialog.component";
import { graphql } from "../gql";
import type { CapItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { parseCapLimit } from "./cap-limit";

export const SetCapMutation = graphql(`
  mutation SetCap($orgId: ID!, $scope: CapScope!, $targetId: ID!, $monthlyLimit: Int!) {
    setCap(orgId: $orgId, scope: $scope, targetId: $targetId, monthlyLimit: $monthlyLimit) {
      ...CapItem
    }
  }
`);

const RemoveCapMutation = graphql(`
  mutation RemoveCap($orgId: ID!, $capId: ID!) {
    removeCap(orgId: $orgId, capId: $capId)
  }
`);

export interface CapTarget {
  kind: "Member" | "Space";
  name: string;
  isMe: boolean;
}

/** "Ada Lovelace (you)", "the Space Research": how sentences name a cap's target. */
export function targetWords(target: CapTarget): string {
  return target.kind === "Space" ? `the Space ${target.name}` : target.name;
}

/** Used against the limit: a bar for the eye, the numbers for everyone. */
export function CapUsage({ used, limit }: { used: number; limit: number }) {
  const reached = used >= limit;
  const width = limit > 0 ? Math.min(100, (used / limit) * 100) : 100;
  return (
    <div className={reached ? "usage usage--reached" : "usage"}>
      <div className="usage__bar" aria-hidden="true">
        <span className="usage__fill" style={{ width: `${width}%` }} />
      </div>
      <span className="usage__text">
        {used.toLocaleString()} of {limit.toLocaleString()}
        {reached && <strong className="usage__flag"> · cap reached</strong>}
      </span>
    </div>
  );
}

export function CapRow({ orgId, cap, target, canManage }: { orgId: string; cap: CapItemFragment; target: CapTarget; canManage: boolean }) {
  const notifier = useNotifier();
  const input = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState(String(cap.monthlyLimit));
  const [confirming, setConfirming] = useState(false);
  // The inline edit's error is the parse problem or the server's refusal, in one place.
  const save = useFormMutation(SetCapMutation);
  const editError = save.formError;
  const saving = save.loading;
  const {
    run: removeCap,
    formError: dialogError,
    reset: resetDialog,
    loading: removing,
  } = useFormMutation(RemoveCapMutation, {
    update(cache) {
      cache.evict({ id: cache.identify(cap) });
      cache.gc();
    },
  });
  const label = `${target.name}${target.isMe ? " (you)" : ""}`;

  const startEditing = () => {
    setTyped(String(cap.monthlyLimit));
    save.reset();
    setEditing(true);
  };

  const onSave = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseCapLimit(typed);
    if ("problem" in parsed) {
      save.fail(parsed.problem);
      input.current?.focus();
      return;
    }
    if (!(await save.run({ orgId, scope: cap.scope, targetId: cap.targetId, monthlyLimit: parsed.limit }))) return;
    setEditing(false);
    notifier.notify({
      tone: "success",
      message: `Changed the cap on ${targetWords(target)} to ${parsed.limit.toLocaleString()} credits a month.`,
    });
  };

  const onRemove = async () => {
    if (await removeCap({ orgId, capId: cap.id }))
      notifier.notify({ tone: "success", message: `Removed the cap on ${targetWords(target)}.` });
  };

  return (
    <tr>
      <th scope="row" data-label="Member or Space" className="cell--wrap">
        {target.name}
        {target.isMe && <span className="muted"> (you)</span>} <span className="tag">{target.kind}</span>
      </th>
      <td data-label="Used this period">
        <CapUsage used={cap.usedThisPeriod} limit={cap.monthlyLimit} />
      </td>
      <td data-label="Monthly cap">
        {editing ? (
          <form className="inline-edit" aria-label={`Change the cap on ${label}`} noValidate onSubmit={(e) => void onSave(e)}>
            <input
              ref={input}
              className="field__input inline-edit__input"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label={`Monthly cap for ${label}, in credits`}
              aria-invalid={editError ? true : undefined}
              // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to change it
              autoFocus
            />
            <button type="submit" className="button button--small button--primary" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </button>
            <button type="button" className="button button--small" onClick={() => setEditing(false)} disabled={saving}>
              Cancel
            </button>
            {editError && (
              <p className="field__error inline-edit__error" role="alert">
                {editError}
              </p>
            )}
          </form>
        ) : (
          <span className="cap__limit">{cap.monthlyLimit.toLocaleString()} credits</span>
        )}
      </td>
      {canManage && (
        <td className="cell--actions">
          {!editing && (
            <div className="row-actions">
              <button type="button" className="button button--small" onClick={startEditing}>
                Change<span className="visually-hidden"> the cap on {label}</span>
              </button>
              <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)}>
                Remove<span className="visually-hidden"> the cap on {label}</span>
              </button>
            </div>
          )}
          {confirming && (
            <ConfirmDialog
              title={`Remove the cap on ${label}?`}
              confirmLabel="Remove cap"
              busyLabel="Removing…"
              busy={removing}
              error={dialogError}
              onConfirm={() => void onRemove()}
              onCancel={() => {
                setConfirming(false);
                resetDialog();
              }}
            >
              <p>
                {target.kind === "Space" ? "Calls in this Space" : `${target.name}`} can then spend up to the whole pool. You can set a new
                cap at any time.
              </p>
            </ConfirmDialog>
          )}
        </td>
      )}
    </tr>
  );
}
