import { z } from 'zod';
import type { SandboxPersonality } from '../common/model/sandbox';

export type { SandboxPersonality };

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
