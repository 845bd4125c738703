import { describe, expect, it } from 'vitest';
import { oauthErrorAcknowledgement, oauthErrorStatus, oauthInitialResponse, pickOAuthMechanism } from '../../../../main/protocols/sasl-oauth';

const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');

describe('OAuth2 SASL messages', () => {
  it('builds OAUTHBEARER as RFC 7628 §3.1 frames it: GS2 header, host, port, bearer token, ^A^A', () => {
    const message = decode(oauthInitialResponse('OAUTHBEARER', 'user@example.com', 'vF9dft4qmT', { host: 'server.example.com', port: 143 }));
    // The example of RFC 7628 §4.1 (without its optional fields).
    expect(message).toBe('n,a=user@example.com,\x01host=server.example.com\x01port=143\x01auth=Bearer vF9dft4qmT\x01\x01');
  });

  it('builds XOAUTH2 in Google’s form: user, bearer token, ^A^A', () => {
    expect(decode(oauthInitialResponse('XOAUTH2', 'someuser@example.com', 'ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg', { host: 'h', port: 1 }))).toBe(
      'user=someuser@example.com\x01auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01',
    );
  });

  it('escapes "," and "=" in the GS2 authzid (RFC 5801 §4)', () => {
    expect(decode(oauthInitialResponse('OAUTHBEARER', 'a=b,c', 't', { host: 'h', port: 1 })).startsWith('n,a=a=3Db=2Cc,\x01')).toBe(true);
  });

  it('refuses a token or user name with a control character, which would forge fields', () => {
    for (const [user, token] of [['alice', 'tok\x01auth=Bearer other'], ['alice\x01host=evil', 'tok'], ['alice', 'tok\r\nQUIT']] as const) {
      expect(() => oauthInitialResponse('XOAUTH2', user, token, { host: 'h', port: 1 })).toThrow(expect.objectContaining({ wire: expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as unknown }));
    }
  });

  it('answers the error challenge with ^A for OAUTHBEARER (RFC 7628 §3.2.3) and with nothing for XOAUTH2', () => {
    expect(decode(oauthErrorAcknowledgement('OAUTHBEARER'))).toBe('\x01');
    expect(oauthErrorAcknowledgement('XOAUTH2')).toBe('');
  });

  it('reads the status of an error challenge, and nothing from one that is not JSON', () => {
    expect(oauthErrorStatus(Buffer.from('{"status":"invalid_token","scope":"mail"}').toString('base64'))).toBe('invalid_token');
    expect(oauthErrorStatus(Buffer.from('not json').toString('base64'))).toBeNull();
    expect(oauthErrorStatus(Buffer.from('{"status":401}').toString('base64'))).toBeNull();
  });

  it('prefers OAUTHBEARER, the standard mechanism, then XOAUTH2, whatever the case', () => {
    expect(pickOAuthMechanism(['PLAIN', 'xoauth2', 'OAuthBearer'])).toBe('OAUTHBEARER');
    expect(pickOAuthMechanism(['PLAIN', 'XOAUTH2'])).toBe('XOAUTH2');
    expect(pickOAuthMechanism(['PLAIN', 'LOGIN'])).toBeNull();
  });
});
