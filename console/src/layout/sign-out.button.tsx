import { useApolloClient, useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { graphql } from "../gql";
import { signInPath } from "../routes";

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/**
 * Signs out and opens the sign-in page. `next` brings the person back after
 * signing in again (e.g. to an invitation meant for another account).
 */
export function SignOutButton({
  next,
  label = "Sign out",
  className = "button button--quiet",
}: {
  next?: string;
  label?: string;
  className?: string;
}) {
  const [logout, { loading }] = useMutation(LogoutMutation);
  const client = useApolloClient();
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await logout();
    } catch {
      return; // the error link has told the person why
    }
    navigate(signInPath(next), { replace: true });
    // Nothing the last user saw may leak into the next session in this tab.
    await client.clearStore();
  };

  return (
    <button type="button" className={className} onClick={() => void signOut()} disabled={loading}>
      {loading ? "Signing out…" : label}
    </button>
  );
}
