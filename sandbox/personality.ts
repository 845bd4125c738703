import * as z from 'zod/mini';
import { sandboxPersonality } from '../common/commands/schemas';
import type { SandboxPersonality } from '../common/model/sandbox';

export type { SandboxPersonality };

/** Dovecot's behaviour: POP marks \Seen, UIDLs survive a reset, no delay. */
export const DEFAULT_PERSONALITY: SandboxPersonality = { popMarksSeen: true, uidlFormat: 'stable', loginDelayMs: 0 };

// The limits are written once, in the schema main checks sandbox:setPersonality against; the
// server applies the same ones to what it stores and is asked for.

/** Switches read from the profile: any may be missing, each one present is checked. */
export const storedPersonalitySchema = z.partial(sandboxPersonality);

/** `base` with the given switches changed; throws (a zod error) on a value out of range. */
export function mergePersonality(base: SandboxPersonality, change: Partial<SandboxPersonality> | undefined): SandboxPersonality {
  return sandboxPersonality.parse({ ...base, ...change });
}

/** Waits the personality's login delay. */
export function loginDelay(personality: SandboxPersonality): Promise<void> {
  return personality.loginDelayMs > 0 ? new Promise((resolve) => setTimeout(resolve, personality.loginDelayMs)) : Promise.resolve();
}
