import type { DropMessage } from '../maildrop';
import type { Pop3Command, Pop3CommandSession } from '../session-types';
import { byteStuffed, topOf } from '../pop-bytes';
import { multiLine } from './multi-line';

/** A message number argument that names a message not marked deleted (RFC 1939 §5). */
function messageArgument(session: Pop3CommandSession, text: string | undefined): DropMessage | null {
  const number = /^\d{1,9}$/.test(text ?? '') ? Number(text) : NaN;
  const message = Number.isNaN(number) ? undefined : session.maildrop!.find(number);
  if (!message) session.err(Number.isNaN(number) ? 'Invalid message number' : 'No such message');
  return message ?? null;
}

const TRANSACTION = ['transaction'] as const;

/** RFC 1939 §5 and §7: the TRANSACTION state. */
export const TRANSACTION_COMMANDS: ReadonlyArray<[string, Pop3Command]> = [
  [
    'STAT',
    {
      states: TRANSACTION,
      run: (session) => {
        const live = session.maildrop!.live;
        session.ok(`${live.length} ${live.reduce((total, message) => total + message.size, 0)}`);
      },
    },
  ],
  [
    'LIST',
    {
      states: TRANSACTION,
      run: (session, args) => {
        if (args.length > 0) {
          const message = messageArgument(session, args[0]);
          if (message) session.ok(`${message.number} ${message.size}`);
          return;
        }
        const live = session.maildrop!.live;
        multiLine(session, `${live.length} messages`, live.map((message) => `${message.number} ${message.size}`));
      },
    },
  ],
  [
    'UIDL',
    {
      states: TRANSACTION,
      run: (session, args) => {
        if (args.length > 0) {
          const message = messageArgument(session, args[0]);
          if (message) session.ok(`${message.number} ${message.uidl}`);
          return;
        }
        multiLine(session, 'Unique-ID listing follows', session.maildrop!.live.map((message) => `${message.number} ${message.uidl}`));
      },
    },
  ],
  [
    'RETR',
    {
      states: TRANSACTION,
      run: async (session, args) => {
        const message = messageArgument(session, args[0]);
        if (!message) return;
        const bytes = await session.maildrop!.content(message);
        if (!bytes) return session.err('The message was deleted by another session');
        message.retrieved = true;
        session.write(Buffer.concat([Buffer.from(`+OK ${bytes.length} octets\r\n`), byteStuffed(bytes)]));
      },
    },
  ],
  [
    'TOP',
    {
      states: TRANSACTION,
      run: async (session, args) => {
        const message = messageArgument(session, args[0]);
        if (!message) return;
        if (!/^\d{1,9}$/.test(args[1] ?? '')) return session.err('TOP takes a message number and a line count');
        const bytes = await session.maildrop!.content(message);
        if (!bytes) return session.err('The message was deleted by another session');
        session.write(Buffer.concat([Buffer.from('+OK Top of message follows\r\n'), byteStuffed(topOf(bytes, Number(args[1])))]));
      },
    },
  ],
  [
    'DELE',
    {
      states: TRANSACTION,
      run: (session, args) => {
        const message = messageArgument(session, args[0]);
        if (!message) return;
        // RFC 1939 §6: only marked; the deletion happens at QUIT.
        message.deleted = true;
        session.ok(`Message ${message.number} marked for deletion`);
      },
    },
  ],
  [
    'RSET',
    {
      states: TRANSACTION,
      run: (session) => {
        for (const message of session.maildrop!.messages) message.deleted = false;
        session.ok(`${session.maildrop!.live.length} messages`);
      },
    },
  ],
  ['NOOP', { states: TRANSACTION, run: (session) => session.ok('') }],
];
