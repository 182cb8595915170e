import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { OlderPages } from "../components/older-pages.component";
import { PageError, PageLoading } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { UsageEventItemFragment } from "../gql/graphql";
import { serverNow, useServerClock } from "../layout/server-clock";
import { canVoid, type EventNames, sourceWords } from "./void-preview";
import { VoidUsageDialog } from "./void-usage.dialog";

export const UsageEventItemFields = graphql(`
  fragment UsageEventItem on UsageEvent {
    id
    memberId
    spaceId
    model
    credits
    fromTopUp
    fromMonthly
    occurredAt
    voidedAt
    voidReason
  }
`);

// Newest first, a page at a time (older pages appended by the cache, see createCache). The
// names come along: an event names its member and Space by id.
export const OrgUsageEventsQuery = graphql(`
  query OrgUsageEvents($orgId: ID!, $first: Int!, $after: String) {
    org(id: $orgId) {
      id
      members {
        id
        user {
          id
          name
        }
      }
      spaces {
        id
        name
      }
      usageEvents(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...UsageEventItem
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const EVENTS_PAGE_SIZE = 20;

/**
 * Org usage → Recorded calls: every recorded call, newest first, a page at a time. OWNER and ADMIN
 * may void one (within 30 days): it stays listed, struck through with its reason, and every
 * total counts it out. A MEMBER sees their own calls (the server narrows them).
 */
export function UsageEventsSection({
  orgId,
  canManage,
  periodStart,
}: {
  orgId: string;
  canManage: boolean;
  /** The pool's current period start (where monthly credits still come back); null without a pool. */
  periodStart: string | null;
}) {
  // "Within 30 days" is on the server's clock (dev tools move it).
  useServerClock();
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(OrgUsageEventsQuery, {
    variables: { orgId, first: EVENTS_PAGE_SIZE },
    context: { handles: PAGE_CODES },
    // New calls arrive all the time: the cached page shows at once, then the server's.
    fetchPolicy: "cache-and-network",
  });
  const [voiding, setVoiding] = useState<UsageEventItemFragment | null>(null);
  const org = data?.org;
  const connection = org?.usageEvents;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const namesOf = (event: UsageEventItemFragment): EventNames => ({
    member: org?.members.find((m) => m.id === event.memberId)?.user.name ?? "A former member",
    space: org?.spaces.find((s) => s.id === event.spaceId)?.name ?? "A removed Space",
  });

  let body: ReactNode;
  if (loading && !connection) body = <PageLoading label="Loading calls…" />;
  else if (error && !connection)
    body = <PageError title="We couldn't load the calls" message={describeError(error).message} onRetry={() => void refetch()} />;
  else if (!connection || connection.edges.length === 0) body = <p className="muted">No calls recorded yet.</p>;
  else
    body = (
      <>
        <table className="table table--stack usage-events" aria-labelledby="calls-title">
          <thead>
            <tr>
              <th scope="col">When</th>
              {canManage && <th scope="col">Member</th>}
              <th scope="col">Space</th>
              <th scope="col">Model</th>
              <th scope="col" className="cell--number">
                Credits
              </th>
              <th scope="col">
                <span className="visually-hidden">{canManage ? "Void" : "Voided"}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <EventRow key={node.id} event={node} names={namesOf(node)} canManage={canManage} onVoid={() => setVoiding(node)} />
            ))}
          </tbody>
        </table>
        <OlderPages
          pageInfo={connection.pageInfo}
          loading={loadingMore}
          more={(after) => fetchMore({ variables: { after }, context: { handles: PAGE_CODES } })}
          what="calls"
        />
      </>
    );

  return (
    <section className="card section" aria-labelledby="calls-title" id="calls">
      <header className="section__header">
        <h2 id="calls-title" className="card__title">
          Recorded calls
        </h2>
        <p className="card__lead">
          {canManage ? "Every recorded call" : "Your recorded calls"}, newest first, whatever the period above. A voided call stays listed,
          struck through, and counts in no total.
          {canManage && " A call metered by mistake can be voided within 30 days: its credits go back where they came from."}
        </p>
      </header>
      {body}
      {voiding && (
        <VoidUsageDialog
          orgId={orgId}
          event={voiding}
          names={namesOf(voiding)}
          periodStart={periodStart}
          onClose={() => setVoiding(null)}
        />
      )}
    </section>
  );
}

function EventRow({
  event,
  names,
  canManage,
  onVoid,
}: {
  event: UsageEventItemFragment;
  names: EventNames;
  canManage: boolean;
  onVoid: () => void;
}) {
  const voided = Boolean(event.voidedAt);
  return (
    <tr className={voided ? "usage-event usage-event--voided" : "usage-event"}>
      <td data-label="When">
        <Time value={event.occurredAt} format="datetime" />
      </td>
      {canManage && (
        <th scope="row" data-label="Member">
          {names.member}
        </th>
      )}
      <td data-label="Space">{names.space}</td>
      <td data-label="Model">
        <code>{event.model}</code>
      </td>
      <td data-label="Credits" className="cell--number">
        {/* One element: a stacked cell lays out its children in columns. */}
        <span className="usage-event__amount">
          {voided ? (
            <del className="usage-event__credits">
              <span className="visually-hidden">voided: </span>
              {event.credits.toLocaleString()}
            </del>
          ) : (
            <span className="usage-event__credits">{event.credits.toLocaleString()}</span>
          )}
          <span className="usage-event__source muted">{sourceWords(event)}</span>
        </span>
      </td>
      <td className="cell--actions">
        {voided ? (
          <span className="usage-event__voided">
            <span className="status status--bad">
              Voided<span className="visually-hidden">:</span>
            </span>{" "}
            <span className="usage-event__reason">{event.voidReason}</span>
            {event.voidedAt && (
              <span className="muted">
                {" "}
                on <Time value={event.voidedAt} />
              </span>
            )}
          </span>
        ) : (
          canManage &&
          canVoid(event, serverNow()) && (
            <button type="button" className="button button--small button--danger-quiet" onClick={onVoid}>
              Void<span className="visually-hidden"> the call of {names.member}</span>
            </button>
          )
        )}
      </td>
    </tr>
  );
}
