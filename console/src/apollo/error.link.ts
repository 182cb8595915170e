import { ErrorLink } from "@apollo/client/link/error";
import type { ErrorCode } from "@team-billing/shared";
import type { NotifyInput } from "../notifications/notifier";
import { describeError } from "./error-message";

/** A code a component can show itself: the API's codes, or NETWORK when no answer arrived. */
export type HandledCode = ErrorCode | "NETWORK";

declare module "@apollo/client" {
  interface DefaultContext {
    /** The error codes this operation's component shows itself (see `handles`). */
    handles?: readonly HandledCode[];
  }
}

/**
 * Operation context: the codes the component shows in place (a form next to its
 * fields, a page instead of its content). The link notifies for every other code,
 * so nothing a component does not show is ever swallowed.
 */
export function handles(...codes: HandledCode[]): { handles: readonly HandledCode[] } {
  return { handles: codes };
}

/** What a form shows next to its fields: the input was wrong, clashed with something, or the role may not. */
export const FORM_CODES: readonly HandledCode[] = ["BAD_USER_INPUT", "CONFLICT", "FORBIDDEN"];
/**
 * What a page or section that failed to load says in its place, with a retry: the thing
 * is not there, not for this role, or the server or network failed. Anything else a
 * load answers (a lost session, a code nobody expects there) is the link's to announce.
 */
export const PAGE_CODES: readonly HandledCode[] = ["NOT_FOUND", "FORBIDDEN", "INTERNAL_SERVER_ERROR", "NETWORK", "RATE_LIMITED"];

export interface ErrorLinkOptions {
  notify: (input: NotifyInput) => void;
  /** The session is gone (expired cookie, signed out elsewhere). */
  onUnauthenticated: () => void;
}

/**
 * The console's one error link: every failed operation is described by its
 * `extensions.code`, so billing and permission errors read the same everywhere.
 * It speaks for every code the operation's component does not claim.
 */
export function createErrorLink({ notify, onUnauthenticated }: ErrorLinkOptions): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    const { code, message } = describeError(error);
    // A lost session signs out whoever asked; no component can fix that in place.
    if (code === "UNAUTHENTICATED") onUnauthenticated();
    if (operation.getContext().handles?.includes(code)) return;
    notify({ tone: "error", message });
  });
}
