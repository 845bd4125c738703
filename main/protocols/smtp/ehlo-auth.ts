/**
 * The SASL mechanisms an EHLO reply offers: the words after the AUTH keyword (RFC 4954 §3), and
 * after the "AUTH=" form that servers older than the RFC still send. Upper-cased, each once.
 */
export function ehloAuthMechanisms(reply: string): string[] {
  const offered = new Set<string>();
  for (const line of reply.split(/\r?\n/)) {
    // Each line is "250-keyword params" or "250 keyword params"; the first names the server.
    const match = /^\d{3}[ -]AUTH[ =](.*)$/i.exec(line.trim());
    if (!match) continue;
    for (const mechanism of (match[1] ?? '').split(/[\s=]+/)) {
      // RFC 4422 §3.1: a mechanism name is 1-20 of A-Z, 0-9, "-" and "_".
      if (/^[A-Z0-9_-]{1,20}$/i.test(mechanism)) offered.add(mechanism.toUpperCase());
    }
  }
  return [...offered];
}

/**
 * The largest message an EHLO reply says the server takes: "SIZE n" (RFC 1870 §4), in octets.
 * Null when the server names no SIZE, or "SIZE" or "SIZE 0" (no fixed limit).
 */
export function ehloSizeLimit(reply: string): number | null {
  for (const line of reply.split(/\r?\n/)) {
    const match = /^\d{3}[ -]SIZE(?:\s+(\d{1,15}))?\s*$/i.exec(line.trim());
    if (!match) continue;
    const octets = Number(match[1] ?? 0);
    return octets > 0 ? octets : null;
  }
  return null;
}

/**
 * Follows one SMTP connection's commands and replies, as nodemailer's transaction log shows them,
 * and keeps the AUTH mechanisms and SIZE limit of the latest EHLO reply: after STARTTLS the client forgets what
 * it learnt before (RFC 3207 §4.2) and asks again, and only the answer over TLS counts. nodemailer
 * itself reads only PLAIN, LOGIN, CRAM-MD5 and XOAUTH2 out of that reply (the `authMethods` a
 * custom authentication handler gets), so OAUTHBEARER would never be seen through it.
 */
export class EhloAuthWatcher {
  private awaitingEhloReply = false;
  private offered: readonly string[] = [];
  private sizeLimit: number | null = null;

  /** One line of the transaction log: a command the client sent, or a whole (multi-line) reply. */
  observe(direction: 'client' | 'server', text: string): void {
    if (direction === 'client') {
      this.awaitingEhloReply = /^(EHLO|LHLO) /i.test(text);
      return;
    }
    if (!this.awaitingEhloReply) return;
    this.awaitingEhloReply = false;
    const accepted = text.startsWith('250');
    this.offered = accepted ? ehloAuthMechanisms(text) : [];
    this.sizeLimit = accepted ? ehloSizeLimit(text) : null;
  }

  /** The largest message the latest EHLO reply allowed (RFC 1870), or null when it named none. */
  get maxMessageBytes(): number | null {
    return this.sizeLimit;
  }

  /** The mechanisms the latest EHLO reply named; empty when it named none, or there was none. */
  get mechanisms(): readonly string[] {
    return this.offered;
  }
}
