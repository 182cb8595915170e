import { render, screen } from "@testing-library/react";
import { acmePool } from "../test/team.fixtures";
import { alertTicks, PoolGauge } from "./pool-gauge.component";

describe("the pool gauge", () => {
  it("ticks the low-pool alert and every other pool alert, lowest first, one tick per share", () => {
    expect(alertTicks({ monthlyAllotment: 11_000 }, 20, [50, 10, 50])).toEqual([
      { percent: 10, level: 1_100, label: "Usage alert: below 1,100 credits (10%)" },
      { percent: 20, level: 2_200, label: "Low-pool alert: below 2,200 credits (20%)" },
      { percent: 50, level: 5_500, label: "Usage alert: below 5,500 credits (50%)" },
    ]);
    // An alert at the soft alert's share shares its tick.
    expect(alertTicks({ monthlyAllotment: 11_000 }, 20, [20])).toEqual([
      { percent: 20, level: 2_200, label: "Low-pool alert and Usage alert: below 2,200 credits (20%)" },
    ]);
    // No allotment, no line to mark.
    expect(alertTicks({ monthlyAllotment: 0 }, 20, [50])).toEqual([]);
  });

  it("draws each tick where its alert fires, with its words on hover and in the legend", () => {
    render(<PoolGauge pool={acmePool} thresholdPercent={20} alertPercents={[50]} />);
    const ticks = screen.getAllByTestId("gauge-tick");
    expect(ticks.map((t) => t.getAttribute("title"))).toEqual([
      "Low-pool alert: below 2,200 credits (20%)",
      "Usage alert: below 5,500 credits (50%)",
    ]);
    // On a 13,000 scale (11,000 monthly + 2,000 top-up).
    expect(ticks[1].style.left).toBe(`${(5_500 / 13_000) * 100}%`);
    expect(screen.getByText("Usage alert").closest("div")?.textContent).toContain("below 5,500");
  });

  it("marks only the low-pool alert for readers who may not list alerts", () => {
    render(<PoolGauge pool={acmePool} thresholdPercent={20} />);
    expect(screen.getAllByTestId("gauge-tick")).toHaveLength(1);
    expect(screen.queryByText("Usage alert")).toBeNull();
  });
});
