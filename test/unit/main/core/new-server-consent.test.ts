import { describe, expect, it } from 'vitest';
import type { ServerEndpoint } from '../../../../common/model/account';
import { passwordForNewServer } from '../../../../main/core/new-server-consent';
import { ProtocolError } from '../../../../main/protocols/protocol-error';

const pop: ServerEndpoint = { host: 'pop.example.com', port: 995, security: 'tls', user: 'dana' };
const plain: ServerEndpoint = { ...pop, port: 110, security: 'none' };

function refusal(endpoint: ServerEndpoint, consent: Parameters<typeof passwordForNewServer>[1]): ProtocolError {
  try {
    passwordForNewServer(endpoint, consent);
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the password for a server the account does not have yet', () => {
  it('is only ever the one typed for it', () => {
    expect(passwordForNewServer(pop, { password: 'typed' })).toBe('typed');
    expect(refusal(pop, {}).wire).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('pop.example.com, port 995, TLS') as unknown });
    expect(refusal(pop, { password: '' }).wire.code).toBe('HOST_NOT_CONFIRMED');
  });

  it('goes unencrypted only when the user agreed to it', () => {
    expect(refusal(plain, { password: 'typed' }).wire).toMatchObject({ code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('unencrypted') as unknown });
    expect(passwordForNewServer(plain, { password: 'typed', allowPlaintext: true })).toBe('typed');
    expect(refusal(plain, { allowPlaintext: true }).wire.code).toBe('HOST_NOT_CONFIRMED');
  });
});
