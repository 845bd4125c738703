import { randomUUID } from 'node:crypto';
import { MAIL_DOMAIN } from './layout';

/** Fields of a test message; everything not given gets a sensible unique default. */
export interface MessageOverrides {
  from?: string;
  to?: string;
  subject?: string;
  date?: Date;
  messageId?: string;
  body?: string;
  /** Extra header fields, appended after the standard ones. */
  headers?: Record<string, string>;
}

let messageCounter = 0;

const NON_ASCII = /[^\x20-\x7e]/;

/** RFC 2047 encoded-word for header text that is not printable ASCII. */
function encodeHeaderText(text: string): string {
  return NON_ASCII.test(text) ? `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=` : text;
}

/** RFC 5322 date-time in UTC, e.g. `Sun, 22 Nov 2026 10:00:00 +0000`. */
function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** A simple valid RFC 5322 text/plain message with CRLF line ends, for seeding and sending. */
export function makeMessage(overrides: MessageOverrides = {}): string {
  messageCounter += 1;
  const body = overrides.body ?? `Hello,\n\nthis is test message ${messageCounter}.\n`;
  const headers: Array<[string, string]> = [
    ['From', overrides.from ?? `Sender <sender@${MAIL_DOMAIN}>`],
    ['To', overrides.to ?? `Recipient <recipient@${MAIL_DOMAIN}>`],
    ['Subject', encodeHeaderText(overrides.subject ?? `Test message ${messageCounter}`)],
    ['Date', formatDate(overrides.date ?? new Date())],
    ['Message-ID', overrides.messageId ?? `<${randomUUID()}@${MAIL_DOMAIN}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Transfer-Encoding', NON_ASCII.test(body.replace(/[\r\n\t]/g, '')) ? '8bit' : '7bit'],
    ...Object.entries(overrides.headers ?? {}),
  ];
  const crlfBody = body.replace(/\r?\n/g, '\r\n');
  return `${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${crlfBody}`;
}
