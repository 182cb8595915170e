import { fireEvent, screen, within } from "@testing-library/react";
import { ResetPasswordDocument } from "../gql/graphql";
import { apiError } from "../test/fixtures";
import { renderApp } from "../test/render-app";

const resetMock = (result: object) => ({
  request: { query: ResetPasswordDocument, variables: { token: "tok_reset", password: "a-new-long-password" } },
  result,
});

async function submit(password: string, again: string) {
  fireEvent.change(await screen.findByLabelText("New password"), { target: { value: password } });
  fireEvent.change(screen.getByLabelText("New password again"), { target: { value: again } });
  fireEvent.click(screen.getByRole("button", { name: "Set new password" }));
}

describe("Reset password page", () => {
  it("sets the new password, then opens sign in saying every session ended", async () => {
    renderApp("/reset-password/tok_reset", [resetMock({ data: { resetPassword: true } })]);
    await submit("a-new-long-password", "a-new-long-password");

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe(
      "Your password was changed and every session signed out. Sign in with the new password.",
    );
  });

  it("wants the same password twice, and sends nothing until it is", async () => {
    renderApp("/reset-password/tok_reset", []);
    await submit("a-new-long-password", "a-new-long-passwort");
    expect(await screen.findByText("The two passwords differ.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("New password again"));
  });

  it("says a used or expired link is not valid and offers a new one", async () => {
    renderApp("/reset-password/tok_reset", [
      resetMock({ errors: [{ message: "token: this link is not valid", extensions: { code: "BAD_USER_INPUT", field: "token" } }] }),
    ]);
    await submit("a-new-long-password", "a-new-long-password");
    expect(await screen.findByRole("heading", { name: "This reset link isn't valid" })).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Choose a new password" })).toBeNull();
    expect(screen.getByRole("link", { name: "Send a new link" }).getAttribute("href")).toBe("/forgot-password");
  });

  it("shows a refusal the form handles in the form, and only there", async () => {
    renderApp("/reset-password/tok_reset", [
      resetMock({ errors: [{ message: "Choose a different password.", extensions: { code: "CONFLICT" } }] }),
    ]);
    await submit("a-new-long-password", "a-new-long-password");
    const form = screen.getByRole("form", { name: "Choose a new password" });
    expect(await within(form).findByText("Choose a different password.")).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Notifications" })).queryByText("Choose a different password.")).toBeNull();
  });

  it("leaves a server failure to the notifications, not the form", async () => {
    renderApp("/reset-password/tok_reset", [resetMock(apiError("INTERNAL_SERVER_ERROR"))]);
    await submit("a-new-long-password", "a-new-long-password");
    const notifications = screen.getByRole("region", { name: "Notifications" });
    expect(await within(notifications).findByText("Something went wrong on our side.")).toBeTruthy();
    const form = screen.getByRole("form", { name: "Choose a new password" });
    expect(within(form).queryByText("Something went wrong on our side.")).toBeNull();
  });
});
