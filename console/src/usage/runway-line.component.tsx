import type { OrgUsageQuery } from "../gql/graphql";

type Forecast = NonNullable<NonNullable<OrgUsageQuery["org"]>["forecast"]>;

/**
 * The pool's runway at the last week's pace, in one sentence (the server computes it).
 * `canAct`: the reader can top up or set caps (OWNER, ADMIN); a MEMBER is told who can.
 */
export function RunwayLine({ forecast, canAct = true }: { forecast: Forecast | null | undefined; canAct?: boolean }) {
  if (!forecast) return null;
  if (forecast.daysLeft === null || forecast.daysLeft === undefined) {
    return <p className="muted runway">Nothing was spent in the last 7 days, so there is no runway to project.</p>;
  }
  const days = `${forecast.daysLeft.toLocaleString("en-US")} day${forecast.daysLeft === 1 ? "" : "s"}`;
  return (
    <p className={forecast.runsOutBeforeReset ? "runway runway--short" : "runway"}>
      At the last week's pace ({forecast.burnPerDay.toLocaleString("en-US")} credits a day) the pool lasts about <strong>{days}</strong>
      {forecast.runsOutBeforeReset
        ? `: it runs out before the monthly reset. ${canAct ? "A top-up or caps would help." : "The org's owner can buy a top-up."}`
        : ", past the monthly reset."}
    </p>
  );
}
