import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors';
import type { WireError } from '../../common/result';
import { SERVICE_NAMES, type MailService } from '../../common/model/mode';
import { isUntrustedCertificateCode } from './tls/trust';

/** The facts an error may carry; imapflow, nodemailer and our POP3 session (`Pop3Error`) each set some. */
interface LibraryError {
  code?: unknown;
  /** nodemailer 10: the socket's own code (ECONNREFUSED, …) when `code` is its generic ESOCKET. */
  originalCode?: unknown;
  message?: unknown;
  authenticationFailed?: unknown;
  /** imapflow: the response code in brackets (RFC 5530), e.g. AUTHENTICATIONFAILED. */
  serverResponseCode?: unknown;
  /** imapflow, and Pop3Error: the server's words after OK/NO/BAD or -ERR. */
  responseText?: unknown;
  /** nodemailer: the SMTP reply line. */
  response?: unknown;
  /** imapflow: the failure it wrapped (a proxy or connect timeout, a response it could not process). */
  _err?: unknown;
  /** The standard wrapper (ES2022 `Error.cause`): the socket's error under a library's own. */
  cause?: unknown;
}

/** Turns whatever a protocol library threw into one of our error codes, with the server's words. */
export function classifyConnectionError(error: unknown, service: MailService): WireError {
  const e = (error ?? {}) as LibraryError;
  const inner = (e._err ?? e.cause ?? {}) as LibraryError;
  const code = typeof e.originalCode === 'string' ? e.originalCode : typeof e.code === 'string' ? e.code : typeof inner.code === 'string' ? inner.code : '';
  const message = String(e.message ?? error);
  const serverResponse = typeof e.responseText === 'string' ? e.responseText : typeof e.response === 'string' ? e.response : undefined;
  const make = (errorCode: ErrorCode, text?: string): WireError => ({
    code: errorCode,
    message: `${SERVICE_NAMES[service]}: ${text ?? ERROR_MESSAGES[errorCode]}`,
    details: { service, ...(serverResponse ? { serverResponse } : {}) },
  });

  if (e.authenticationFailed === true || e.serverResponseCode === 'AUTHENTICATIONFAILED' || code === 'EAUTH' || /\bauthentication failed\b|\[AUTH\]|invalid login/i.test(message)) {
    return make('AUTH_FAILED');
  }
  // RFC 2449 §8.1.1/8.1.2: another session holds the maildrop lock, or logins come too often.
  if (code === 'EINUSE' || /^\[(IN-USE|LOGIN-DELAY)\]/.test(serverResponse ?? '')) return make('MAILBOX_IN_USE');
  if (isUntrustedCertificateCode(code) || isUntrustedCertificateCode(typeof inner.code === 'string' ? inner.code : undefined)) return make('CERT_UNTRUSTED');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return make('HOST_NOT_FOUND');
  if (code === 'ECONNREFUSED') return make('CONNECTION_REFUSED');
  if (/does not support STARTTLS|STARTTLS is not possible/i.test(message) || (code === 'ETLS' && /STARTTLS/i.test(message))) return make('STARTTLS_UNAVAILABLE');
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long|unknown protocol/i.test(message) || code === 'EPROTO') {
    return make('TLS_MISMATCH');
  }
  if (/TIMEOUT|ETIMEDOUT|ETIMEOUT/.test(code) || /timed? ?out/i.test(message)) return make('CONNECTION_TIMEOUT');
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'NoConnection' || code === 'EConnectionClosed' || /connection (closed|lost)|socket hang up/i.test(message)) {
    return make('CONNECTION_LOST');
  }
  if (serverResponse) return make('SERVER_ERROR', `${ERROR_MESSAGES.SERVER_ERROR} ${serverResponse}`);
  return make('SERVER_ERROR', message);
}

/** Errors after which retrying the same thing later can succeed (the network, not the request). */
export function isTransientError(error: WireError): boolean {
  return error.code === 'CONNECTION_LOST' || error.code === 'MAILBOX_IN_USE' || error.code === 'CONNECTION_TIMEOUT' || error.code === 'CONNECTION_REFUSED' || error.code === 'HOST_NOT_FOUND' || error.code === 'CACHE_UNAVAILABLE';
}

/** imapflow's codes for a response its parser refused to read on, and for one that was far too large. */
const TOO_LARGE_CODES = new Set(['LineTooLarge', 'LiteralTooLarge', 'ResponseTooLarge', 'TooManyTokens']);
const UNREADABLE_CODES = /^(ParserError\w*|MAX_IMAP_NESTING_REACHED|ResponseProcessingFailed|UnexpectedTag)$/;

/**
 * Why a connection that was working ended: the server stopped answering mid-command
 * (SERVER_STALLED), sent a line or a block beyond the limits (RESPONSE_TOO_LARGE) or something
 * the parser cannot read (PROTOCOL_ERROR); anything else is a lost connection.
 */
export function classifyBrokenConnection(error: unknown, service: MailService): WireError {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  const make = (errorCode: ErrorCode): WireError => ({ code: errorCode, message: `${SERVICE_NAMES[service]}: ${ERROR_MESSAGES[errorCode]}`, details: { service } });
  if (typeof code !== 'string') return make('CONNECTION_LOST');
  if (TOO_LARGE_CODES.has(code)) return make('RESPONSE_TOO_LARGE');
  // imapflow's socketTimeout: no byte for that long while a command waited for its answer.
  if (code === 'ETIMEOUT') return make('SERVER_STALLED');
  if (UNREADABLE_CODES.test(code)) return make('PROTOCOL_ERROR');
  return make('CONNECTION_LOST');
}

/** Failures that say something about the server's answers, not about the network. */
export function isServerMisbehaviour(error: WireError): boolean {
  return error.code === 'SERVER_STALLED' || error.code === 'RESPONSE_TOO_LARGE' || error.code === 'PROTOCOL_ERROR';
}
