import type { CustomAuthenticationContext, CustomAuthenticationResponse } from 'nodemailer/lib/smtp-connection';
import { ERROR_MESSAGES } from '../../../common/errors';
import { ProtocolError, refusedError } from '../protocol-error';
import { oauthErrorAcknowledgement, oauthInitialResponse, pickOAuthMechanism, type OAuthMechanism } from '../sasl-oauth';

/**
 * OAUTHBEARER (RFC 7628) when the EHLO reply names it, else XOAUTH2. A server whose EHLO named no
 * mechanisms at all (nodemailer still tries AUTH when it fell back to HELO) is tried with XOAUTH2,
 * the one every OAuth2 mail provider has, as before OAUTHBEARER was known here. One that names
 * others but neither of these cannot take a token: that is said plainly, and nothing is sent.
 */
export function smtpOAuthMechanism(offered: readonly string[], host: string): OAuthMechanism {
  if (offered.length === 0) return 'XOAUTH2';
  const mechanism = pickOAuthMechanism(offered);
  if (!mechanism) {
    throw refusedError('SERVER_ERROR', { kind: 'oauthNotOffered', service: 'smtp', host, offered }, { service: 'smtp' });
  }
  return mechanism;
}

/** RFC 4954 §4: 334 is a challenge, after an initial response the error one of RFC 7628 §3.2.2. */
const AUTH_CHALLENGE = 334;

/** RFC 4954 §6: 235; any 2xx is taken as success, as nodemailer does for its own mechanisms. */
function succeeded(reply: CustomAuthenticationResponse): boolean {
  return reply.status >= 200 && reply.status < 300;
}

/**
 * A 5xx (RFC 4954 §6: 535 "Authentication credentials invalid", and the like) refuses the token:
 * nodemailer's own code for a refused login, which the classification reads as AUTH_FAILED, so
 * that withLoginSecret refreshes the token and tries once more as with IMAP and POP3. A 4xx (454
 * "Temporary authentication failure"), or a line that is no reply at all, says nothing about the
 * token: the server's error, without a refresh.
 */
function failedAuth(reply: CustomAuthenticationResponse): Error {
  if (reply.status >= 500 && reply.status < 600) return Object.assign(new Error('The server refused the access token'), { code: 'EAUTH', response: reply.response });
  return new ProtocolError({ code: 'SERVER_ERROR', message: `SMTP: ${ERROR_MESSAGES.SERVER_ERROR} ${reply.response.slice(0, 200)}`, details: { service: 'smtp', serverResponse: reply.response.slice(0, 200) } });
}

export interface SmtpOAuthLogin {
  user: string;
  accessToken: string;
  /** The host and port connected to, which OAUTHBEARER names (RFC 7628 §3.1). */
  server: { host: string; port: number };
  /** The AUTH mechanisms of the connection's latest EHLO reply (EhloAuthWatcher). */
  offeredMechanisms: () => readonly string[];
}

/**
 * A nodemailer custom authentication handler for a bearer token: AUTH OAUTHBEARER or XOAUTH2
 * with the message as initial response (RFC 4954 §4). A refusal may come as a 334 challenge
 * holding a JSON status (RFC 7628 §3.2.2, and Google's XOAUTH2 alike): the client answers it
 * (^A, or an empty line for XOAUTH2) and the server then sends its 535. nodemailer masks what
 * follows "AUTH <mechanism>", and the whole answer, in its transaction log.
 */
export function smtpOAuthHandler(login: SmtpOAuthLogin): (ctx: CustomAuthenticationContext) => Promise<void> {
  return async (ctx) => {
    const mechanism = smtpOAuthMechanism(login.offeredMechanisms(), login.server.host);
    let reply = await ctx.sendCommand(`AUTH ${mechanism} ${oauthInitialResponse(mechanism, login.user, login.accessToken, login.server)}`);
    if (reply.status === AUTH_CHALLENGE) reply = await ctx.sendCommand(oauthErrorAcknowledgement(mechanism));
    if (!succeeded(reply)) throw failedAuth(reply);
  };
}
