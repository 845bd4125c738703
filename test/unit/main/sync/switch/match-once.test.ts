import { describe, expect, it } from 'vitest';
import { matchMessages, uidFromDovecotUidl, type MatchCandidate, type ServerCandidate } from '../../../../../main/sync/switch/match';

const UID_VALIDITY = 0x5f00_0001;
const dovecotUidl = (uid: number, uidValidity = UID_VALIDITY): string => `${uid.toString(16).padStart(8, '0')}${uidValidity.toString(16).padStart(8, '0')}`;
const local = (key: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate => ({ key, uidl: null, messageId: '', fingerprint: `local-${key}`, ...overrides });
const server = (uid: number, overrides: Partial<ServerCandidate> = {}): ServerCandidate => ({ uid, messageId: '', fingerprint: `server-${uid}`, ...overrides });

describe('matchMessages: gaps the first tests leave', () => {
  it('reads a Dovecot UIDL only under the same UIDVALIDITY', () => {
    expect(uidFromDovecotUidl(dovecotUidl(7), UID_VALIDITY)).toBe(7);
    expect(uidFromDovecotUidl(dovecotUidl(7, UID_VALIDITY + 1), UID_VALIDITY)).toBeNull();
    expect(uidFromDovecotUidl('not-dovecot', UID_VALIDITY)).toBeNull();
  });

  it('a UIDL from an older UIDVALIDITY falls back to the Message-ID', () => {
    const result = matchMessages([local('a', { uidl: dovecotUidl(7, UID_VALIDITY - 1), messageId: '<m@x>' })], [server(7), server(9, { messageId: '<m@x>' })], UID_VALIDITY);
    expect(result).toEqual(new Map([['a', { uid: 9, by: 'messageId' }]]));
  });

  it('uses each server message once: two local copies of one message pair with one server message', () => {
    const result = matchMessages([local('a', { fingerprint: 'f' }), local('b', { fingerprint: 'f' })], [server(3, { fingerprint: 'f' })], UID_VALIDITY);
    expect(result.size).toBe(1);
    expect([...result.values()]).toEqual([{ uid: 3, by: 'hash' }]);
  });

  it('a server message taken by UIDL is not offered again by Message-ID', () => {
    const result = matchMessages([local('a', { uidl: dovecotUidl(4), messageId: '<m@x>' }), local('b', { messageId: '<m@x>' })], [server(4, { messageId: '<m@x>' })], UID_VALIDITY);
    expect(result).toEqual(new Map([['a', { uid: 4, by: 'uidl' }]]));
  });
});
