import type { Mode } from '../../common/model/account';
import { ProtocolError } from '../protocols/protocol-error';
import type { BackendContext, MailboxBackend } from './backend';
import { ImapBackend } from './imap/imap-backend';

/** The one place that picks an engine for a mode. */
export function createBackend(mode: Mode, ctx: BackendContext): MailboxBackend {
  switch (mode) {
    case 'imap':
      return new ImapBackend(ctx);
    case 'pop3':
      throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'POP3 mode is not available in this version yet.' });
    default: {
      const unknownMode: never = mode;
      throw new Error(`Unknown mode ${String(unknownMode)}`);
    }
  }
}
