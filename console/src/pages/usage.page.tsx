import { useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { badInputField, describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { PoolGauge } from "../billing/pool-gauge.component";
import { RunwayLine } from "../usage/runway-line.component";
import { FormError } from "../components/form-field.component";
import { EmptyState, OrgPageError, PageLoading, PageTitle } from "../components/page-state.component";
import { Time } from "../components/time.component";
import { graphql } from "../gql";
import type { OrgUsageQuery } from "../gql/graphql";
import { PlanBadge } from "../orgs/plan-badge.component";
import { useServerClock } from "../layout/server-clock";
import { billingPath, orgPath, ROUTES, teamPath, usageCsvUrl, usagePath } from "../routes";
import { DailyChart } from "../usage/daily-chart.component";
import { MyRefusedCalls, RefusedCallsCard } from "../usage/refused-calls.card";
import { UsageBreakdown } from "../usage/usage-breakdown.component";
import { MyCapRequests } from "../usage/my-cap-requests.component";
import { UsageEventsSection } from "../usage/usage-events.section";
import { canManageTeam } from "../team/roles";
import { usePoolAlertPercents } from "../team/usage-alerts.query";
import { customRange, daysUntil, isoDay, type PeriodChoice, rangeFor } from "../usage/usage-period";

export const UsageReportFields = graphql(`
  fragment UsageReportFields on UsageReport {
    from
    to
    totalCredits
    calls
    byMember {
      memberId
      name
      credits
      calls
    }
    bySpace {
      spaceId
      name
      credits
      calls
    }
    byModel {
      model
      credits
      calls
    }
    daily {
      date
      credits
      calls
    }
  }
`);

const OrgUsageQueryDoc = graphql(`
  query OrgUsage($orgId: ID!, $from: DateTime, $to: DateTime) {
    org(id: $orgId) {
      id
      name
      plan
      myRole
      softAlertThresholdPercent
      pool {
        ...PoolFields
      }
      forecast {
        burnPerDay
        daysLeft
        runsOutBeforeReset
        historyHours
      }
      # A MEMBER gets their own cap and the Spaces' (the server narrows it).
      caps {
        id
        scope
        targetId
        monthlyLimit
        usedThisPeriod
      }
      usage(from: $from, to: $to) {
        ...UsageReportFields
      }
    }
  }
`);

const CHOICES: readonly { value: PeriodChoice; label: string }[] = [
  { value: "current", label: "Current period" },
  { value: "last30", label: "Last 30 days" },
  { value: "custom", label: "Custom" },
];

function choiceOf(search: URLSearchParams): PeriodChoice {
  const period = search.get("period");
  return period === "last30" || period === "custom" ? period : "current";
}

/** The last day a half-open range [from, to) covers. */
const lastDay = (to: string) => isoDay(new Date(new Date(to).getTime() - 1));

/** Who spends what: the pool, the chosen range's totals, and breakdowns by member, Space, model and day. */
export default function UsagePage() {
  const { orgId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  // The router applies a new URL in a transition; until it lands, the picker shows the option just
  // chosen, so a controlled radio never snaps back under the pointer.
  const [chosen, setChosen] = useState<{ choice: PeriodChoice; at: string } | null>(null);
  const choice = choiceOf(search);
  const picked = chosen?.at === search.toString() ? chosen.choice : choice;
  const fromDay = search.get("from") ?? "";
  const toDay = search.get("to") ?? "";
  // Dates follow the server's clock (dev tools can move it); re-render when it is learnt.
  useServerClock();
  // A custom range the URL cannot make sense of shows the current period, and says so.
  const checked = choice === "custom" ? customRange(fromDay, toDay) : null;
  const badLink = checked && "problem" in checked ? checked.problem : null;
  const range = rangeFor(choice, fromDay, toDay) ?? {};
  const variables = { orgId, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
  const { data, previousData, loading, error, refetch } = useQuery(OrgUsageQueryDoc, { variables, context: { handles: PAGE_CODES } });
  const shown = data ?? previousData;
  // The pool gauge ticks every pool alert for those who may list them (OWNER and ADMIN).
  const alertPercents = usePoolAlertPercents(orgId, canManageTeam(shown?.org?.myRole) && Boolean(shown?.org?.pool));

  if (loading && !shown) return <PageLoading label="Loading usage…" />;
  // A range the server refuses is said next to the picker (below) once something is on screen; never a dead end.
  if (error && !shown) {
    if (choice === "custom" && badInputField(error)) {
      // "Try again" would repeat the same refusal: the way on is another range.
      return (
        <div className="page-state page-state--error">
          <h2 className="page-state__title">We couldn't show that range</h2>
          <p>{describeError(error).message}</p>
          <Link className="button" to={usagePath(orgId)} replace>
            Show the current period
          </Link>
        </div>
      );
    }
    return <OrgPageError error={error} what="usage" onRetry={() => void refetch()} />;
  }
  const org = shown?.org;
  if (!org) return <OrgPageError />;
  const report = org.usage;
  const isMember = org.myRole === "MEMBER";
  const myCap = isMember ? org.caps.find((c) => c.scope === "MEMBER") : undefined;
  const rangeProblem = error ? describeError(error).message : null;

  const choose = (next: PeriodChoice) => {
    setChosen({ choice: next, at: search.toString() });
    if (next === "current") setSearch({}, { replace: true });
    else if (next === "last30") setSearch({ period: "last30" }, { replace: true });
    // Custom starts from the range on screen; the form below changes it.
    else setSearch({ period: "custom", from: isoDay(new Date(report.from)), to: lastDay(report.to) }, { replace: true });
  };

  return (
    <div className="page">
      <PageTitle>{`${ROUTES.usage.title} · ${org.name}`}</PageTitle>
      <header className="page__header page__header--stacked">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to={orgPath(org.id)}>{org.name}</Link>
        </nav>
        <div className="page__title-row">
          <h1 className="page__title">Org usage</h1>
          <PlanBadge plan={org.plan} />
        </div>
        {isMember && <p className="muted page__lead">Showing your own usage. Owners and admins see the whole org.</p>}
      </header>

      {isMember && (
        <MyCapSection orgId={org.id} cap={myCap} resetsAt={org.pool?.periodEnd ?? null}>
          <MyRefusedCalls orgId={org.id} range={range} />
        </MyCapSection>
      )}

      {org.pool && (
        <section className="card section" aria-labelledby="pool-title" id="pool">
          <header className="section__header">
            <h2 id="pool-title" className="card__title">
              Credit pool
            </h2>
            <p className="card__lead">
              {resetsIn(daysUntil(org.pool.periodEnd))} Caps per member or Space are in <Link to={teamPath(org.id)}>Team settings</Link>.
            </p>
          </header>
          <PoolGauge pool={org.pool} thresholdPercent={org.softAlertThresholdPercent} alertPercents={alertPercents} />
          <RunwayLine forecast={org.forecast} canAct={!isMember} />
        </section>
      )}

      <section className="card section" aria-labelledby="period-title" id="period">
        <header className="section__header">
          <h2 id="period-title" className="card__title">
            Period
          </h2>
          <p className="card__lead">
            <Time value={report.from} /> to <Time value={new Date(new Date(report.to).getTime() - 1).toISOString()} />
          </p>
        </header>
        <div className="usage-period">
          <fieldset className="segmented">
            <legend className="visually-hidden">Period</legend>
            {CHOICES.map((option) => (
              <label key={option.value} className="segmented__option">
                <input
                  type="radio"
                  name="period"
                  value={option.value}
                  checked={picked === option.value}
                  onChange={() => choose(option.value)}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
          <a className="button" href={usageCsvUrl(org.id, report.from, report.to)} download>
            Download CSV
          </a>
        </div>
        {choice === "custom" && (
          <CustomRangeForm
            key={`${fromDay}/${toDay}`}
            fromDay={fromDay}
            toDay={toDay}
            linkProblem={badLink ? `This link's range isn't valid: ${badLink} Showing the current period instead.` : null}
            onApply={(from, to) => setSearch({ period: "custom", from, to }, { replace: true })}
          />
        )}
        {rangeProblem && !loading && (
          <p className="form-error" role="alert">
            We couldn't show that range: {rangeProblem} The figures below are for the range shown above.
          </p>
        )}
        {loading && <p className="muted">Updating…</p>}
      </section>

      <dl className="stats usage-stats">
        <div className="stat">
          <dt>Credits</dt>
          <dd>{report.totalCredits.toLocaleString()}</dd>
        </div>
        <div className="stat">
          <dt>Calls</dt>
          <dd>{report.calls.toLocaleString()}</dd>
        </div>
      </dl>

      {!isMember && <RefusedCallsCard orgId={org.id} range={range} />}

      {report.calls === 0 && report.totalCredits === 0 ? (
        <EmptyState title="No usage in this range">
          {org.plan === "FREE" ? (
            <p className="muted">
              On the Free plan this org has no shared pool of credits: a call is paid from the member's own Starter or Pro plan, and a
              member without one is refused (BILLING_PLAN_REQUIRED).{" "}
              {isMember ? "Its owner can upgrade it to Team" : <Link to={billingPath(org.id)}>Upgrade to Team</Link>} for a shared pool of
              credits.
            </p>
          ) : (
            <p className="muted">Model calls recorded with an API key (or by the gateway) show up here as they happen.</p>
          )}
        </EmptyState>
      ) : (
        <UsageDetails report={report} showMembers={!isMember} />
      )}

      <UsageEventsSection orgId={org.id} canManage={canManageTeam(org.myRole)} periodStart={org.pool?.periodStart ?? null} />
    </div>
  );
}

function resetsIn(days: number): string {
  if (days === 0) return "The monthly credits reset today.";
  return `The monthly credits reset in ${days} ${days === 1 ? "day" : "days"}.`;
}

type Cap = NonNullable<OrgUsageQuery["org"]>["caps"][number];

/** A MEMBER's own cap: the number that decides whether their next call goes through, and "Ask for more". */
function MyCapSection({
  orgId,
  cap,
  resetsAt,
  children,
}: {
  orgId: string;
  cap: Cap | undefined;
  resetsAt: string | null;
  children?: ReactNode;
}) {
  const reset = resetsAt ? (
    <>
      {" "}
      It resets on <Time value={resetsAt} />.
    </>
  ) : null;
  let body: ReactNode;
  if (!cap) body = <p className="muted">No cap is set for you: you may spend from the pool until it runs out.</p>;
  else {
    const left = Math.max(0, cap.monthlyLimit - cap.usedThisPeriod);
    const percent = cap.monthlyLimit > 0 ? Math.min(100, Math.round((cap.usedThisPeriod / cap.monthlyLimit) * 100)) : 100;
    body = (
      <>
        <p className="my-cap__figures">
          <strong>{cap.usedThisPeriod.toLocaleString("en-US")}</strong> of your {cap.monthlyLimit.toLocaleString("en-US")}-credit cap used
          this period; <strong>{left.toLocaleString("en-US")}</strong> left.{reset}
        </p>
        <meter
          className={left === 0 ? "meter meter--full" : "meter"}
          aria-label="Your cap used"
          min={0}
          max={cap.monthlyLimit}
          value={Math.min(cap.usedThisPeriod, cap.monthlyLimit)}
        >
          {percent}%
        </meter>
        {left === 0 && (
          <p className="callout callout--warning" role="status">
            You've reached your cap: your calls are refused (BILLING_MEMBER_CAP_REACHED) until it resets. An owner or admin can raise it:
            ask for more below.
          </p>
        )}
        <MyCapRequests orgId={orgId} cap={cap} />
      </>
    );
  }
  return (
    <section className="card section my-cap" aria-labelledby="my-cap-title" id="my-cap">
      <header className="section__header">
        <h2 id="my-cap-title" className="card__title">
          Your cap
        </h2>
      </header>
      {body}
      {children}
    </section>
  );
}

function UsageDetails({ report, showMembers }: { report: NonNullable<OrgUsageQuery["org"]>["usage"]; showMembers: boolean }) {
  return (
    <>
      <section className="card section" aria-labelledby="daily-title" id="daily">
        <header className="section__header">
          <h2 id="daily-title" className="card__title">
            By day
          </h2>
        </header>
        <DailyChart from={report.from} to={report.to} daily={report.daily} />
      </section>
      {/* A MEMBER's report has one row, theirs, at 100%: nothing to compare. */}
      {showMembers && (
        <UsageBreakdown
          id="by-member"
          title="By member"
          column="Member"
          rows={report.byMember.map((m) => ({ key: m.memberId, label: m.name, credits: m.credits, calls: m.calls }))}
        />
      )}
      <UsageBreakdown
        id="by-space"
        title="By Space"
        column="Space"
        rows={report.bySpace.map((s) => ({ key: s.spaceId, label: s.name, credits: s.credits, calls: s.calls }))}
      />
      <UsageBreakdown
        id="by-model"
        title="By model"
        column="Model"
        rows={report.byModel.map((m) => ({ key: m.model, label: m.model, credits: m.credits, calls: m.calls }))}
      />
    </>
  );
}

function CustomRangeForm({
  fromDay,
  toDay,
  linkProblem,
  onApply,
}: {
  fromDay: string;
  toDay: string;
  /** What is wrong with the range the URL came with (a deep link), until the person picks another. */
  linkProblem: string | null;
  onApply: (from: string, to: string) => void;
}) {
  const [problem, setProblem] = useState<string | null>(linkProblem);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get("from") ?? "");
    const to = String(form.get("to") ?? "");
    const checked = customRange(from, to);
    if ("problem" in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    onApply(from, to);
  };
  return (
    <form className="form usage-range" aria-label="Custom range" noValidate onSubmit={onSubmit}>
      <div className="form__row">
        <div className="field">
          <label className="field__label" htmlFor="usage-from">
            From
          </label>
          <input id="usage-from" className="field__input" type="date" name="from" defaultValue={fromDay} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="usage-to">
            To (included)
          </label>
          <input id="usage-to" className="field__input" type="date" name="to" defaultValue={toDay} />
        </div>
        <button type="submit" className="button button--primary">
          Show
        </button>
      </div>
      <FormError message={problem} />
    </form>
  );
}
