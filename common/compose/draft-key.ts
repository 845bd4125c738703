/** A Message-ID Porthole can use as a draft's key: `<left@right>`, no spaces, brackets or second @. */
export const DRAFT_KEY_PATTERN = /^<[^<>\s@]+@[^<>\s@]+>$/;

/**
 * The key of a composer's draft: the Message-ID each of its saved versions carries, so a later
 * save replaces the earlier ones. A saved draft being edited keeps its own when it has one of this
 * form; otherwise (and for a new message) a fresh one on the writer's domain.
 */
export function draftKeyFor(existing: string | undefined, fromAddress: string, uuid: string): string {
  if (existing && DRAFT_KEY_PATTERN.test(existing)) return existing;
  const domain = /@([^<>\s@]+)$/.exec(fromAddress)?.[1] ?? 'porthole.invalid';
  return `<draft-${uuid}@${domain}>`;
}
