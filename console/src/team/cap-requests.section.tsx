import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { useFormMutation } from "../apollo/form-mutation.hook";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { CapRequestItemFragment } from "../gql/graphql";
import { useNotifier } from "../notifications/notification-center.component";
import { usagePath } from "../routes";
import { targetWords } from "./cap-row.component";
import { limitChangeWords, REQUEST_STATUS, requestNote } from "./cap-request-words";
import { OrgCapRequestsQuery } from "./cap-requests.query";
import { type CapsOrg, capTarget } from "./cap-target";

const DecideCapIncreaseMutation = graphql(`
  mutation DecideCapIncrease($orgId: ID!, $requestId: ID!, $approve: Boolean!) {
    decideCapIncrease(orgId: $orgId, requestId: $requestId, approve: $approve) {
      ...CapRequestItem
    }
  }
`);

/** How many decided requests the section keeps on screen (the newest). */
const DECIDED_SHOWN = 10;

/** Whose cap a request is on: "Their own" (or "Yours"), "Space Research", another member's name, or a cap removed since. */
export function requestCapWords(
  request: Pick<CapRequestItemFragment, "capId" | "requestedBy">,
  org: CapsOrg,
  myUserId: string | undefined,
): string {
  const cap = org.caps.find((c) => c.id === request.capId);
  if (!cap) return "A removed cap";
  const target = capTarget(cap, org, myUserId);
  if (target.kind === "Space") return `Space ${target.name}`;
  if (cap.targetId === request.requestedBy.id) return target.isMe ? "Yours" : "Their own";
  return target.name;
}

/**
 * Team settings → Cap requests. OWNER and ADMIN: members' requests for a higher cap, the
 * pending ones with Approve and Deny (approving sets the cap), then the latest decided.
 * A MEMBER: their own requests and how each was decided (the decision mail links here).
 */
export function CapRequestsSection({ org, canManage, myUserId }: { org: CapsOrg; canManage: boolean; myUserId: string | undefined }) {
  const { data, loading, error, refetch } = useQuery(OrgCapRequestsQuery, {
    variables: { orgId: org.id },
    context: { handles: PAGE_CODES },
    // A request arrives from someone else's browser: open the section on the server's list.
    fetchPolicy: "cache-and-network",
  });
  const requests = data?.org?.capIncreaseRequests ?? [];
  const pending = requests.filter((r) => r.status === "PENDING");
  const decided = requests.filter((r) => r.status !== "PENDING").slice(0, DECIDED_SHOWN);
  const title = canManage ? "Cap requests" : "Your cap requests";

  let body: ReactNode;
  if (loading && !data) body = <PageLoading label="Loading cap requests…" />;
  else if (error && !data)
    body = <PageError title="We couldn't load the cap requests" message={describeError(error).message} onRetry={() => void refetch()} />;
  else if (canManage)
    body = (
      <>
        {pending.length === 0 ? (
          <p className="muted">No requests waiting.</p>
        ) : (
          <RequestsTable label="Pending cap requests" org={org} requests={pending} myUserId={myUserId} decide />
        )}
        {decided.length > 0 && (
          <section className="subsection" aria-labelledby="decided-requests-title">
            <h3 id="decided-requests-title" className="section__subtitle">
              Decided
            </h3>
            <RequestsTable label="Decided cap requests" org={org} requests={decided} myUserId={myUserId} />
          </section>
        )}
      </>
    );
  else
    body =
      requests.length === 0 ? (
        <p className="muted">
          You have not asked for a higher cap. When your cap is too low, ask for more under Your cap in{" "}
          <Link to={usagePath(org.id)}>Org usage</Link>.
        </p>
      ) : (
        <RequestsTable label="Your cap requests" org={org} requests={requests.slice(0, DECIDED_SHOWN)} myUserId={myUserId} />
      );

  return (
    <section className="card section" aria-labelledby="cap-requests-title" id="cap-requests">
      <header className="section__header">
        <h2 id="cap-requests-title" className="card__title">
          {title}
        </h2>
        <p className="card__lead">
          {canManage
            ? "Members ask for a higher cap from Org usage. Approving sets the cap to what they asked for, and calls it stopped go through at once; they are emailed either way."
            : "Ask for a higher cap from Org usage; an owner or admin approves or denies it, and you are emailed either way."}
        </p>
      </header>
      {body}
    </section>
  );
}

