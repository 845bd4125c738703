/**
 * RFC 1939 §7 UIDL of a message entering INBOX, in Dovecot's default `%08Xu%08Xv` form: the UID
 * and the UIDVALIDITY, each as 8 upper-case hex digits. Unique per maildrop and stable for as
 * long as the message stays in INBOX under that UIDVALIDITY.
 */
export function dovecotUidl(uid: number, uidValidity: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(uid)}${hex(uidValidity)}`;
}
