import type { PopServerView, ServerPopMessage } from '../../common/model/server-view';
import { parseMessage } from '../mime/parse-message';
import { openPop3, type Pop3Login } from '../protocols/pop3/pop3-connection';
import { readMaildrop } from '../sync/pop3/pop-check';

const MAX_ROWS = 300;

/**
 * The maildrop as a separate, read-only session sees it: STAT, LIST, UIDL, and TOP n 0 for the
 * subjects; never RETR (which makes Dovecot set \Seen) and never DELE.
 */
export async function popServerView(login: Pop3Login, now: () => number): Promise<PopServerView> {
  const { session } = await openPop3(login);
  try {
    const { maildrop, hasUidl } = await readMaildrop(session);
    const shown = maildrop.slice(-MAX_ROWS);
    const messages: ServerPopMessage[] = [];
    for (const entry of shown) {
      const header = await parseMessage('server-view', await session.top(entry.number, 0));
      messages.push({ number: entry.number, uidl: entry.uidl, size: entry.size, subject: header.envelope.subject, messageId: header.envelope.messageId });
    }
    await session.quit();
    return { kind: 'pop3', at: now(), hasUidl, count: maildrop.length, totalSize: maildrop.reduce((sum, m) => sum + m.size, 0), messages: messages.reverse(), truncated: maildrop.length > MAX_ROWS };
  } finally {
    if (!session.isClosed) session.close();
  }
}
