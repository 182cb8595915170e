import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { PAGE_CODES } from "../apollo/error.link";
import { Time } from "../components/time.component";
import type { CapItemFragment } from "../gql/graphql";
import { AskForMoreDialog } from "../team/ask-for-more.dialog";
import { limitChangeWords, REQUEST_STATUS, requestNote } from "../team/cap-request-words";
import { OrgCapRequestsQuery } from "../team/cap-requests.query";

/** How many of their requests a member sees under their cap (the newest). */
const SHOWN = 5;

/**
 * Under a MEMBER's own cap: "Ask for more" (or the request already waiting), and how their
 * requests on it were decided. The server lists a MEMBER only their own requests.
 */
export function MyCapRequests({ orgId, cap }: { orgId: string; cap: Pick<CapItemFragment, "id" | "monthlyLimit" | "usedThisPeriod"> }) {
  const [asking, setAsking] = useState(false);
  // Decisions are made in someone else's browser: this view asks the server each time it opens.
  const { data } = useQuery(OrgCapRequestsQuery, {
    variables: { orgId },
    context: { handles: PAGE_CODES },
    fetchPolicy: "cache-and-network",
  });
  const mine = (data?.org?.capIncreaseRequests ?? []).filter((r) => r.capId === cap.id);
  const pending = mine.find((r) => r.status === "PENDING");

  return (
    <div className="my-cap__requests">
      {pending ? (
        <p>
          You asked for <strong>{pending.requestedLimit.toLocaleString()} credits</strong> a month on <Time value={pending.createdAt} />:
          waiting for an owner or admin.
        </p>
      ) : (
        <div>
          <button type="button" className="button" onClick={() => setAsking(true)}>
            Ask for more
          </button>
        </div>
      )}
      {asking && <AskForMoreDialog orgId={orgId} cap={cap} capWords="your cap" onClose={() => setAsking(false)} />}
      {mine.length > 0 && (
        <table className="table table--stack cap-requests" aria-label="Your requests">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Monthly limit</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {mine.slice(0, SHOWN).map((request) => {
              const status = REQUEST_STATUS[request.status];
              return (
                <tr key={request.id}>
                  <th scope="row" data-label="Asked">
                    <Time value={request.createdAt} />
                  </th>
                  <td data-label="Monthly limit" className="cell--money">
                    {limitChangeWords(request)}
                  </td>
                  <td data-label="Status">
                    <span className="alert__status">
                      <span className={`status status--${status.tone}`}>{status.label}</span>{" "}
                      <span className="muted">
                        {requestNote(request)}
                        {request.decidedAt && (
                          <>
                            {" "}
                            on <Time value={request.decidedAt} />
                          </>
                        )}
                      </span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
