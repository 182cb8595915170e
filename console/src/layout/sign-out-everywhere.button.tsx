import { useApolloClient, useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { graphql } from "../gql";
import type { SignInState } from "../pages/sign-in.page";
import { ROUTES } from "../routes";

const LogoutEverywhereMutation = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

/** Ends every session of the account (other browsers, a lost laptop), this one included. */
export function SignOutEverywhereButton({ className = "button button--quiet" }: { className?: string }) {
  const [logoutEverywhere, { loading }] = useMutation(LogoutEverywhereMutation);
  const client = useApolloClient();
  const navigate = useNavigate();

  const onClick = async () => {
    try {
      await logoutEverywhere();
    } catch {
      return; // the error link has told the person why
    }
    const state: SignInState = { notice: "You are signed out on every device." };
    navigate(ROUTES.signIn.path, { replace: true, state });
    await client.clearStore();
  };

  return (
    <button type="button" className={className} onClick={() => void onClick()} disabled={loading}>
      {loading ? "Signing out everywhere…" : "Sign out everywhere"}
    </button>
  );
}
