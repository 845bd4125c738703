import { join } from 'node:path';
import type { SampleLanguage, SandboxPersonality, SandboxState } from '../../common/model/sandbox';
import { DEFAULT_PERSONALITY, startSandboxServer, type SandboxServer } from '../../sandbox';

/** The correspondents who write to "you" while the mail timer runs, in turn. */
const WRITERS = ['ana', 'ben'] as const;
export const SANDBOX_USER = 'you';
const MIN_MAIL_SECONDS = 5;

/**
 * The built-in sandbox server of one profile: started when first needed (the first sandbox
 * account, or at start-up when one exists), stopped with the app. Its mailbox lives in the
 * profile, so a demonstration survives a restart; its ports are new at each start.
 */
export class SandboxHost {
  private server: SandboxServer | null = null;
  private starting: Promise<SandboxServer> | null = null;
  private mailTimer: NodeJS.Timeout | null = null;
  private mailEverySeconds: number | null = null;
  private nextWriter = 0;

  constructor(
    private readonly profileDir: string,
    private readonly onChange: (state: SandboxState) => void,
    private readonly onMailError: (error: unknown) => void,
  ) {}

  get running(): SandboxServer | null {
    return this.server;
  }

  /**
   * The running server, starting it if needed (one start even when asked twice at once).
   * `language`: the window's, for the sample mail from now on (a first mailbox, a reset, new mail).
   */
  async ensureStarted(language?: SampleLanguage): Promise<SandboxServer> {
    const server = this.server ?? (await this.start(language));
    if (language && server.language() !== language) await server.setLanguage(language);
    return server;
  }

  private start(language: SampleLanguage | undefined): Promise<SandboxServer> {
    this.starting ??= startSandboxServer({ dataDir: join(this.profileDir, 'sandbox'), ...(language ? { language } : {}) }).then(
      (server) => {
        this.server = server;
        this.starting = null;
        this.publish();
        return server;
      },
      (error: unknown) => {
        this.starting = null;
        throw error;
      },
    );
    return this.starting;
  }

  state(): SandboxState {
    const server = this.server;
    return {
      running: server !== null,
      personality: server?.personality() ?? DEFAULT_PERSONALITY,
      mailEverySeconds: this.mailEverySeconds,
      users: (server?.info.users ?? []).map(({ user, address, displayName }) => ({ user, address, displayName })),
    };
  }

  async setPersonality(change: Partial<SandboxPersonality>): Promise<SandboxState> {
    await (await this.ensureStarted()).setPersonality(change);
    return this.publish();
  }

  /** Every mailbox back to the sample, written in `language` when the window says it. */
  async reset(language?: SampleLanguage): Promise<SandboxState> {
    await (await this.ensureStarted(language)).reset();
    return this.publish();
  }

  /** One message from the next correspondent to "you", as if just sent. */
  async deliverOne(): Promise<void> {
    const server = await this.ensureStarted();
    const from = WRITERS[this.nextWriter++ % WRITERS.length]!;
    await server.sendSampleMail(from, SANDBOX_USER);
  }

  /** Starts (or changes, or with null stops) the correspondents' mail timer. */
  async setMailTimer(everySeconds: number | null): Promise<SandboxState> {
    if (this.mailTimer) clearInterval(this.mailTimer);
    this.mailTimer = null;
    this.mailEverySeconds = everySeconds === null ? null : Math.max(MIN_MAIL_SECONDS, everySeconds);
    if (this.mailEverySeconds !== null) {
      await this.ensureStarted();
      this.mailTimer = setInterval(() => void this.deliverOne().catch(this.onMailError), this.mailEverySeconds * 1000);
    }
    return this.publish();
  }

  async stop(): Promise<void> {
    if (this.mailTimer) clearInterval(this.mailTimer);
    this.mailTimer = null;
    const server = this.server ?? (await this.starting?.catch(() => null));
    this.server = null;
    await server?.stop();
  }

  private publish(): SandboxState {
    const state = this.state();
    this.onChange(state);
    return state;
  }
}
