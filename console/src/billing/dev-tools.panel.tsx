import { useApolloClient, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useParams } from "react-router";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { FormError } from "../components/form-field.component";
import { Time } from "../components/time.component";
import { DevToolsEnabledQuery } from "../dev/dev-tools.query";
import { graphql } from "../gql";
import { learnServerTime } from "../layout/server-clock";

const DevAdvanceClockMutation = graphql(`
  mutation DevAdvanceClock($days: Int!) {
    devAdvanceClock(days: $days)
  }
`);

// From the cache the billing page filled: who is looking.
const DevToolsRoleQuery = graphql(`
  query DevToolsRole($orgId: ID!) {
    org(id: $orgId) {
      id
      myRole
    }
  }
`);

type Availability = "unknown" | "checking" | "on" | "off";

/**
 * Developer tools for trying the product on a dev server: move the server's
 * and the Stripe emulator's clocks to see renewals, refills and scheduled
 * downgrades happen. Closed by default; opening it asks the server whether the
 * tools are on (DEV_TOOLS).
 */
export function DevToolsPanel() {
  const { orgId = "" } = useParams();
  const role = useQuery(DevToolsRoleQuery, { variables: { orgId }, skip: !orgId, context: { handles: PAGE_CODES } });
  // A MEMBER has no business moving the clock of every org on the server; until the role is known, nothing.
  const myRole = role.data?.org?.myRole;
  if (!myRole || myRole === "MEMBER") return null;
  return <DevToolsBody />;
}

function DevToolsBody() {
  const [availability, setAvailability] = useState<Availability>("unknown");
  const [now, setNow] = useState<string | null>(null);
  const {
    runDetailed: advance,
    formError: error,
    reset,
    loading,
  } = useFormMutation(DevAdvanceClockMutation, {
    // Anything on the page may have changed: plan, pool, invoices.
    refetchQueries: "active",
    awaitRefetchQueries: true,
    // Before the refetches: every date the console computes from "now" follows the moved clock.
    update(_cache, { data }) {
      if (data) learnServerTime(data.devAdvanceClock);
    },
  });

  const client = useApolloClient();
  const probe = async () => {
    if (availability !== "unknown") return;
    setAvailability("checking");
    try {
      const { data } = await client.query({ query: DevToolsEnabledQuery, fetchPolicy: "network-only", context: { handles: PAGE_CODES } });
      setAvailability(data?.devToolsEnabled ? "on" : "off");
    } catch {
      setAvailability("off");
    }
  };

  const onAdvance = async (days: number) => {
    const { data, error: failure } = await advance({ days });
    if (data) setNow(data.devAdvanceClock);
    // The tools were turned off since the panel opened: say so instead of an error.
    if (failure?.code === "FORBIDDEN") {
      reset();
      setAvailability("off");
    }
  };

  return (
    <details
      className="dev-tools"
      onToggle={(e) => {
        if (e.currentTarget.open) void probe();
      }}
    >
      <summary className="dev-tools__summary">Developer tools</summary>
      <div className="dev-tools__body">
        {availability === "off" ? (
          <p className="muted">Off on this server (DEV_TOOLS). Nothing here changes a real account.</p>
        ) : availability === "on" ? (
          <>
            <p className="muted">
              Moves this server's clock and the Stripe emulator's, then runs what falls due: renewals, invoices, refills and scheduled
              changes. For every org on the server, and there is no way back.
            </p>
            <div className="dev-tools__actions">
              <button type="button" className="button button--small" disabled={loading} onClick={() => void onAdvance(1)}>
                Advance 1 day
              </button>
              <button type="button" className="button button--small" disabled={loading} onClick={() => void onAdvance(31)}>
                Advance 31 days
              </button>
              <span className="muted" role="status">
                {loading ? (
                  "Moving the clock…"
                ) : now ? (
                  <>
                    Server time: <Time value={now} format="datetime" />
                  </>
                ) : null}
              </span>
            </div>
            <FormError message={error} />
          </>
        ) : (
          <p className="muted" role="status">
            Checking whether this server has them on…
          </p>
        )}
      </div>
    </details>
  );
}
