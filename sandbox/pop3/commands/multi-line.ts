import type { Pop3CommandSession } from '../session-types';

/** A positive answer followed by lines and the "." that ends them (RFC 1939 §3). */
export function multiLine(session: Pop3CommandSession, status: string, lines: readonly string[]): void {
  session.write(Buffer.from(`+OK ${status}\r\n${lines.map((line) => `${line}\r\n`).join('')}.\r\n`, 'utf8'));
}