function RequestsTable({
  label,
  org,
  requests,
  myUserId,
  decide = false,
}: {
  label: string;
  org: CapsOrg;
  requests: readonly CapRequestItemFragment[];
  myUserId: string | undefined;
  decide?: boolean;
}) {
  return (
    <table className="table table--stack cap-requests" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Asked by</th>
          <th scope="col">Cap</th>
          <th scope="col">Monthly limit</th>
          <th scope="col">Reason</th>
          <th scope="col">{decide ? "Asked" : "Status"}</th>
          {decide && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <RequestRow key={request.id} org={org} request={request} myUserId={myUserId} decide={decide} />
        ))}
      </tbody>
    </table>
  );
}

function RequestRow({
  org,
  request,
  myUserId,
  decide,
}: {
  org: CapsOrg;
  request: CapRequestItemFragment;
  myUserId: string | undefined;
  decide: boolean;
}) {
  const notifier = useNotifier();
  const who = request.requestedBy.user.name;
  const { run, formError, loading } = useFormMutation(DecideCapIncreaseMutation, {
    update(cache, { data }) {
      // The cap now allows what was asked (the server never lowers one raised past it meanwhile).
      if (data?.decideCapIncrease.status !== "APPROVED") return;
      cache.modify({
        id: cache.identify({ __typename: "Cap", id: request.capId }),
        fields: { monthlyLimit: (limit: number) => Math.max(limit, request.requestedLimit) },
      });
    },
  });
  const status = REQUEST_STATUS[request.status];
  const cap = org.caps.find((c) => c.id === request.capId);
  const capName = cap ? targetWords(capTarget(cap, org, myUserId)) : "a removed cap";

  const onDecide = async (approve: boolean) => {
    const result = await run({ orgId: org.id, requestId: request.id, approve });
    if (!result) return;
    notifier.notify({
      tone: "success",
      message: approve
        ? `Approved: the cap on ${capName} is now ${request.requestedLimit.toLocaleString()} credits a month. ${who} is emailed.`
        : `Denied ${who}'s request for ${request.requestedLimit.toLocaleString()} credits a month. ${who} is emailed.`,
    });
  };

  return (
    <tr>
      <th scope="row" data-label="Asked by" className="cell--wrap">
        {who}
        {request.requestedBy.user.id === myUserId && <span className="muted"> (you)</span>}
      </th>
      <td data-label="Cap" className="cell--wrap">
        {requestCapWords(request, org, myUserId)}
      </td>
      <td data-label="Monthly limit" className="cell--money">
        {limitChangeWords(request)}
      </td>
      <td data-label="Reason" className="cell--wrap cap-request__reason">
        {request.reason}
      </td>
      {decide ? (
        <td data-label="Asked">
          <Time value={request.createdAt} format="datetime" />
        </td>
      ) : (
        <td data-label="Status">
          <span className="alert__status">
            <span className={`status status--${status.tone}`}>{status.label}</span>{" "}
            <span className="muted">
              {request.status === "PENDING" ? (
                <>
                  asked <Time value={request.createdAt} />
                </>
              ) : (
                <>
                  {requestNote(request)}
                  {request.decidedAt && (
                    <>
                      {" "}
                      on <Time value={request.decidedAt} />
                    </>
                  )}
                </>
              )}
            </span>
          </span>
        </td>
      )}
      {decide && (
        <td className="cell--actions">
          <div className="row-actions">
            <button type="button" className="button button--small button--primary" onClick={() => void onDecide(true)} disabled={loading}>
              Approve<span className="visually-hidden"> {who}'s request</span>
            </button>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => void onDecide(false)}
              disabled={loading}
            >
              Deny<span className="visually-hidden"> {who}'s request</span>
            </button>
          </div>
          {formError && (
            <p className="field__error" role="alert">
              {formError}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
