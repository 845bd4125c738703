import { useCallback, useEffect, useState } from 'react';
import type { Mode } from '../../../common/model/account';
import type { ServerView } from '../../../common/model/server-view';
import type { WireError } from '../../../common/result';
import { getApi } from '../../bridge/api';
import { releaseServer, watchServer } from './server-watch';

export interface ServerViewState {
  /** The newest view that answers what the panel asked for (this mode, this folder), if any yet. */
  view: ServerView | null;
  /** The watch command itself failed (the observer's own failures arrive as views of kind 'error'). */
  error: WireError | null;
  /** A watch (or refresh) is running. */
  busy: boolean;
  /** Asks again: for POP a new listing of the maildrop; for IMAP a new snapshot. */
  refresh: () => void;
}

function answers(view: ServerView, mode: Mode, folderPath: string | null): boolean {
  if (view.kind === 'error') return view.mode === mode;
  if (view.kind === 'pop3') return mode === 'pop3';
  return mode === 'imap' && view.folderPath === folderPath;
}

/**
 * The account's server panel feed: watches the server (mode, folder) while mounted, and keeps
 * the newest 'serverView:update' that matches what it watches, so a late answer for the folder
 * shown before is never mistaken for the current one. A new `refreshKey` asks for a new snapshot;
 * while it is null (what it depends on is still loading) nothing is watched yet.
 */
export function useServerView(accountId: string, mode: Mode, folderPath: string | null, refreshKey: string | null = ''): ServerViewState {
  const [latest, setLatest] = useState<{ accountId: string; view: ServerView } | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState(0);

  useEffect(() => getApi().on('serverView:update', (update) => update.accountId === accountId && setLatest(update)), [accountId]);

  useEffect(() => {
    if (refreshKey === null) return undefined;
    let current = true;
    const start = async (): Promise<void> => {
      setBusy(true);
      const failure = await watchServer({ accountId, mode, folderPath });
      if (!current) return;
      setError(failure);
      setBusy(false);
    };
    void start();
    return () => {
      current = false;
      releaseServer(accountId);
    };
  }, [accountId, mode, folderPath, asked, refreshKey]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const view = latest && latest.accountId === accountId && answers(latest.view, mode, folderPath) ? latest.view : null;
  return { view, error, busy, refresh };
}
