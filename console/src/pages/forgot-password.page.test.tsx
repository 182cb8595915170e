import { fireEvent, screen } from "@testing-library/react";
import { RequestPasswordResetDocument } from "../gql/graphql";
import { renderApp } from "../test/render-app";

describe("Forgot password page", () => {
  it("is linked from sign in, and always says a link was mailed if the account exists", async () => {
    renderApp("/signin", [
      {
        request: { query: RequestPasswordResetDocument, variables: { email: "nobody@example.com" } },
        result: { data: { requestPasswordReset: true } },
      },
    ]);
    fireEvent.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    await screen.findByRole("heading", { name: "Reset your password" });

    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: " Nobody@Example.com " } });
    fireEvent.click(screen.getByRole("button", { name: "Send the reset link" }));

    const status = await screen.findByRole("status");
    expect(status.textContent).toBe(
      "If an account exists for nobody@example.com, we mailed a link to reset its password. It works once, for a limited time.",
    );
    expect(screen.queryByRole("form", { name: "Reset your password" })).toBeNull();
  });

  it("asks for a real email before sending anything", async () => {
    renderApp("/forgot-password", []);
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Send the reset link" }));
    expect(await screen.findByText("Enter an email address like name@example.com.")).toBeTruthy();
  });
});
