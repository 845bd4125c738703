import { StoreError } from './types';

/** The hierarchy delimiter of every sandbox folder name (RFC 3501 §5.1.1). */
export const HIERARCHY_DELIMITER = '/';

const MAX_NAME_LENGTH = 255;

/** RFC 3501 §5.1: INBOX is case-insensitive; every other name is case-sensitive. */
export function normalizeFolderName(name: string): string {
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

/**
 * Checks a name for CREATE or RENAME and returns it normalized: no wildcards or control
 * characters, no empty hierarchy levels. A trailing delimiter is dropped (RFC 3501 §6.3.3).
 */
export function validFolderName(input: string): string {
  const name = normalizeFolderName(input.endsWith(HIERARCHY_DELIMITER) ? input.slice(0, -1) : input);
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw new StoreError('CANNOT', 'Invalid mailbox name length');
  // The LIST wildcards cannot be part of a name that LIST could then find (RFC 3501 §5.1).
  if ([...name].some((char) => char < ' ' || char === '\x7f' || char === '*' || char === '%')) throw new StoreError('CANNOT', 'Invalid characters in mailbox name');
  if (name.split(HIERARCHY_DELIMITER).some((level) => level.length === 0)) throw new StoreError('CANNOT', 'Empty hierarchy level in mailbox name');
  return name;
}

/** "a/b/c" → ["a", "a/b"]: the superior names CREATE makes too (RFC 3501 §6.3.3). */
export function superiorNames(name: string): string[] {
  const levels = name.split(HIERARCHY_DELIMITER);
  return levels.slice(0, -1).map((_, index) => levels.slice(0, index + 1).join(HIERARCHY_DELIMITER));
}

/** Whether `name` is `ancestor` itself or below it in the hierarchy. */
export function isSameOrBelow(name: string, ancestor: string): boolean {
  return name === ancestor || name.startsWith(ancestor + HIERARCHY_DELIMITER);
}
