import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router";
import { isPublicPath, signInPath } from "../routes";

/** Dispatched on `window` by the error link's onUnauthenticated (see main.tsx). */
export const UNAUTHENTICATED_EVENT = "team-billing:unauthenticated";

/**
 * Sends the person to sign in when the API says the session is gone, and
 * forgets cached data that belonged to it. The error link lives outside React,
 * so it signals through a window event rather than holding the router.
 */
export function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  const client = useApolloClient();
  const location = useLocation();
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);

  useEffect(() => {
    const onUnauthenticated = () => {
      const { pathname, search } = here.current;
      // A failed login is the sign-in page's business, not a redirect.
      if (isPublicPath(pathname)) return;
      navigate(signInPath(pathname + search), { replace: true });
      void client.clearStore();
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [navigate, client]);
  return null;
}
