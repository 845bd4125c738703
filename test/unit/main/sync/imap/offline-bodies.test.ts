import { describe, expect, it } from 'vitest';
import { LARGE_MESSAGE_BYTES } from '../../../../../common/model/raw-source';
import { bodiesToKeep } from '../../../../../main/sync/imap/offline-bodies';
import { message } from '../../../factories';

describe('which bodies the offline download fetches', () => {
  it('newest first, leaving out cached bodies, messages over the size limit, unreadable ones and moves not confirmed yet', () => {
    const messages = [
      message({ id: 'm1', uid: 1, size: 1_000 }),
      message({ id: 'm5', uid: 5, size: 1_000 }),
      message({ id: 'm3', uid: 3, size: 1_000 }),
      message({ id: 'cached', uid: 4, size: 1_000 }),
      message({ id: 'large', uid: 6, size: LARGE_MESSAGE_BYTES + 1 }),
      message({ id: 'limit', uid: 2, size: LARGE_MESSAGE_BYTES }),
      message({ id: 'unreadable', uid: 7, size: 10, problem: 'its FETCH response is malformed' }),
      message({ id: 'moving', uid: null, size: 10 }),
    ];
    expect(bodiesToKeep(messages, new Set(['cached'])).map((m) => m.id)).toEqual(['m5', 'm3', 'limit', 'm1']);
  });
});
