import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { transcriptAsText, type TranscriptEntry } from '../../../common/model/transcript';
import { connectionText } from '../../i18n/transcript-words';
import { ErrorText } from '../../ui/ErrorText';
import { timeOfDay } from '../../app/format';
import { downloadText, safeFilePart } from './download-text';
import { useTranscript } from './use-transcript';

type ServiceFilter = 'all' | TranscriptEntry['service'];

const FILTERS: readonly ServiceFilter[] = ['all', 'imap', 'pop3', 'smtp'];
/** The protocols by their own names, and the transcript's marks (client, server, note): the same in every language. */
const SERVICE_NAMES: Record<TranscriptEntry['service'], string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };
const ARROWS = { client: 'C:', server: 'S:', note: '--' } as const;
/** The connection in the window's language, in the transcript's brackets: "[Laptop · sync]". */
const connectionMark = (connection: TranscriptEntry['connection'], intl: IntlShape): string => `[${connectionText(connection, intl)}]`;
/** Lines kept in the page; the export has every line main kept. */
const MAX_SHOWN = 1_500;
/** Within this many pixels of the end counts as "at the end": new lines keep it there. */
const STICKY_PX = 24;

/** The account's live protocol transcript (secrets already removed by main), newest at the bottom. */
export function TranscriptView({ account }: { account: AccountSummary }) {
  const intl = useIntl();
  const { entries, error } = useTranscript(account.id);
  const [filter, setFilter] = useState<ServiceFilter>('all');
  const listRef = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  const filtered = useMemo(() => (entries ?? []).filter((e) => filter === 'all' || e.service === filter), [entries, filter]);
  const shown = filtered.length > MAX_SHOWN ? filtered.slice(filtered.length - MAX_SHOWN) : filtered;

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && atEnd.current) list.scrollTop = list.scrollHeight;
  }, [shown]);

  const onScroll = (): void => {
    const list = listRef.current;
    if (list) atEnd.current = list.scrollHeight - list.scrollTop - list.clientHeight < STICKY_PX;
  };

  const exportText = (): void => {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    downloadText(`porthole-transcript-${safeFilePart(account.address)}-${filter}-${stamp}.txt`, transcriptAsText(filtered));
  };

  return (
    <div className="transcript-view">
      <div className="transcript-tools">
        <label className="inline">
          <FormattedMessage id="serverView.transcript.service" defaultMessage="Service" />
          <select aria-label={intl.formatMessage({ id: 'serverView.transcript.filterLabel', defaultMessage: 'Filter the transcript by service' })} value={filter} onChange={(e) => setFilter(e.target.value as ServiceFilter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {f === 'all' ? intl.formatMessage({ id: 'serverView.transcript.allServices', defaultMessage: 'All services' }) : SERVICE_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={exportText} disabled={filtered.length === 0}>
          <FormattedMessage id="serverView.transcript.export" defaultMessage="Export transcript" />
        </button>
        <span className="muted" data-testid="transcript-count">
          {entries === null ? (
            <FormattedMessage id="serverView.transcript.loading" defaultMessage="Loading…" />
          ) : (
            // "lines" for every count in English, as before; the plural gives other languages their own forms.
            <FormattedMessage
              id="serverView.transcript.count"
              defaultMessage="{lines, plural, other {# lines}}{cut, select, yes { (the last {shown, number} shown)} other {}}"
              values={{ lines: filtered.length, cut: filtered.length > shown.length ? 'yes' : 'no', shown: shown.length }}
            />
          )}
        </span>
      </div>
      <ErrorText error={error} />
      <ol className="transcript" aria-label={intl.formatMessage({ id: 'serverView.transcript.label', defaultMessage: 'Protocol transcript' })} ref={listRef} onScroll={onScroll} tabIndex={0}>
        {shown.map((e) => (
          <li key={e.seq} className={`t-line ${e.direction}`} data-service={e.service}>
            <span className="t-time">{timeOfDay(e.at)}</span> <span className="t-service">{e.service.toUpperCase()}</span> <span className="t-connection">{connectionMark(e.connection, intl)}</span> <span className="t-arrow">{ARROWS[e.direction]}</span> <span className="t-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
