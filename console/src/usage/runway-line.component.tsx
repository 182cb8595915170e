import type { OrgUsageQuery } from "../gql/graphql";

type Forecast = NonNullable<NonNullable<OrgUsageQuery["org"]>["forecast"]>;

/** The pool's runway at the last week's pace, in one sentence (the server computes it). */
export function RunwayLine({ forecast }: { forecast: Forecast | null | undefined }) {
  if (!forecast) return null;
  if (forecast.daysLeft === null || forecast.daysLeft === undefined) {
    return <p className="muted runway">Nothing was spent in the last 7 days, so there is no runway to project.</p>;
  }
  const days = `${forecast.daysLeft.toLocaleString("en-US")} day${forecast.daysLeft === 1 ? "" : "s"}`;
  return (
    <p className={forecast.runsOutBeforeReset ? "runway runway--short" : "runway"}>
      At the last week's pace ({forecast.burnPerDay.toLocaleString("en-US")} credits a day) the pool lasts about <strong>{days}</strong>
      {forecast.runsOutBeforeReset ? ": it runs out before the monthly reset. A top-up or caps would help." : ", past the monthly reset."}
    </p>
  );
}
