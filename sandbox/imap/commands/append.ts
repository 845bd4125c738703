import { flagsOf } from '../arguments';
import type { CommandSpec } from '../session-types';
import { ImapSyntaxError, type ImapToken } from '../tokenizer';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DATE_TIME = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** RFC 3501 §9 date-time: "06-Nov-2026 08:00:00 +0100". */
function parseDateTime(token: ImapToken): Date {
  const text = token.type === 'string' ? token.value.toString('latin1') : '';
  const match = DATE_TIME.exec(text);
  const month = match ? MONTHS.indexOf(match[2]!.toUpperCase()) : -1;
  if (!match || month < 0) throw new ImapSyntaxError('Invalid date-time');
  const [, day, , year, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  const utc = Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)) - offsetMinutes * 60_000;
  if (Number.isNaN(utc)) throw new ImapSyntaxError('Invalid date-time');
  return new Date(utc);
}

/** RFC 3501 §6.3.11 APPEND, answered with RFC 4315 APPENDUID. */
export const append: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: async (session, args) => {
    const mailbox = args.astring('mailbox');
    const rest = Array.from({ length: args.remaining }, () => args.next('append argument'));
    const message = rest.pop();
    if (message?.type !== 'string') throw new ImapSyntaxError('Expected the message as a literal');
    let flags: string[] = [];
    let internalDate: Date | undefined;
    for (const token of rest) {
      if (token.type === 'list' && internalDate === undefined && flags.length === 0) flags = flagsOf(token);
      else if (token.type === 'string' && internalDate === undefined) internalDate = parseDateTime(token);
      else throw new ImapSyntaxError('Expected (flags) and a date-time before the message');
    }
    if (message.value.length === 0) return { status: 'NO', text: 'An empty message cannot be appended' };
    const { store } = session.context;
    // RFC 3501 §6.3.11: TRYCREATE tells the client to CREATE the mailbox and try again.
    if (!store.folder(session.userName, mailbox)) return { status: 'NO', code: 'TRYCREATE', text: 'No such mailbox' };
    const result = await store.append(session.userName, mailbox, message.value, { flags, internalDate }, session.id);
    return { status: 'OK', code: `APPENDUID ${result.uidValidity} ${result.uid}`, text: 'Append completed' };
  },
};
