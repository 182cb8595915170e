import { useQuery } from "@apollo/client/react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { InlineLoadError } from "../components/page-state.component";
import { graphql } from "../gql";
import type { OrgRefusedCallsQuery } from "../gql/graphql";

export const OrgRefusedCallsQueryDoc = graphql(`
  query OrgRefusedCalls($orgId: ID!, $from: DateTime, $to: DateTime) {
    org(id: $orgId) {
      id
      refusedCalls(from: $from, to: $to) {
        total
        byMember {
          memberId
          name
          count
        }
        bySpace {
          spaceId
          name
          count
        }
        byReason {
          reason
          description
          count
        }
      }
    }
  }
`);

type Report = NonNullable<OrgRefusedCallsQuery["org"]>["refusedCalls"];

/**
 * The reasons in the console's words (what the reader can do about it); one the server
 * adds later shows with the server's own description.
 */
export const REASON_WORDS: Record<string, string> = {
  MEMBER_CAP_REACHED: "Member at their monthly cap: raise the cap in Team settings, or wait for the reset.",
  SPACE_CAP_REACHED: "Space at its monthly cap: raise the Space's cap in Team settings, or wait for the reset.",
  POOL_EXHAUSTED: "Credit pool empty: a top-up adds credits at once; the monthly ones come back at the reset.",
  PERSONAL_CREDITS_EXHAUSTED: "The member's personal credits had run out.",
  PERSONAL_CREDITS_NOT_ALLOWED: "An API key tried to spend a member's personal credits without their consent.",
  PLAN_REQUIRED: "A paid plan was needed: on Free, members without their own Starter or Pro plan can't spend.",
  PAYMENT_OVERDUE: "The Team subscription was past due: pay the open invoice on Billing.",
};
const reasonWords = (r: { reason: string; description: string }) => REASON_WORDS[r.reason] ?? r.description;
const calls = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "call" : "calls"}`;

type Range = { from?: string; to?: string };

function useRefusedCalls(orgId: string, range: Range) {
  const variables = { orgId, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
  return useQuery(OrgRefusedCallsQueryDoc, { variables, context: { handles: PAGE_CODES } });
}

function CountTable({ label, column, rows }: { label: string; column: string; rows: { key: string; name: string; count: number }[] }) {
  return (
    <table className="table table--stack" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col" className="cell--number">
            Refused calls
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" className="cell--wrap">
              {r.name}
            </th>
            <td className="cell--number">{r.count.toLocaleString("en-US")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** OWNER and ADMIN: the calls refused in the range on screen, by member, Space and reason. */
export function RefusedCallsCard({ orgId, range }: { orgId: string; range: Range }) {
  const { data, previousData, error, refetch } = useRefusedCalls(orgId, range);
  const report: Report | undefined = (data ?? previousData)?.org?.refusedCalls;
  return (
    <section className="card section" aria-labelledby="refused-title" id="refused-calls">
      <header className="section__header">
        <h2 id="refused-title" className="card__title">
          Refused calls
        </h2>
        <p className="card__lead">Model calls the billing checks turned away in this range, so nobody is blocked without you knowing.</p>
      </header>
      {error && !report && (
        <InlineLoadError what="the refused calls" message={describeError(error).message} onRetry={() => void refetch()} />
      )}
      {report && report.total === 0 && <p className="muted">No call was refused in this range.</p>}
      {report && report.total > 0 && (
        <>
          <p>
            <strong>{calls(report.total)}</strong> refused in this range.
          </p>
          <ul className="refused-reasons" aria-label="Why calls were refused">
            {report.byReason.map((r) => (
              <li key={r.reason}>
                <strong>{calls(r.count)}</strong>: {reasonWords(r)}
              </li>
            ))}
          </ul>
          <CountTable
            label="Refused calls by member"
            column="Member"
            rows={report.byMember.map((m) => ({ key: m.memberId, name: m.name, count: m.count }))}
          />
          <CountTable
            label="Refused calls by Space"
            column="Space"
            rows={report.bySpace.map((s) => ({ key: s.spaceId, name: s.name, count: s.count }))}
          />
        </>
      )}
    </section>
  );
}

/** A MEMBER's own refused calls, next to their cap (the server answers only theirs). */
export function MyRefusedCalls({ orgId, range }: { orgId: string; range: Range }) {
  const { data } = useRefusedCalls(orgId, range);
  const report = data?.org?.refusedCalls;
  if (!report) return null;
  if (report.total === 0) return <p className="muted">None of your calls was refused in this range.</p>;
  return (
    <div className="callout callout--warning" role="status" aria-label="Your refused calls">
      <p className="callout__title">{calls(report.total)} of yours refused in this range</p>
      <ul>
        {report.byReason.map((r) => (
          <li key={r.reason}>
            {calls(r.count)}: {r.description}
          </li>
        ))}
      </ul>
    </div>
  );
}
