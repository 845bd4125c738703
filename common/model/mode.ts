/** How a device reads its mail: IMAP keeps it on the server, POP3 downloads it (RFC 1939). */
export type Mode = 'imap' | 'pop3';

/** A mail server's protocol: a device's Mode, or SMTP for sending. */
export type MailService = Mode | 'smtp';

/** Each protocol's name, as every message writes it. */
export const SERVICE_NAMES: Readonly<Record<MailService, string>> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };
