import { graphql } from "../gql";

/** Whether this server runs with DEV_TOOLS (clock moves, the dev mailbox). Signed-in callers only. */
export const DevToolsEnabledQuery = graphql(`
  query DevToolsEnabled {
    devToolsEnabled
  }
`);
