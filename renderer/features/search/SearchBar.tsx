import type { RefObject } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { ServerSearchNote } from '../../../common/commands/mail-commands';
import type { SearchScope } from '../../../common/search/query';
import { UNIFIED_PER_ACCOUNT } from '../../cache/unified';
import { SearchHelp } from './SearchHelp';
import type { SearchState, ServerPart } from './use-search';
import './search.css';

const scopeNames = defineMessages({
  folder: { id: 'search.scope.folder', defaultMessage: 'This folder' },
  account: { id: 'search.scope.account', defaultMessage: 'This account' },
  all: { id: 'search.scope.all', defaultMessage: 'All accounts' },
});

const SCOPES: ReadonlyArray<[SearchScope, MessageDescriptor]> = [
  ['folder', scopeNames.folder],
  ['account', scopeNames.account],
  ['all', scopeNames.all],
];

/** "12 found", or with the server's part: "12 found here, 3 more on the server". */
function countText(search: SearchState, intl: IntlShape): string {
  if (search.partial) return intl.formatMessage({ id: 'search.count.soFar', defaultMessage: '{count, number} found so far, searching…' }, { count: search.ids?.length ?? 0 });
  const local = search.localCount ?? search.ids?.length ?? 0;
  const server = search.server;
  if (server.kind === 'found' && server.count > 0) {
    return local === 0
      ? intl.formatMessage({ id: 'search.count.onServer', defaultMessage: '{count, number} found on the server' }, { count: server.count })
      : intl.formatMessage({ id: 'search.count.hereAndOnServer', defaultMessage: '{local, number} found here, {server, number} more on the server' }, { local, server: server.count });
  }
  return intl.formatMessage({ id: 'search.count.found', defaultMessage: '{count, number} found' }, { count: local });
}

/** What the server could not search exactly: its hits may include more than the words ask for, or miss some. */
function serverNoteText(note: ServerSearchNote, intl: IntlShape): string {
  switch (note.kind) {
    case 'filenameAsText':
      return intl.formatMessage(
        { id: 'search.server.note.filenameAsText', defaultMessage: 'The server searches “{name}” as text: a message with attachments that mentions it is found too.' },
        { name: note.name },
      );
    case 'attachmentByType':
      return intl.formatMessage({ id: 'search.server.note.attachmentByType', defaultMessage: 'The server finds attachments only in mail sent as multipart/mixed (most of it).' });
    default: {
      // A note of a newer main than this window: nothing to say.
      const unknown: never = note;
      void unknown;
      return '';
    }
  }
}

/** What the server search said, in a line of its own (nothing when it was not needed). */
function serverText(server: ServerPart, intl: IntlShape): string | null {
  switch (server.kind) {
    case 'none':
      return null;
    case 'searching':
      return intl.formatMessage({ id: 'search.server.searching', defaultMessage: 'Searching the server too…' });
    case 'found': {
      const truncated = server.truncated ? [intl.formatMessage({ id: 'search.server.truncated', defaultMessage: 'The server found more than it sends: refine the search to see the rest.' })] : [];
      const lines = [...truncated, ...server.serverNotes.map((note) => serverNoteText(note, intl)).filter(Boolean), ...(server.notes ?? [])];
      return lines.length ? lines.join(' ') : null;
    }
    case 'offline':
      return server.accounts?.length
        ? intl.formatMessage(
            { id: 'search.server.offlineAccounts', defaultMessage: 'Only mail on this computer was searched: the servers of {accounts} are not connected.' },
            { accounts: server.accounts.join(', ') },
          )
        : intl.formatMessage({ id: 'search.server.offline', defaultMessage: 'Only mail on this computer was searched: the server is not connected.' });
    case 'failed':
      return intl.formatMessage({ id: 'search.server.failed', defaultMessage: 'The server could not be searched: {reason}' }, { reason: server.message });
    default: {
      const never: never = server;
      return never;
    }
  }
}

/** Focuses the message list (Enter in the box): the results are what the user wants next. */
function focusResults(): void {
  document.querySelector<HTMLElement>('.list-pane [role="listbox"]')?.focus();
}

