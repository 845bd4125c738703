import { describe, expect, it } from 'vitest';
import { messageKey, messageKeyParts } from '../../../common/model/mail';

describe('a message key and its parts', () => {
  it('reads back exactly what messageKey writes, with a folder id that holds a #', () => {
    for (const [folderId, uid] of [['server:INBOX', 1], ['server:Work/#2026', 4_294_967_295], ['local:inbox', 0]] as const) {
      expect(messageKeyParts(messageKey(folderId, uid))).toEqual({ folderId, uid });
    }
  });

  it('names nothing for a key messageKey never writes: leading zeros, signs, spaces, too many digits, no folder', () => {
    for (const id of ['server:INBOX#007', 'server:INBOX#00', 'server:INBOX#+7', 'server:INBOX#-7', 'server:INBOX# 7', 'server:INBOX#7 ', 'server:INBOX#1234567890123456', '#7', 'server:INBOX#', 'server:INBOX']) {
      expect(messageKeyParts(id), id).toBeNull();
    }
    expect(messageKeyParts(7 as unknown as string)).toBeNull();
  });
});
