import { formatShare, shares } from "./usage-period";

export interface BreakdownRow {
  key: string;
  label: string;
  credits: number;
  calls: number;
}

/**
 * One breakdown of the usage report (by member, Space or model) as a table
 * whose share column carries a horizontal bar: the bar is drawn for the eye,
 * the numbers beside it say the same. Largest first; shares add up to 100%.
 */
export function UsageBreakdown({ id, title, column, rows }: { id: string; title: string; column: string; rows: readonly BreakdownRow[] }) {
  const sorted = [...rows].sort((a, b) => b.credits - a.credits || a.label.localeCompare(b.label));
  const pcts = shares(sorted.map((r) => r.credits));
  const max = Math.max(0, ...sorted.map((r) => r.credits));
  const titleId = `${id}-title`;
  return (
    <section className="card section usage-breakdown" aria-labelledby={titleId} id={id}>
      <header className="section__header">
        <h2 id={titleId} className="card__title">
          {title}
        </h2>
      </header>
      {sorted.length === 0 ? (
        <p className="muted">Nothing in this range.</p>
      ) : (
        <table className="table table--stack breakdown" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="breakdown__bar-col">
                <span className="visually-hidden">Bar</span>
              </th>
              <th scope="col" className="cell--number">
                Credits
              </th>
              <th scope="col" className="cell--number">
                Calls
              </th>
              <th scope="col" className="cell--number">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row, i) => (
              <tr key={row.key}>
                <th scope="row" className="cell--wrap">
                  {row.label}
                </th>
                <td className="breakdown__bar-col" aria-hidden="true">
                  <span className="bar">
                    <span className="bar__fill" style={{ width: `${max > 0 ? (row.credits / max) * 100 : 0}%` }} />
                  </span>
                </td>
                <td className="cell--number" data-label="Credits">
                  {row.credits.toLocaleString()}
                </td>
                <td className="cell--number" data-label="Calls">
                  {row.calls.toLocaleString()}
                </td>
                <td className="cell--number" data-label="Share" data-testid="share">
                  {formatShare(pcts[i])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
