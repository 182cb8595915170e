import { ErrorLink } from "@apollo/client/link/error";
import type { NotifyInput } from "../notifications/notifier";
import { describeError } from "./error-message";

/**
 * Operation context flag: the component shows this operation's errors itself
 * (a form next to its fields, a page in place of its content), so the link
 * must not also raise a notification.
 */
export const INLINE_ERRORS = { inlineErrors: true } as const;

export interface ErrorLinkOptions {
  notify: (input: NotifyInput) => void;
  /** The session is gone (expired cookie, signed out elsewhere). */
  onUnauthenticated: () => void;
}

/**
 * The console's one error link: every failed operation is described by its
 * `extensions.code`, so billing and permission errors read the same everywhere.
 */
export function createErrorLink({ notify, onUnauthenticated }: ErrorLinkOptions): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    const { code, message } = describeError(error);
    if (code === "UNAUTHENTICATED") onUnauthenticated();
    if (operation.getContext().inlineErrors === true) return;
    notify({ tone: "error", message });
  });
}