/** The search box above the list: scope, operators help, how many were found, what was not understood. */
/** `within`: the title of the view over every account it searches (its scope is that view, no choice). */
export function SearchBar({ search, inputRef, within }: { search: SearchState; inputRef: RefObject<HTMLInputElement | null>; within?: string }) {
  const intl = useIntl();
  const found = search.ids;
  const serverLine = search.active ? serverText(search.server, intl) : null;
  return (
    <form className="search search-box" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="search-line">
        <input
          ref={inputRef}
          type="search"
          aria-label={intl.formatMessage({ id: 'search.box.label', defaultMessage: 'Search mail' })}
          aria-keyshortcuts="/"
          // The operators (from:, is:, has:) are typed as they are in every language.
          placeholder={
            within === undefined
              ? intl.formatMessage({ id: 'search.box.placeholder', defaultMessage: 'Search: words, from:ann, is:unread, has:attachment…  ( / )' })
              : intl.formatMessage({ id: 'search.box.placeholderWithin', defaultMessage: 'Search {view}…  ( / )' }, { view: within })
          }
          maxLength={2_000}
          value={search.text}
          onChange={(e) => search.setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // The box's own Escape: the help popover, if open, closes first (its layer).
              e.preventDefault();
              search.setText('');
              e.currentTarget.blur();
            } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
              if (!found?.length) return;
              e.preventDefault();
              focusResults();
            }
          }}
        />
        {within === undefined && (
          <select aria-label={intl.formatMessage({ id: 'search.scope.label', defaultMessage: 'Search in' })} value={search.scope} onChange={(e) => search.setScope(e.target.value as SearchScope)}>
            {SCOPES.map(([value, label]) => (
              <option key={value} value={value}>
                {intl.formatMessage(label)}
              </option>
            ))}
          </select>
        )}
        <SearchHelp />
        {/* Nothing found is said in the list's place, with the words searched. */}
        {search.active && found?.length !== 0 && (
          <span className="muted search-count" role="status" data-testid="search-count">
            {found ? countText(search, intl) : <FormattedMessage id="search.searching" defaultMessage="Searching…" />}
          </span>
        )}
      </div>
      {search.active && search.problems.length > 0 && (
        <ul className="search-problems" data-testid="search-problems">
          {search.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {search.active && search.indexing && (
        <p className="search-note muted" role="status" data-testid="search-indexing">
          <FormattedMessage
            id="search.indexing"
            defaultMessage="Indexing {done, number} of {total, number} messages: until it is done, the others are found by sender and subject only."
            values={{ done: search.indexing.indexed, total: search.indexing.total }}
          />
          <progress max={search.indexing.total} value={search.indexing.indexed} aria-label={intl.formatMessage({ id: 'search.indexing.progress', defaultMessage: 'Search index built' })} />
        </p>
      )}
      {serverLine && (
        <p className={`search-note${search.server.kind === 'failed' ? ' search-note-warning' : ' muted'}`} data-testid="search-server-note">
          {serverLine}
        </p>
      )}
      {search.active && search.everywhere && (search.cutAccounts.length > 0 || search.failedAccounts.length > 0) && (
        <p className="search-note muted" role="status" data-testid="search-accounts-note">
          {search.cutAccounts.length > 0 && (
            <>
              <FormattedMessage
                id="search.accounts.cut"
                defaultMessage="The newest {count, number} found in each of {accounts} are listed: add words to narrow the search."
                values={{ count: UNIFIED_PER_ACCOUNT, accounts: search.cutAccounts.join(', ') }}
              />{' '}
            </>
          )}
          {search.failedAccounts.length > 0 && <FormattedMessage id="search.accounts.failed" defaultMessage="Could not be searched here: {accounts}." values={{ accounts: search.failedAccounts.join(', ') }} />}
        </p>
      )}
    </form>
  );
}

/**
 * Said in the list's place when a search found nothing. `folderName`: the folder searched, as
 * shown (null when none is known: "this folder"); `within`: the name of the view over every
 * account searched.
 */
export function NoMatches({ search, folderName, within }: { search: SearchState; folderName: string | null; within?: string }) {
  const place = within !== undefined ? 'folder' : search.scope === 'folder' ? (folderName === null ? 'thisFolder' : 'folder') : search.scope;
  return (
    <div className="pad no-matches" role="status" data-testid="no-matches">
      <p className="muted">
        <FormattedMessage
          id="search.noMatches"
          defaultMessage="{place, select, folder {Nothing in {name} matches “<bdi>{text}</bdi>”.} thisFolder {Nothing in this folder matches “<bdi>{text}</bdi>”.} account {Nothing in this account matches “<bdi>{text}</bdi>”.} other {Nothing in any account matches “<bdi>{text}</bdi>”.}}"
          values={{ place, name: within ?? folderName ?? '', text: search.text.trim(), bdi: (chunks) => <bdi>{chunks}</bdi> }}
        />
      </p>
      <button type="button" className="small" onClick={() => search.setText('')}>
        <FormattedMessage id="search.noMatches.clear" defaultMessage="Clear search" />
      </button>
      {within === undefined && search.scope === 'folder' && (
        <button type="button" className="small" onClick={() => search.setScope('account')}>
          <FormattedMessage id="search.noMatches.wholeAccount" defaultMessage="Search this whole account" />
        </button>
      )}
    </div>
  );
}
