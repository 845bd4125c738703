import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from '../../../sandbox';

export interface SandboxFixture {
  server: SandboxServer;
  dataDir: string;
  /** Login data of a sandbox user ("you", "ana", "ben"). */
  login(name: string): { user: string; password: string; address: string };
  /** An imapflow client logged in as the user; closed by dispose(). */
  imap(name: string, extra?: Partial<ImapFlowOptions>): Promise<ImapFlow>;
  /** Stops the server (keeping the data directory). */
  stop(): Promise<void>;
  /** Starts a new server on the same data directory. */
  restart(options?: Partial<SandboxServerOptions>): Promise<SandboxServer>;
  dispose(): Promise<void>;
}

/** A sandbox server on a fresh temporary data directory. */
export async function startSandbox(options: Partial<SandboxServerOptions> = {}): Promise<SandboxFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-sandbox-test-'));
  let server = await startSandboxServer({ dataDir, ...options });
  let running = true;
  const clients: ImapFlow[] = [];
  const fixture: SandboxFixture = {
    get server() {
      return server;
    },
    dataDir,
    login(name) {
      const found = server.info.users.find((candidate) => candidate.user === name);
      if (!found) throw new Error(`no sandbox user ${name}`);
      return found;
    },
    async imap(name, extra = {}) {
      const { user, password } = fixture.login(name);
      const client = new ImapFlow({ host: server.info.host, port: server.info.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false, ...extra });
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients.splice(0)) client.close();
      if (running) await server.stop();
      running = false;
    },
    async restart(restartOptions = {}) {
      await fixture.stop();
      server = await startSandboxServer({ dataDir, ...options, ...restartOptions });
      running = true;
      return server;
    },
    async dispose() {
      await fixture.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}
