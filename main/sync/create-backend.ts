import type { Mode } from '../../common/model/account';
import type { BackendContext, MailboxBackend } from './backend';
import { ImapBackend } from './imap/imap-backend';
import { Pop3Backend } from './pop3/pop3-backend';

/** The one place that picks an engine for a mode. */
export function createBackend(mode: Mode, ctx: BackendContext): MailboxBackend {
  switch (mode) {
    case 'imap':
      return new ImapBackend(ctx);
    case 'pop3':
      return new Pop3Backend(ctx);
    default: {
      const unknownMode: never = mode;
      throw new Error(`Unknown mode ${String(unknownMode)}`);
    }
  }
}
