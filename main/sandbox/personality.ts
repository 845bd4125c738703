import { z } from 'zod';
import type { UidlFormat } from './store/types';

/** Server behaviours that differ between real servers, as switches (issue 7 "personalities"). */
export interface SandboxPersonality {
  /** A message fetched with POP3 RETR gets \Seen for IMAP at QUIT (Dovecot's default) or not. */
  popMarksSeen: boolean;
  /** RFC 1939 UIDL: kept by reset() ("stable") or new after one ("changes-on-reset"). */
  uidlFormat: UidlFormat;
  /** How long POP3 and IMAP wait before answering a login, in ms (a slow server). */
  loginDelayMs: number;
}

/** Dovecot's behaviour: POP marks \Seen, UIDLs survive a reset, no delay. */
export const DEFAULT_PERSONALITY: SandboxPersonality = { popMarksSeen: true, uidlFormat: 'stable', loginDelayMs: 0 };

const MAX_LOGIN_DELAY_MS = 60_000;

/** Validates stored or requested switches. */
export const personalitySchema = z.object({
  popMarksSeen: z.boolean(),
  uidlFormat: z.enum(['stable', 'changes-on-reset']),
  loginDelayMs: z.number().int().min(0).max(MAX_LOGIN_DELAY_MS),
});

/** `base` with the given switches changed; throws (ZodError) on a value out of range. */
export function mergePersonality(base: SandboxPersonality, change: Partial<SandboxPersonality> | undefined): SandboxPersonality {
  return personalitySchema.parse({ ...base, ...change });
}

/** Waits the personality's login delay. */
export function loginDelay(personality: SandboxPersonality): Promise<void> {
  return personality.loginDelayMs > 0 ? new Promise((resolve) => setTimeout(resolve, personality.loginDelayMs)) : Promise.resolve();
}
