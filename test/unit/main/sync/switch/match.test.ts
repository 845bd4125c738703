import { describe, expect, it } from 'vitest';
import { fingerprintKey, matchMessages, type MatchCandidate, type ServerCandidate } from '../../../../../main/sync/switch/match';

const UID_VALIDITY = 0x5f00_0001;
const local = (key: string, messageId: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate => ({ key, uidl: null, messageId, fingerprint: `local-${key}`, ...overrides });
const server = (uid: number, messageId: string, overrides: Partial<ServerCandidate> = {}): ServerCandidate => ({ uid, messageId, fingerprint: `server-${uid}`, ...overrides });

describe('matchMessages', () => {
  it('pairs by Dovecot UIDL first', () => {
    const uidl = `${(7).toString(16).padStart(8, '0')}${UID_VALIDITY.toString(16).padStart(8, '0')}`;
    expect(matchMessages([local('a', '', { uidl })], [server(7, '')], UID_VALIDITY)).toEqual(new Map([['a', { uid: 7, by: 'uidl' }]]));
  });

  // Issue 11 item 7: records written before the normaliser, or by another path, must still meet.
  it.each([
    ['<m1@example.test>', '<m1@example.test> (added by postmaster@example.test)'],
    ['<m1@example.test> (added by postmaster@example.test)', '<m1@example.test>'],
    ['m1@example.test', '<m1@example.test>'],
    ['<m1@example.test> (comment)>', ' <m1@example.test>'],
  ])('pairs the Message-ID %j with %j', (localId, serverId) => {
    expect(matchMessages([local('a', localId)], [server(3, serverId)], UID_VALIDITY)).toEqual(new Map([['a', { uid: 3, by: 'messageId' }]]));
  });

  it('does not pair two different Message-IDs, nor two empty ones', () => {
    expect(matchMessages([local('a', '<m1@example.test>'), local('b', '<>')], [server(3, '<m2@example.test>'), server(4, '<>')], UID_VALIDITY).size).toBe(0);
  });

  it('uses the fingerprint to choose among copies that share a Message-ID', () => {
    const result = matchMessages([local('a', '<list@x>', { fingerprint: 'f2' })], [server(1, '<list@x> (copy 1)', { fingerprint: 'f1' }), server(2, '<list@x>', { fingerprint: 'f2' })], UID_VALIDITY);
    expect(result.get('a')).toEqual({ uid: 2, by: 'messageId' });
  });

  it('falls back to the fingerprint hash', () => {
    const fingerprint = fingerprintKey(Date.UTC(2026, 0, 1), [{ name: '', address: 'Ann@Example.test' }], 'Hi', 10);
    expect(matchMessages([local('a', '', { fingerprint })], [server(9, '', { fingerprint })], UID_VALIDITY).get('a')).toEqual({ uid: 9, by: 'hash' });
  });
});
