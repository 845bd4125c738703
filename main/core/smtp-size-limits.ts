import type { ServerEndpoint } from '../../common/model/account';

/**
 * The largest message each submission server said it takes (EHLO SIZE, RFC 1870), by host and
 * port, learnt from every check and send of this run. A server's limit rarely changes, so one
 * answer serves every composer; a changed server is another key, so an old answer never applies
 * to it. One question at a time per server: composers opened together share the first.
 */
export class SmtpSizeLimits {
  private readonly known = new Map<string, number | null>();
  private readonly asking = new Map<string, Promise<number | null>>();

  private static key(endpoint: Pick<ServerEndpoint, 'host' | 'port'>): string {
    return `${endpoint.host.toLowerCase()}:${endpoint.port}`;
  }

  remember(endpoint: Pick<ServerEndpoint, 'host' | 'port'>, maxMessageBytes: number | null): void {
    this.known.set(SmtpSizeLimits.key(endpoint), maxMessageBytes);
  }

  /** The limit last seen; undefined when this server was not asked yet in this run. */
  lastSeen(endpoint: Pick<ServerEndpoint, 'host' | 'port'>): number | null | undefined {
    return this.known.get(SmtpSizeLimits.key(endpoint));
  }

  /** The limit, asking the server (`ask`) only when nothing is known and no question is under way. */
  async limitOf(endpoint: Pick<ServerEndpoint, 'host' | 'port'>, ask: () => Promise<number | null>): Promise<number | null> {
    const key = SmtpSizeLimits.key(endpoint);
    if (this.known.has(key)) return this.known.get(key) ?? null;
    const pending = this.asking.get(key) ?? ask().then((limit) => {
      this.known.set(key, limit);
      return limit;
    });
    this.asking.set(key, pending);
    try {
      return await pending;
    } finally {
      this.asking.delete(key);
    }
  }
}
