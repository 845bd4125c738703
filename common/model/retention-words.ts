import type { PopRetention } from './account';

/**
 * The retention choices in plain words, with what each means for other devices, in English: for
 * main, whose errors and switch preview still say them in English. The renderer says them in the
 * language shown (renderer/i18n/retention-words.ts); a unit test keeps its English equal to this.
 */
export function describeRetention(retention: PopRetention): { title: string; detail: string } {
  switch (retention.kind) {
    case 'keep':
      return {
        title: 'Leave messages on the server',
        detail: 'Your other devices and webmail keep seeing every message. The server’s mailbox keeps growing until you delete mail there.',
      };
    case 'delete-after-days':
      return {
        title: `Delete from the server ${retention.days} day${retention.days === 1 ? '' : 's'} after downloading`,
        detail: `Counted from when this computer downloaded each message. Other devices have ${retention.days} day${retention.days === 1 ? '' : 's'} to download it too; after that only this computer has it.`,
      };
    case 'delete-when-deleted-here':
      return {
        title: 'Delete from the server when I delete it here',
        detail: 'A message you delete on this computer (to Trash, or by emptying Trash) is removed from the server at the next check. Until then other devices still see it.',
      };
    case 'delete-after-download':
      return {
        title: 'Delete from the server right after downloading',
        detail: 'Other devices will never see these messages: this computer keeps the only copy, so back it up.',
      };
    default: {
      const unknownRetention: never = retention;
      return { title: String(unknownRetention), detail: '' };
    }
  }
}

/** Why a server without UIDL allows only deleting right after downloading, in English for main's errors (the renderer: noUidlText). */
export const NO_UIDL_EXPLANATION =
  'This server cannot name its messages (it has no UIDL), so Porthole cannot tell which messages it already downloaded. Only “Delete from the server right after downloading” is possible with it.';
