import { ManualClock } from "../src/common/clock";
import { teamOrg } from "./support/credits-fixture";
import { startTestApp, type TestApp } from "./support/test-app";

// UX review finding 28: ten minutes after the org was made, the forecast projected its
// first minutes of use over a month. It now says how much history the pace rests on.

const FORECAST = "query($id: ID!) { org(id: $id) { forecast { burnPerDay daysLeft historyHours } } }";
const HOUR = 3_600_000;
const clock = new ManualClock("2027-06-01T08:00:00.000Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

it("answers how many hours of the pool's history the pace rests on, up to the 7-day window", async () => {
  const team = await teamOrg(t);
  clock.advance(10 * 60_000);
  expect((await team.call({ credits: 4_600 })).code).toBeUndefined();
  clock.advance(60_000);
  const young = (await team.owner.client.ok(FORECAST, { id: team.orgId })).org.forecast;
  expect(young.historyHours).toBe(0);
  expect(young.burnPerDay).toBeGreaterThan(0);

  clock.advance(30 * HOUR);
  expect((await team.owner.client.ok(FORECAST, { id: team.orgId })).org.forecast.historyHours).toBe(30);
  clock.advance(10 * 24 * HOUR);
  expect((await team.owner.client.ok(FORECAST, { id: team.orgId })).org.forecast.historyHours).toBe(168);
});
