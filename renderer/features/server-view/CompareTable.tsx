import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
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
  const intl = useIntl();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const differing = rows.filter((r) => r.status !== 'same').length;
  const shown = onlyDifferences ? rows.filter((r) => r.status !== 'same') : rows;
  return (
    <section className="compare" aria-label={label}>
      <div className="compare-summary">
        <h3>{label}</h3>
        <span className="muted" data-testid="compare-summary">
          {/* "rows" for every count in English, as before; the plural gives other languages their own forms. */}
          <FormattedMessage
            id="serverView.compare.summary"
            defaultMessage="{total, plural, other {{total} rows}}: {same} the same, {different} different"
            values={{ total: rows.length, same: rows.length - differing, different: differing }}
          />
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
          <FormattedMessage id="serverView.compare.onlyDifferences" defaultMessage="Only differences" />
        </label>
      </div>
      <table className="data-table compare-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="serverView.compare.column.here" defaultMessage="Here ({device})" values={{ device: hereName }} />
            </th>
            <th scope="col">
              <FormattedMessage id="serverView.compare.column.server" defaultMessage="On the server" />
            </th>
            <th scope="col">
              <FormattedMessage id="serverView.compare.column.difference" defaultMessage="Difference" />
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} className={`compare-row ${row.status}`} data-status={row.status}>
              <td>
                <Side side={row.local} missing={intl.formatMessage({ id: 'serverView.compare.missingHere', defaultMessage: 'not here' })} />
              </td>
              <td>
                <Side side={row.server} missing={intl.formatMessage({ id: 'serverView.compare.missingOnServer', defaultMessage: 'not on the server' })} />
              </td>
              <td>
                <span className={`status-tag ${row.status}`}>{intl.formatMessage(STATUS_WORDS[row.status])}</span> <span className="explanation-text">{row.explanation}</span>
              </td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {rows.length === 0 ? (
                  <FormattedMessage id="serverView.compare.nothing" defaultMessage="Nothing on either side." />
                ) : (
                  <FormattedMessage id="serverView.compare.noDifferences" defaultMessage="No differences." />
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
