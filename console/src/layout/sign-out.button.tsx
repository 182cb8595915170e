import { useApolloClient, useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { graphql } from "../gql";
import { ROUTES } from "../routes";

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export function SignOutButton() {
  const [logout, { loading }] = useMutation(LogoutMutation);
  const client = useApolloClient();
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await logout();
    } catch {
      return; // the error link has told the person why
    }
    navigate(ROUTES.signIn.path, { replace: true });
    // Nothing the last user saw may leak into the next session in this tab.
    await client.clearStore();
  };

  return (
    <button type="button" className="button button--quiet" onClick={() => void signOut()} disabled={loading}>
      {loading ? "Signing out…" : "Sign out"}
    </button>
  );
}
