import { describe, expect, it } from 'vitest';
import type { AccountSummary, NewServerConsent, ServerEndpoint } from '../../../../common/model/account';
import { credentialForNewServer } from '../../../../main/core/new-server-credential';
import { ProtocolError } from '../../../../main/protocols/protocol-error';
import type { TokenSource } from '../../../../main/oauth/token-source';

const TOKENS: TokenSource = { accessToken: () => Promise.resolve('token'), afterRejection: () => Promise.resolve('token') };
const sources = { oauthTokens: { forAccount: () => TOKENS } };

const imap: ServerEndpoint = { host: 'imap.gmail.com', port: 993, security: 'tls', user: 'dana@gmail.com' };
const gmail = { id: 'a1', auth: { kind: 'oauth2', provider: 'google' }, imap, pop3: null, smtp: { ...imap, host: 'smtp.gmail.com', port: 465 } } as unknown as AccountSummary;
const passwordAccount = { ...gmail, auth: { kind: 'password' } } as AccountSummary;

function refusal(account: AccountSummary, endpoint: ServerEndpoint, consent: NewServerConsent): ProtocolError {
  try {
    credentialForNewServer(sources, account, endpoint, consent);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('what logs in to a server the account does not have yet', () => {
  it('a password account: only the password typed for it', () => {
    const pop = { ...imap, host: 'pop.gmail.com', port: 995 };
    expect(credentialForNewServer(sources, passwordAccount, pop, { password: 'typed' })).toEqual({ credential: { password: 'typed' }, typedPassword: 'typed' });
    expect(refusal(passwordAccount, pop, {}).wire.code).toBe('HOST_NOT_CONFIRMED');
  });

  it('an OAuth2 account: its tokens, at one of its own hosts or one its provider lists, nothing to store', () => {
    expect(credentialForNewServer(sources, gmail, { ...imap, port: 995 }, {})).toEqual({ credential: { oauth2: TOKENS }, typedPassword: null });
    expect(credentialForNewServer(sources, gmail, { ...imap, host: 'POP.gmail.com', port: 995 }, {}).credential).toEqual({ oauth2: TOKENS });
    expect(credentialForNewServer(sources, gmail, { ...imap, host: 'smtp.gmail.com', port: 995 }, {}).credential).toEqual({ oauth2: TOKENS });
  });

  it('an OAuth2 account: never to a host outside its provider, not even one another provider lists', () => {
    expect(refusal(gmail, { ...imap, host: 'pop.example.com', port: 995 }, {}).wire).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('pop.example.com, port 995, TLS') as unknown });
    expect(refusal(gmail, { ...imap, host: 'outlook.office365.com', port: 995 }, {}).wire).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('provider’s servers') as unknown });
    expect(refusal(gmail, { ...imap, host: 'pop.gmail.com.example.net', port: 995 }, {}).wire.code).toBe('HOST_NOT_CONFIRMED');
    expect(refusal(gmail, { ...imap, host: ' imap.gmail.com', port: 995 }, {}).wire.code).toBe('HOST_NOT_CONFIRMED');
  });

  it('an OAuth2 account: no typed password, and unencrypted only when the user agreed', () => {
    expect(refusal(gmail, { ...imap, port: 995 }, { password: 'typed' }).wire).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('OAuth2') as unknown });
    const plain: ServerEndpoint = { ...imap, port: 110, security: 'none' };
    expect(refusal(gmail, plain, {}).wire).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('unencrypted') as unknown });
    expect(credentialForNewServer(sources, gmail, plain, { allowPlaintext: true }).credential).toEqual({ oauth2: TOKENS });
  });
});
