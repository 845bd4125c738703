import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '../../../../common/errors';
import type { WireError } from '../../../../common/result';
import { classifyConnectionError, isTransientError } from '../../../../main/protocols/connection-errors';
import { Pop3Error } from '../../../../main/protocols/pop3/pop3-session';

describe('classifyConnectionError', () => {
  it.each<[string, unknown, ErrorCode]>([
    ['imapflow authenticationFailed', { authenticationFailed: true, message: 'Command failed' }, 'AUTH_FAILED'],
    ['IMAP AUTHENTICATIONFAILED response code', { serverResponseCode: 'AUTHENTICATIONFAILED' }, 'AUTH_FAILED'],
    ['nodemailer EAUTH 535', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' }, 'AUTH_FAILED'],
    ['POP3 -ERR [AUTH]', new Error('-ERR [AUTH] Authentication failed.'), 'AUTH_FAILED'],
    ['refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:993' }, 'CONNECTION_REFUSED'],
    ['unknown host', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.invalid' }, 'HOST_NOT_FOUND'],
    ['DNS retry', { code: 'EAI_AGAIN' }, 'HOST_NOT_FOUND'],
    ['self-signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'CERT_UNTRUSTED'],
    ['self-signed, wrapped by nodemailer', { code: 'ESOCKET', cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } }, 'CERT_UNTRUSTED'],
    ['self-signed, wrapped by imapflow (_err)', { _err: { code: 'CERT_HAS_EXPIRED' } }, 'CERT_UNTRUSTED'],
    ['TLS to a plain port', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'TLS_MISMATCH'],
    ['TLS mismatch by message', new Error('write EPROTO 0:error:0A00010B:SSL routines::wrong version number'), 'TLS_MISMATCH'],
    ['no STARTTLS', new Error('Server does not support STARTTLS'), 'STARTTLS_UNAVAILABLE'],
    ['nodemailer ETLS', { code: 'ETLS', message: 'Error upgrading connection with STARTTLS' }, 'STARTTLS_UNAVAILABLE'],
    ['timeout code', { code: 'ETIMEDOUT' }, 'CONNECTION_TIMEOUT'],
    ['timeout message', new Error('Connection timed out'), 'CONNECTION_TIMEOUT'],
    ['reset', { code: 'ECONNRESET' }, 'CONNECTION_LOST'],
    ['imapflow NoConnection', { code: 'NoConnection', message: 'Connection not available' }, 'CONNECTION_LOST'],
    ['something else', new Error('Mailbox does not exist'), 'SERVER_ERROR'],
  ])('%s', (_label, error, expected) => {
    expect(classifyConnectionError(error, 'imap').code).toBe(expected);
  });

  it('prefixes the message with the service name', () => {
    expect(classifyConnectionError({ code: 'ECONNREFUSED' }, 'imap').message).toBe(`IMAP: ${ERROR_MESSAGES.CONNECTION_REFUSED}`);
    expect(classifyConnectionError({ code: 'ECONNREFUSED' }, 'pop3').message).toBe(`POP3: ${ERROR_MESSAGES.CONNECTION_REFUSED}`);
    expect(classifyConnectionError({ code: 'EAUTH', responseCode: 535 }, 'smtp').message).toBe(`SMTP: ${ERROR_MESSAGES.AUTH_FAILED}`);
  });

  it('keeps the server response in the details', () => {
    const error = classifyConnectionError({ code: 'EAUTH', response: '535 Nope' }, 'smtp');
    expect(error.details).toEqual({ service: 'smtp', serverResponse: '535 Nope' });

    const imap = classifyConnectionError({ responseText: 'Mailbox is locked' }, 'imap');
    expect(imap).toEqual({ code: 'SERVER_ERROR', message: `IMAP: ${ERROR_MESSAGES.SERVER_ERROR} Mailbox is locked`, details: { service: 'imap', serverResponse: 'Mailbox is locked' } });
  });

  it('uses the error message for an unknown error without a server response', () => {
    expect(classifyConnectionError(new Error('Something odd'), 'pop3')).toEqual({ code: 'SERVER_ERROR', message: 'POP3: Something odd', details: { service: 'pop3' } });
  });

  it('copes with null, strings and numbers', () => {
    expect(classifyConnectionError(null, 'imap').code).toBe('SERVER_ERROR');
    expect(classifyConnectionError('socket hang up', 'imap').code).toBe('CONNECTION_LOST');
    expect(classifyConnectionError(42, 'imap').message).toBe('IMAP: 42');
  });
});

// RFC 2449 §8.1: a maildrop locked by another session, or logins too frequent, is a wait, not a
// failure: MAILBOX_IN_USE, which the POP engine retries with back-off and shows as a status.
describe('classifyConnectionError for a busy POP3 maildrop', () => {
  it.each<[string, unknown]>([
    ['-ERR [IN-USE] after PASS, as the session throws it', new Pop3Error('PASS', '[IN-USE] Mailbox is locked by another POP3 session', 'IN-USE')],
    ['-ERR [IN-USE] after AUTH PLAIN', new Pop3Error('AUTH', '[IN-USE] Internal mailbox lock', 'IN-USE')],
    ['-ERR [LOGIN-DELAY], as the session throws it', new Pop3Error('PASS', '[LOGIN-DELAY] Minimum time between logins not reached', 'LOGIN-DELAY')],
    ['the EINUSE code alone', Object.assign(new Error('locked'), { code: 'EINUSE' })],
    ['an [IN-USE] response text without a code', { responseText: '[IN-USE] Maildrop already locked' }],
    ['a [LOGIN-DELAY] response text without a code', { responseText: '[LOGIN-DELAY] Wait 300 seconds' }],
  ])('%s is MAILBOX_IN_USE', (_label, error) => {
    const classified = classifyConnectionError(error, 'pop3');
    expect(classified).toMatchObject({ code: 'MAILBOX_IN_USE', message: `POP3: ${ERROR_MESSAGES.MAILBOX_IN_USE}`, details: { service: 'pop3' } });
    expect(isTransientError(classified)).toBe(true);
  });

  it('gives [IN-USE] the EINUSE code and keeps the server’s words in the details', () => {
    const error = new Pop3Error('PASS', '[IN-USE] Mailbox is locked by another POP3 session', 'IN-USE');
    expect(error.code).toBe('EINUSE');
    expect(new Pop3Error('PASS', '[LOGIN-DELAY] Later', 'LOGIN-DELAY').code).toBe('EPOP3');
    expect(classifyConnectionError(error, 'pop3').details).toEqual({ service: 'pop3', serverResponse: '[IN-USE] Mailbox is locked by another POP3 session' });
  });

  it.each<[string, unknown, ErrorCode]>([
    ['[AUTH] is a wrong password, not a busy mailbox', new Pop3Error('PASS', '[AUTH] Authentication failed.', 'AUTH'), 'AUTH_FAILED'],
    ['[SYS/TEMP] is a server error', new Pop3Error('RETR', '[SYS/TEMP] Disk full', 'SYS/TEMP'), 'SERVER_ERROR'],
    ['IN-USE not as a leading response code', { responseText: 'Mailbox not [IN-USE] here' }, 'SERVER_ERROR'],
  ])('%s', (_label, error, expected) => {
    expect(classifyConnectionError(error, 'pop3').code).toBe(expected);
  });
});

describe('isTransientError', () => {
  const error = (code: ErrorCode): WireError => ({ code, message: '' });

  it.each<ErrorCode>(['CONNECTION_LOST', 'MAILBOX_IN_USE', 'CONNECTION_TIMEOUT', 'CONNECTION_REFUSED', 'HOST_NOT_FOUND', 'CACHE_UNAVAILABLE'])('%s is transient', (code) => {
    expect(isTransientError(error(code))).toBe(true);
  });

  it.each<ErrorCode>(['AUTH_FAILED', 'CERT_UNTRUSTED', 'TLS_MISMATCH', 'STARTTLS_UNAVAILABLE', 'SERVER_ERROR', 'INTERNAL'])('%s is not', (code) => {
    expect(isTransientError(error(code))).toBe(false);
  });
});
