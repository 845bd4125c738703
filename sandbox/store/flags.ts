const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];
const SYSTEM_BY_UPPER = new Map(SYSTEM_FLAGS.map((flag) => [flag.toUpperCase(), flag]));

/** The flags a client may store: the system flags and any keyword (RFC 3501 §2.3.2). */
export const PERMANENT_FLAGS: readonly string[] = SYSTEM_FLAGS;

/**
 * A flag in its canonical spelling: system flags case-insensitively (`\seen` is `\Seen`),
 * keywords as given. Returns null for `\Recent` (only the server sets it) and unknown `\` flags.
 */
export function canonicalFlag(flag: string): string | null {
  if (flag.startsWith('\\')) return SYSTEM_BY_UPPER.get(flag.toUpperCase()) ?? null;
  return flag;
}

/** A sorted, duplicate-free set; keywords compare case-insensitively (RFC 3501 §2.3.2). */
export function flagSet(flags: Iterable<string>): string[] {
  const byUpper = new Map<string, string>();
  for (const flag of flags) {
    const canonical = canonicalFlag(flag);
    if (canonical !== null && !byUpper.has(canonical.toUpperCase())) byUpper.set(canonical.toUpperCase(), canonical);
  }
  return [...byUpper.values()].sort();
}

export type FlagOperation = 'add' | 'remove' | 'replace';

/** The flags after a STORE-style change (RFC 3501 §6.4.6 FLAGS, +FLAGS, -FLAGS). */
export function changedFlags(current: readonly string[], operation: FlagOperation, flags: readonly string[]): string[] {
  switch (operation) {
    case 'replace':
      return flagSet(flags);
    case 'add':
      return flagSet([...current, ...flags]);
    case 'remove': {
      const removed = new Set(flagSet(flags).map((flag) => flag.toUpperCase()));
      return current.filter((flag) => !removed.has(flag.toUpperCase()));
    }
    default: {
      const never: never = operation;
      throw new Error(`unknown flag operation ${String(never)}`);
    }
  }
}

/** Whether the set holds the flag, compared case-insensitively. */
export function hasFlag(flags: readonly string[], flag: string): boolean {
  const upper = flag.toUpperCase();
  return flags.some((f) => f.toUpperCase() === upper);
}

/** Whether two sorted flag sets are equal. */
export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((flag, index) => flag === b[index]);
}
