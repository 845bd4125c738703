import { useState } from 'react';
import { STATUS_WORDS, type CompareRow, type CompareSide } from './compare-types';

function Side({ side, missing }: { side: CompareSide | null; missing: string }) {
  if (!side) return <span className="muted">{missing}</span>;
  return (
    <>
      <span className="compare-subject">{side.subject}</span>
      <span className="compare-detail">{side.detail}</span>
    </>
  );
}

/** Rows of "here vs the server", differences marked and explained; optionally only the differences. */
export function CompareTable({ label, rows, hereName }: { label: string; rows: CompareRow[]; hereName: string }) {
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const differing = rows.filter((r) => r.status !== 'same').length;
  const shown = onlyDifferences ? rows.filter((r) => r.status !== 'same') : rows;
  return (
    <section className="compare" aria-label={label}>
      <div className="compare-summary">
        <h3>{label}</h3>
        <span className="muted" data-testid="compare-summary">
          {rows.length} rows: {rows.length - differing} the same, {differing} different
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
          Only differences
        </label>
      </div>
      <table className="data-table compare-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Here ({hereName})</th>
            <th scope="col">On the server</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} className={`compare-row ${row.status}`} data-status={row.status}>
              <td>
                <Side side={row.local} missing="not here" />
              </td>
              <td>
                <Side side={row.server} missing="not on the server" />
              </td>
              <td>
                <span className={`status-tag ${row.status}`}>{STATUS_WORDS[row.status]}</span> <span className="explanation-text">{row.explanation}</span>
              </td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {rows.length === 0 ? 'Nothing on either side.' : 'No differences.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
