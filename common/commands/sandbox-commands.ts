import * as z from 'zod/mini';
import type { AccountSummary } from '../model/account';
import { SAMPLE_LANGUAGES, type SandboxState } from '../model/sandbox';
import { declareCommands, returns } from './declare';
import { deviceName, sandboxPersonality } from './schemas';

/** The window's language, for the sandbox's sample mail. */
const sampleLanguage = z.enum(SAMPLE_LANGUAGES);

/**
 * The names the sandbox's devices get, in the window's language ({ imap: 'Laptop', pop3:
 * 'Smartphone' } in German), and the language its sample mail is written in from now on; null:
 * the English names, and the language the sample was last written in.
 */
const demoDeviceNames = z.nullable(z.object({ imap: deviceName, pop3: deviceName, language: z.optional(sampleLanguage) }));

/** The built-in sandbox server: whether it runs, its switches, its people. */
export const SANDBOX_COMMANDS = declareCommands({
  'sandbox:state': { params: z.null(), result: returns<SandboxState>() },
  /** Starts the sandbox (if needed) and opens its mailbox as an account; the existing one if there is one. */
  'sandbox:try': { params: demoDeviceNames, result: returns<AccountSummary>() },
  /** The sandbox account as two devices side by side: Laptop on IMAP and Phone on POP. */
  'sandbox:demonstrate': { params: demoDeviceNames, result: returns<AccountSummary>() },
  /** Brings every sandbox mailbox back to the sample (connected sessions are disconnected), written in `language` (null: the last one). */
  'sandbox:reset': { params: z.nullable(z.object({ language: sampleLanguage })), result: returns<SandboxState>() },
  'sandbox:setPersonality': { params: z.strictObject(z.partial(sandboxPersonality).shape), result: returns<SandboxState>() },
  /** Correspondents write to you every N seconds; null stops them. */
  'sandbox:mailTimer': { params: z.object({ everySeconds: z.nullable(z.int().check(z.minimum(5), z.maximum(24 * 60 * 60))) }), result: returns<SandboxState>() },
  /** One new message to you, now. */
  'sandbox:sendMail': { params: z.null(), result: returns<null>() },
});
