import { describe, expect, it } from 'vitest';
import { packIds, unpackIds } from '../../../../renderer/cache/folder-ids';

describe('a folder’s ids as they cross from the folder-ids worker', () => {
  it('come back whole and in order, whatever a folder path puts in them', () => {
    const ids = ['server:INBOX#1', 'server:a\nb#2', '', 'local:Drafts#😀', 'server:שלום#3', 'server:x\u0000y#4'];
    expect(unpackIds(packIds(ids))).toEqual(ids);
    expect(unpackIds(packIds([]))).toEqual([]);
  });
});
