import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 between the product and a real server, to break the connection at
 * the moment a test chooses (the server itself keeps running, as when a network drops).
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private refusing = false;
  private holding = false;
  port = 0;
  /** Connections accepted since the start. */
  accepted = 0;

  constructor(private readonly targetPort: number, private readonly targetHost = '127.0.0.1') {
    this.server = createServer((client) => {
      this.accepted += 1;
      if (this.refusing) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream);
      if (!this.holding) upstream.pipe(client);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Drops every open connection at once, without a goodbye on either side. */
  cutAll(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** While holding, nothing the server sends reaches the product (a stalled network); released, it all arrives, in order. */
  hold(holding: boolean): void {
    this.holding = holding;
    for (const [client, upstream] of this.pairs) {
      if (holding) upstream.unpipe(client);
      else upstream.pipe(client);
    }
  }

  /** While refusing, new connections are closed at once (the server looks unreachable). */
  refuse(refusing: boolean): void {
    this.refusing = refusing;
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
