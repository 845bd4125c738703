import type { RefObject } from 'react';
import type { SearchScope } from '../../../common/search/query';
import { UNIFIED_PER_ACCOUNT } from '../../cache/unified';
import { SearchHelp } from './SearchHelp';
import type { SearchState, ServerPart } from './use-search';
import './search.css';

const SCOPES: ReadonlyArray<[SearchScope, string]> = [
  ['folder', 'This folder'],
  ['account', 'This account'],
  ['all', 'All accounts'],
];

/** "12 found", or with the server's part: "12 found here, 3 more on the server". */
function countText(search: SearchState): string {
  if (search.partial) return `${(search.ids?.length ?? 0).toLocaleString()} found so far, searching…`;
  const local = search.localCount ?? search.ids?.length ?? 0;
  const server = search.server;
  if (server.kind === 'found' && server.count > 0) {
    return local === 0 ? `${server.count.toLocaleString()} found on the server` : `${local.toLocaleString()} found here, ${server.count.toLocaleString()} more on the server`;
  }
  return `${local.toLocaleString()} found`;
}

/** What the server search said, in a line of its own (nothing when it was not needed). */
function serverText(server: ServerPart): string | null {
  switch (server.kind) {
    case 'none':
      return null;
    case 'searching':
      return 'Searching the server too…';
    case 'found': {
      const lines = [...(server.truncated ? ['The server found more than it sends: refine the search to see the rest.'] : []), ...(server.notes ?? [])];
      return lines.length ? lines.join(' ') : null;
    }
    case 'offline':
      return server.accounts?.length ? `Only mail on this computer was searched: the servers of ${server.accounts.join(', ')} are not connected.` : 'Only mail on this computer was searched: the server is not connected.';
    case 'failed':
      return `The server could not be searched: ${server.message}`;
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
  const found = search.ids;
  const serverLine = search.active ? serverText(search.server) : null;
  return (
    <form className="search search-box" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="search-line">
        <input
          ref={inputRef}
          type="search"
          aria-label="Search mail"
          aria-keyshortcuts="/"
          placeholder={within === undefined ? 'Search: words, from:ann, is:unread, has:attachment…  ( / )' : `Search ${within}…  ( / )`}
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
          <select aria-label="Search in" value={search.scope} onChange={(e) => search.setScope(e.target.value as SearchScope)}>
            {SCOPES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
        <SearchHelp />
        {/* Nothing found is said in the list's place, with the words searched. */}
        {search.active && found?.length !== 0 && (
          <span className="muted search-count" role="status" data-testid="search-count">
            {found ? countText(search) : 'Searching…'}
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
          Indexing {search.indexing.done.toLocaleString()} of {search.indexing.total.toLocaleString()} messages: until it is done, the others are found by sender and subject only.
          <progress max={search.indexing.total} value={search.indexing.done} aria-label="Search index built" />
        </p>
      )}
      {serverLine && (
        <p className={`search-note${search.server.kind === 'failed' ? ' search-note-warning' : ' muted'}`} data-testid="search-server-note">
          {serverLine}
        </p>
      )}
      {search.active && search.everywhere && (search.cutAccounts.length > 0 || search.failedAccounts.length > 0) && (
        <p className="search-note muted" role="status" data-testid="search-accounts-note">
          {search.cutAccounts.length > 0 && <>The newest {UNIFIED_PER_ACCOUNT.toLocaleString()} found in each of {search.cutAccounts.join(', ')} are listed: add words to narrow the search. </>}
          {search.failedAccounts.length > 0 && <>Could not be searched here: {search.failedAccounts.join(', ')}.</>}
        </p>
      )}
    </form>
  );
}

const PLACES: Record<SearchScope, (folderName: string) => string> = {
  folder: (folderName) => folderName,
  account: () => 'this account',
  all: () => 'any account',
};

/** Said in the list's place when a search found nothing. */
export function NoMatches({ search, folderName, within }: { search: SearchState; folderName: string; within?: string }) {
  return (
    <div className="pad no-matches" role="status" data-testid="no-matches">
      <p className="muted">
        Nothing in {within ?? PLACES[search.scope](folderName)} matches “<bdi>{search.text.trim()}</bdi>”.
      </p>
      <button type="button" className="small" onClick={() => search.setText('')}>
        Clear search
      </button>
      {within === undefined && search.scope === 'folder' && (
        <button type="button" className="small" onClick={() => search.setScope('account')}>
          Search this whole account
        </button>
      )}
    </div>
  );
}
