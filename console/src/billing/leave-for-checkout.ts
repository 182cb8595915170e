import { useEffect, useState } from "react";
import { assignLocation } from "./browser-location";
import { rememberCheckout, type StartedCheckout } from "./checkout-memory";

const NOT_A_WEB_ADDRESS = "The server's checkout link is not a web address. Nothing was charged; please try again later.";

/**
 * Sends the browser to a checkout session the server just created, remembering
 * what it was for (null: nothing to remember, a card update). Only http(s) URLs are followed; for anything else it returns
 * the sentence to show instead.
 */
export function leaveForCheckout(session: { id: string; url: string }, started: StartedCheckout | null): string | null {
  let url: URL;
  try {
    url = new URL(session.url);
  } catch {
    return NOT_A_WEB_ADDRESS;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return NOT_A_WEB_ADDRESS;
  if (started) rememberCheckout(session.id, started);
  assignLocation(url.href);
  return null;
}

/**
 * "Leaving for checkout" state for a button: true from the redirect on, so it
 * cannot be pressed twice; false again if the person comes back with the
 * browser's Back button (the page may be restored from the back/forward cache).
 */
export function useLeavingForCheckout(): [leaving: boolean, setLeaving: (leaving: boolean) => void] {
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);
  return [leaving, setLeaving];
}
