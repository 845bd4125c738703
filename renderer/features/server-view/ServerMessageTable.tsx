import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { sizeText } from '../../i18n/sizes';
import { NO_SUBJECT } from './compare-types';

/** What both protocols' listings say of a message: its size and subject. */
interface ListedMessage {
  size: number;
  subject: string;
}

/** A column only one protocol has (IMAP's UID and flags; POP's number, UIDL and this device's decision). */
export interface ProtocolColumn<M> {
  header: ReactNode;
  cell: (message: M) => ReactNode;
  className?: string;
}

interface ServerMessageTableProps<M extends ListedMessage> {
  label: string;
  /** Before size and subject. */
  leading: Array<ProtocolColumn<M>>;
  /** After the subject. */
  trailing?: Array<ProtocolColumn<M>>;
  /** Newest first, as the server panel lists them. */
  messages: M[];
  keyOf: (message: M) => string;
  /** The row's data attributes, by which the tests and the compare view find a message. */
  rowData: (message: M) => Record<`data-${string}`, string | undefined>;
  /** Said in the one row of an empty listing. */
  empty: ReactNode;
  /** The server's count, when only the newest `messages` were listed; null: all were. */
  truncatedFrom: number | null;
}

/** The messages a server lists, as the IMAP folder and the POP maildrop are both shown: one table, one shape. */
export function ServerMessageTable<M extends ListedMessage>({ label, leading, trailing = [], messages, keyOf, rowData, empty, truncatedFrom }: ServerMessageTableProps<M>) {
  const intl = useIntl();
  const columns = leading.length + 2 + trailing.length;
  const cells = (list: Array<ProtocolColumn<M>>, message: M, side: string) =>
    list.map((column, index) => (
      <td key={`${side}${index}`} className={column.className}>
        {column.cell(message)}
      </td>
    ));
  return (
    <>
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {leading.map((column, index) => (
              <th key={`leading${index}`} scope="col">
                {column.header}
              </th>
            ))}
            <th scope="col">
              <FormattedMessage id="serverView.table.size" defaultMessage="Size" />
            </th>
            <th scope="col">
              <FormattedMessage id="serverView.table.subject" defaultMessage="Subject" />
            </th>
            {trailing.map((column, index) => (
              <th key={`trailing${index}`} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={keyOf(message)} {...rowData(message)}>
              {cells(leading, message, 'leading')}
              <td className="size">{sizeText(message.size)}</td>
              <td>{message.subject || intl.formatMessage(NO_SUBJECT)}</td>
              {cells(trailing, message, 'trailing')}
            </tr>
          ))}
          {messages.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {truncatedFrom !== null && (
        <p className="muted">
          <FormattedMessage id="serverView.table.newestShown" defaultMessage="Showing the newest {shown} of {total} messages." values={{ shown: messages.length, total: truncatedFrom }} />
        </p>
      )}
    </>
  );
}
