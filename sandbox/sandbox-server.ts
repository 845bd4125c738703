import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SAMPLE_LANGUAGES, type SampleLanguage } from '../common/model/sandbox';
import { DEFAULT_IMAP_LIMITS, type ImapLimits } from './imap/command-reader';
import { startImapServer } from './imap/imap-server';
import { LOOPBACK_HOST, type LoopbackServer } from './net/loopback-server';
import { DEFAULT_PERSONALITY, mergePersonality, storedPersonalitySchema, type SandboxPersonality } from './personality';
import { MaildropLocks } from './pop3/maildrop-locks';
import { startPop3Server } from './pop3/pop3-server';
import { composeIncomingMail } from './sample/incoming-mail';
import { sampleMailbox } from './sample/sample-mailbox';
import { startSmtpServer } from './smtp';
import { readJsonIfExists, writeFileDurable } from '../node-lib/durable-file';
import { MailStore } from './store/mail-store';
import { SandboxUsers, SANDBOX_USER_NAMES } from './users';

export interface SandboxServerOptions {
  /** Where the mailbox, the passwords and the personality live (the app's profile). */
  dataDir: string;
  /** Switches to change from what was last used (or from the defaults). */
  personality?: Partial<SandboxPersonality>;
  /** 0 or absent: a free port chosen by the kernel. */
  ports?: { imap?: number; pop3?: number; smtp?: number };
  /** IMAP line and literal limits (tests use small ones). */
  limits?: Partial<ImapLimits>;
  /** The language of the sample mail (kept in dataDir); absent: the one last used, English at first. */
  language?: SampleLanguage;
}

export interface SandboxServerInfo {
  host: typeof LOOPBACK_HOST;
  imapPort: number;
  pop3Port: number;
  smtpPort: number;
  users: Array<{ user: string; password: string; address: string; displayName: string }>;
}

export interface SandboxServer {
  info: SandboxServerInfo;
  store: MailStore;
  /** The switches in force now. */
  personality(): SandboxPersonality;
  /** Changes some switches (kept in dataDir); returns the switches now in force. */
  setPersonality(change: Partial<SandboxPersonality>): Promise<SandboxPersonality>;
  /** Brings every mailbox back to the sample; connected sessions are told and disconnected. */
  reset(): Promise<void>;
  /** The language the sample is written in when made again (reset), and new sample mail. */
  language(): SampleLanguage;
  /** Changes it (kept in dataDir); the mail already there stays as it is. */
  setLanguage(language: SampleLanguage): Promise<void>;
  /** A new message from one sandbox user to another (by user name), as if just sent. */
  sendSampleMail(from: string, to: string): Promise<{ uid: number }>;
  /** Stops the three servers and waits until every change is on disk. */
  stop(): Promise<void>;
}

const storedLanguageSchema = z.object({ language: z.enum(SAMPLE_LANGUAGES) });

/**
 * Starts the built-in sandbox: IMAP, POP3 and SMTP submission on 127.0.0.1 over one mail
 * store kept in `dataDir`. Plaintext throughout, which is safe only because nothing but this
 * computer can connect: the servers never listen on any other address.
 */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const personalityPath = join(options.dataDir, 'personality.json');
  const stored = storedPersonalitySchema.parse((await readJsonIfExists(personalityPath)) ?? {});
  let personality = mergePersonality({ ...DEFAULT_PERSONALITY, ...stored }, options.personality);
  const languagePath = join(options.dataDir, 'language.json');
  // An unreadable file is no reason not to start: the sample is then written in English.
  const storedLanguage = storedLanguageSchema.safeParse(await readJsonIfExists(languagePath).catch(() => null)).data?.language ?? 'en';
  let language = options.language ?? storedLanguage;
  const setLanguage = async (next: SampleLanguage): Promise<void> => {
    language = next;
    await writeFileDurable(languagePath, JSON.stringify({ language }, null, 2));
  };
  if (language !== storedLanguage) await setLanguage(language);
  const users = await SandboxUsers.load(options.dataDir);
  const store = await MailStore.open({
    dir: join(options.dataDir, 'mail'),
    users: SANDBOX_USER_NAMES,
    sample: () => sampleMailbox(users.list, language),
    uidlFormat: () => personality.uidlFormat,
  });
  const limits: ImapLimits = { ...DEFAULT_IMAP_LIMITS, ...options.limits };
  const current = () => personality;
  const servers: LoopbackServer[] = [];
  try {
    servers.push(await startImapServer({ store, users, personality: current, limits }, options.ports?.imap ?? 0));
    servers.push(await startPop3Server({ store, users, personality: current, locks: new MaildropLocks() }, options.ports?.pop3 ?? 0));
    servers.push(await startSmtpServer({ store, users, maxMessageBytes: limits.maxLiteralBytes }, options.ports?.smtp ?? 0));
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  const [imap, pop3, smtp] = servers as [LoopbackServer, LoopbackServer, LoopbackServer];
  return {
    info: {
      host: LOOPBACK_HOST,
      imapPort: imap.port,
      pop3Port: pop3.port,
      smtpPort: smtp.port,
      users: users.list.map(({ user, password, address, displayName }) => ({ user, password, address, displayName })),
    },
    store,
    personality: current,
    setPersonality: async (change) => {
      personality = mergePersonality(personality, change);
      await writeFileDurable(personalityPath, JSON.stringify(personality, null, 2));
      return personality;
    },
    reset: () => store.reset('sandbox'),
    language: () => language,
    setLanguage,
    sendSampleMail: async (fromName, toName) => {
      const from = users.byLogin(fromName);
      const to = users.byLogin(toName);
      if (!from || !to) throw new Error(`sandbox: unknown user ${from ? toName : fromName}`);
      const raw = await composeIncomingMail(from, to, language);
      const delivered = await store.deliver(to.user, raw, 'sandbox');
      if (store.folder(from.user, 'Sent')) await store.append(from.user, 'Sent', raw, { flags: ['\\Seen'] }, 'sandbox');
      return { uid: delivered.uid };
    },
    stop: async () => {
      await Promise.all(servers.map((server) => server.close()));
      await store.flush();
    },
  };
}
