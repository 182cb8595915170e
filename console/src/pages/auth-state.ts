/** What Sign in is opened with (router state). */
export interface SignInState {
  notice?: string;
  /** Prefills the form: an invitation's address, or what was typed on Create account. */
  email?: string;
}

/** What Create account is opened with (router state). */
export interface SignUpState {
  email?: string;
}
