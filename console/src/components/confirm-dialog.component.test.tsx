import { fireEvent, render, screen, within } from "@testing-library/react";
import { StrictMode } from "react";
import { ConfirmDialog } from "./confirm-dialog.component";

function renderDialog(props: { busy?: boolean; error?: string | null } = {}) {
  const onConfirm = jest.fn();
  const onCancel = jest.fn();
  // The app renders in StrictMode, which mounts, unmounts and remounts effects once.
  render(
    <StrictMode>
      <ConfirmDialog
        title="Remove Bob?"
        confirmLabel="Remove member"
        busyLabel="Removing…"
        busy={props.busy ?? false}
        error={props.error ?? null}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>Bob loses access at once.</p>
      </ConfirmDialog>
    </StrictMode>,
  );
  return { onConfirm, onCancel, dialog: screen.getByRole("dialog", { name: "Remove Bob?" }) };
}

describe("ConfirmDialog", () => {
  it("opens as a modal with Cancel focused, and stays open through StrictMode's remount", () => {
    const { dialog, onCancel } = renderDialog();
    expect(dialog.hasAttribute("open")).toBe(true);
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(onCancel).not.toHaveBeenCalled();
  });

  it("reports the choice", () => {
    const { dialog, onConfirm, onCancel } = renderDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("shows progress and the reason for a failure without closing", () => {
    const { dialog } = renderDialog({ busy: true, error: "Your role does not allow this." });
    expect((within(dialog).getByRole("button", { name: "Removing…" }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(dialog).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByRole("alert").textContent).toBe("Your role does not allow this.");
  });
});
