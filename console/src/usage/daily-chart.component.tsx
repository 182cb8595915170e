import { fillDays } from "./usage-period";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const dayLabel = (date: string) => DATE.format(new Date(`${date}T00:00:00.000Z`));

/**
 * Credits per UTC day as small SVG bars (each bar's tooltip names its day);
 * the summary beside it is what a screen reader reads.
 */
export function DailyChart({
  from,
  to,
  daily,
}: {
  from: string;
  to: string;
  daily: readonly { date: string; credits: number; calls: number }[];
}) {
  const days = fillDays(from, to, daily);
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => d.credits));
  const peak = days.reduce((best, d) => (d.credits > best.credits ? d : best), days[0]);
  const width = days.length * 10;
  const height = 80;
  return (
    <figure className="daily">
      <svg className="daily__chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
        <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="daily__axis" />
        {days.map((d, i) => {
          const h = d.credits > 0 ? Math.max(2, (d.credits / max) * (height - 4)) : 0;
          return (
            <rect key={d.date} className="daily__bar" x={i * 10 + 1.5} y={height - h} width={7} height={h}>
              <title>{`${dayLabel(d.date)}: ${d.credits.toLocaleString()} credits, ${d.calls.toLocaleString()} calls`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="daily__caption">
        <span>{dayLabel(days[0].date)}</span>
        <span className="muted">
          {peak.credits > 0 ? `Busiest day: ${dayLabel(peak.date)}, ${peak.credits.toLocaleString()} credits` : "No credits spent"}
        </span>
        <span>{dayLabel(days[days.length - 1].date)}</span>
      </figcaption>
    </figure>
  );
}
