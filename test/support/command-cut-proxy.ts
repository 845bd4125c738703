import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay for a plain-text protocol that drops the connection, without a goodbye and
 * without forwarding it, the first time the client sends a line matching `pattern`: the
 * connection is lost while that command is in flight. Later connections pass through.
 */
export class CommandCutProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** The lines that were cut (normally one). */
  readonly cut: string[] = [];

  constructor(
    private readonly targetPort: number,
    private readonly pattern: RegExp,
  ) {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      this.sockets.add(client).add(upstream);
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.on('data', (chunk: Buffer) => {
        const text = chunk.toString('latin1');
        if (this.cut.length === 0 && this.pattern.test(text)) {
          this.cut.push(text.trim());
          close();
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
