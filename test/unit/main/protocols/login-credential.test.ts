import { describe, expect, it } from 'vitest';
import type { TokenSource } from '../../../../main/oauth/token-source';
import { withLoginSecret, type LoginSecret } from '../../../../main/protocols/login-credential';
import { ProtocolError } from '../../../../main/protocols/protocol-error';

/** Tokens t1, t2 …: each rejection of the current one gives the next; `refuseRefresh` plays a revoked grant. */
function tokens(options: { refuseRefresh?: boolean } = {}): TokenSource & { rejected: string[] } {
  let current = 1;
  const rejected: string[] = [];
  return {
    rejected,
    accessToken: () => Promise.resolve(`t${current}`),
    afterRejection: (token) => {
      rejected.push(token);
      if (options.refuseRefresh) return Promise.reject(new ProtocolError({ code: 'OAUTH_SIGN_IN_AGAIN', message: 'Sign in again.' }));
      current++;
      return Promise.resolve(`t${current}`);
    },
  };
}

const refused = (): ProtocolError => new ProtocolError({ code: 'AUTH_FAILED', message: 'IMAP: refused' });

/** An attempt that fails with `failures` in turn, then succeeds; it records the secrets it was given. */
function attempts(...failures: Error[]): { seen: LoginSecret[]; attempt: (secret: LoginSecret) => Promise<string> } {
  const seen: LoginSecret[] = [];
  return {
    seen,
    attempt: (secret) => {
      seen.push(secret);
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve('logged in');
    },
  };
}

describe('withLoginSecret', () => {
  it('gives a password login its password, once, whatever the server answers', async () => {
    const { seen, attempt } = attempts(refused());
    await expect(withLoginSecret({ password: 'secret' }, attempt)).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(seen).toEqual([{ kind: 'password', password: 'secret' }]);
  });

  it('logs in with the current access token when the server takes it', async () => {
    const source = tokens();
    const { seen, attempt } = attempts();
    await expect(withLoginSecret({ oauth2: source }, attempt)).resolves.toBe('logged in');
    expect(seen).toEqual([{ kind: 'oauth2', accessToken: 't1' }]);
    expect(source.rejected).toEqual([]);
  });

  it('after a refused token, tells the source which one and tries once more with the refreshed one', async () => {
    const source = tokens();
    const { seen, attempt } = attempts(refused());
    await expect(withLoginSecret({ oauth2: source }, attempt)).resolves.toBe('logged in');
    expect(source.rejected).toEqual(['t1']);
    expect(seen.map((s) => s.kind === 'oauth2' && s.accessToken)).toEqual(['t1', 't2']);
  });

  it('stops after the second refusal: the server’s answer stands, no refresh loop', async () => {
    const source = tokens();
    const { seen, attempt } = attempts(refused(), refused());
    await expect(withLoginSecret({ oauth2: source }, attempt)).rejects.toMatchObject({ wire: { code: 'AUTH_FAILED' } });
    expect(seen).toHaveLength(2);
    expect(source.rejected).toEqual(['t1']);
  });

  it('fails with OAUTH_SIGN_IN_AGAIN when the provider refuses the refresh, without a second login', async () => {
    const { seen, attempt } = attempts(refused());
    await expect(withLoginSecret({ oauth2: tokens({ refuseRefresh: true }) }, attempt)).rejects.toMatchObject({ wire: { code: 'OAUTH_SIGN_IN_AGAIN' } });
    expect(seen).toHaveLength(1);
  });

  it('does not refresh for a failure that is not a refused login (the network, the certificate)', async () => {
    const source = tokens();
    const { seen, attempt } = attempts(new ProtocolError({ code: 'CONNECTION_REFUSED', message: 'refused' }));
    await expect(withLoginSecret({ oauth2: source }, attempt)).rejects.toMatchObject({ wire: { code: 'CONNECTION_REFUSED' } });
    expect(seen).toHaveLength(1);
    expect(source.rejected).toEqual([]);
  });
});
