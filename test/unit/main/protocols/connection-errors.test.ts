import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '../../../../common/errors';
import type { WireError } from '../../../../common/result';
import { classifyConnectionError, isTransientError } from '../../../../main/protocols/connection-errors';

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
    ['self-signed, wrapped by node-pop3', { _err: { code: 'CERT_HAS_EXPIRED' } }, 'CERT_UNTRUSTED'],
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

describe('isTransientError', () => {
  const error = (code: ErrorCode): WireError => ({ code, message: '' });

  it.each<ErrorCode>(['CONNECTION_LOST', 'CONNECTION_TIMEOUT', 'CONNECTION_REFUSED', 'HOST_NOT_FOUND', 'CACHE_UNAVAILABLE'])('%s is transient', (code) => {
    expect(isTransientError(error(code))).toBe(true);
  });

  it.each<ErrorCode>(['AUTH_FAILED', 'CERT_UNTRUSTED', 'TLS_MISMATCH', 'STARTTLS_UNAVAILABLE', 'SERVER_ERROR', 'INTERNAL'])('%s is not', (code) => {
    expect(isTransientError(error(code))).toBe(false);
  });
});
