/** How a device reads its mail: IMAP keeps it on the server, POP3 downloads it (RFC 1939). */
export type Mode = 'imap' | 'pop3';
