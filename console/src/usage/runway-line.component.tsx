import type { OrgUsageQuery } from "../gql/graphql";

type Forecast = NonNullable<NonNullable<OrgUsageQuery["org"]>["forecast"]>;

/**
 * The pool's runway at the last week's pace, in one sentence (the server computes it).
 * `canAct`: the reader can top up or set caps (OWNER, ADMIN); a MEMBER is told who can.
 */
/** Below this much history a pace is a guess (finding 28: minutes of use projected over a month). */
export const MIN_HISTORY_HOURS = 24;

export function RunwayLine({ forecast, canAct = true }: { forecast: Forecast | null | undefined; canAct?: boolean }) {
  if (!forecast) return null;
  if (forecast.historyHours < MIN_HISTORY_HOURS) {
    return (
      <p className="muted runway">
        Not enough history yet to project the pool's runway: the pool is{" "}
        {forecast.historyHours === 0 ? "less than an hour" : `${forecast.historyHours} hour${forecast.historyHours === 1 ? "" : "s"}`} old,
        and a forecast needs at least a day of use.
      </p>
    );
  }
  if (forecast.daysLeft === null || forecast.daysLeft === undefined) {
    return <p className="muted runway">Nothing was spent in the last 7 days, so there is no runway to project.</p>;
  }
  const days = `${forecast.daysLeft.toLocaleString("en-US")} day${forecast.daysLeft === 1 ? "" : "s"}`;
  // Under a week of history the 7-day average reads low: say what it rests on.
  const basis = forecast.historyHours < 168 ? ` It rests on ${Math.floor(forecast.historyHours / 24)} of the last 7 days.` : "";
  return (
    <p className={forecast.runsOutBeforeReset ? "runway runway--short" : "runway"}>
      At the last week's pace ({forecast.burnPerDay.toLocaleString("en-US")} credits a day) the pool lasts about <strong>{days}</strong>
      {forecast.runsOutBeforeReset
        ? `: it runs out before the monthly reset. ${canAct ? "A top-up or caps would help." : "The org's owner can buy a top-up."}`
        : ", past the monthly reset."}
      {basis}
    </p>
  );
}
