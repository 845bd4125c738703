import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import { AFTER_CONNECTED_MESSAGES, ERROR_MESSAGES, notConnectedMessage, ONLINE_TASKS, type ErrorCode, type OnlineTask } from '../../common/errors';
import { NO_UIDL_EXPLANATION } from '../../common/model/retention-words';
import type { WireError } from '../../common/result';
import { intl } from './intl';
import { refusalText } from './refusal-words';
import { noUidlText } from './retention-words';

/** The words for each error code, as common/errors.ts has them in English (a test keeps the two equal). */
export const ERROR_WORDS: Record<ErrorCode, MessageDescriptor> = defineMessages({
  AUTH_FAILED: { id: 'errors.authFailed', defaultMessage: 'The server refused the user name or password.' },
  HOST_NOT_FOUND: { id: 'errors.hostNotFound', defaultMessage: 'The server name could not be found. Check the host name.' },
  CONNECTION_REFUSED: { id: 'errors.connectionRefused', defaultMessage: 'The server refused the connection on that port. Check the port number.' },
  CONNECTION_TIMEOUT: { id: 'errors.connectionTimeout', defaultMessage: 'The server did not answer in time. Check the host, the port and your network.' },
  TLS_MISMATCH: { id: 'errors.tlsMismatch', defaultMessage: 'The security setting does not match what the server speaks on that port (TLS, STARTTLS or none).' },
  STARTTLS_UNAVAILABLE: { id: 'errors.starttlsUnavailable', defaultMessage: 'The server does not offer STARTTLS on that port.' },
  CERT_UNTRUSTED: { id: 'errors.certUntrusted', defaultMessage: 'The server presented a certificate this computer does not trust.' },
  CONNECTION_LOST: { id: 'errors.connectionLost', defaultMessage: 'The connection to the server was lost.' },
  MAILBOX_IN_USE: { id: 'errors.mailboxInUse', defaultMessage: 'The server says the mailbox is in use (another program may be checking it, or an old session has not ended yet).' },
  SERVER_ERROR: { id: 'errors.serverError', defaultMessage: 'The server answered with an error.' },
  PROTOCOL_ERROR: { id: 'errors.protocolError', defaultMessage: 'The server sent something this client could not understand.' },
  SERVER_STALLED: { id: 'errors.serverStalled', defaultMessage: 'The server stopped answering in the middle of a response.' },
  RESPONSE_TOO_LARGE: { id: 'errors.responseTooLarge', defaultMessage: 'The server sent a line or a block far larger than any mail server sends; the connection was closed.' },
  MESSAGE_TOO_LARGE: { id: 'errors.messageTooLarge', defaultMessage: 'The message is larger than Porthole shows; its headers and raw source are kept.' },
  HOST_NOT_CONFIRMED: { id: 'errors.hostNotConfirmed', defaultMessage: 'That server is not one this account’s password was confirmed for: type the password for it.' },
  REMOTE_REFUSED: { id: 'errors.remoteRefused', defaultMessage: 'The remote content was refused (not an image, too large, or on a private network address).' },
  NOT_FOUND: { id: 'errors.notFound', defaultMessage: 'That item no longer exists.' },
  INVALID_ARGUMENT: { id: 'errors.invalidArgument', defaultMessage: 'The request was not valid.' },
  ACCOUNT_EXISTS: { id: 'errors.accountExists', defaultMessage: 'An account with this address and server already exists.' },
  CACHE_UNAVAILABLE: { id: 'errors.cacheUnavailable', defaultMessage: 'The local mail cache is not available.' },
  CACHE_TIMEOUT: { id: 'errors.cacheTimeout', defaultMessage: 'The local mail cache did not answer in time; the change was not saved.' },
  SEND_FAILED: { id: 'errors.sendFailed', defaultMessage: 'The message could not be sent.' },
  WEAK_SECRET_STORAGE: { id: 'errors.weakSecretStorage', defaultMessage: 'This computer has no keyring to protect passwords; confirm that Porthole may store them with a fixed key.' },
  OAUTH_NOT_CONFIGURED: { id: 'errors.oauthNotConfigured', defaultMessage: 'This copy of Porthole is not set up to sign in with that provider, so its sign-in page cannot be used here.' },
  OAUTH_FAILED: { id: 'errors.oauthFailed', defaultMessage: 'Signing in with the provider did not finish.' },
  OAUTH_CANCELLED: { id: 'errors.oauthCancelled', defaultMessage: 'Sign-in was cancelled.' },
  OAUTH_SIGN_IN_AGAIN: { id: 'errors.oauthSignInAgain', defaultMessage: 'The provider no longer accepts this account’s sign-in. Sign in again; nothing waiting to be sent or synced is lost.' },
  UNDO_EXPIRED: { id: 'errors.undoExpired', defaultMessage: 'That change can no longer be undone: it is too old, or the messages changed since.' },
  INTERNAL: { id: 'errors.internal', defaultMessage: 'Something went wrong inside Porthole.' },
});

/** The words for a refused or unanswered connection after the device had connected in this run. */
export const AFTER_CONNECTED_WORDS: Partial<Record<ErrorCode, MessageDescriptor>> = defineMessages({
  CONNECTION_REFUSED: { id: 'errors.afterConnected.connectionRefused', defaultMessage: 'The server stopped accepting connections; it may be down or restarting.' },
  CONNECTION_TIMEOUT: { id: 'errors.afterConnected.connectionTimeout', defaultMessage: 'The server stopped answering; it or the network may be down.' },
});

/** Work refused offline (main's notConnectedMessage), as common/errors.ts has it in English (a test keeps the two equal). */
export const NOT_CONNECTED_WORDS: Record<OnlineTask, MessageDescriptor> = defineMessages({
  downloadMessage: { id: 'errors.notConnected.downloadMessage', defaultMessage: 'not connected to the server, so downloading this message is not possible right now.' },
  createFolder: { id: 'errors.notConnected.createFolder', defaultMessage: 'not connected to the server, so creating a folder is not possible right now.' },
  renameFolder: { id: 'errors.notConnected.renameFolder', defaultMessage: 'not connected to the server, so renaming a folder is not possible right now.' },
  deleteFolder: { id: 'errors.notConnected.deleteFolder', defaultMessage: 'not connected to the server, so deleting a folder is not possible right now.' },
  searchServer: { id: 'errors.notConnected.searchServer', defaultMessage: 'not connected to the server, so searching on the server is not possible right now.' },
});

/**
 * A message that is a code's general words (or their after-connected form), in the language shown;
 * else null. `code`: that code's words only; without it, any code's (words quoted inside others).
 */
function generalWords(message: string, words: IntlShape, only?: ErrorCode): string | null {
  for (const code of only ? [only] : (Object.keys(ERROR_MESSAGES) as ErrorCode[])) {
    if (message === ERROR_MESSAGES[code]) return words.formatMessage(ERROR_WORDS[code]);
    const afterConnected = AFTER_CONNECTED_WORDS[code];
    if (afterConnected && message === AFTER_CONNECTED_MESSAGES[code]) return words.formatMessage(afterConnected);
  }
  return null;
}

/** Work refused offline, with the connection's own error after it (in the language shown where it is general). */
function notConnectedText(message: string, words: IntlShape): string | null {
  for (const task of Object.keys(ONLINE_TASKS) as OnlineTask[]) {
    const english = notConnectedMessage(task, null);
    if (message !== english && !message.startsWith(`${english} `)) continue;
    const why = message.slice(english.length).trim().replace(/^(IMAP|POP3|SMTP): /, '');
    const said = words.formatMessage(NOT_CONNECTED_WORDS[task]);
    return why ? `${said} ${generalWords(why, words) ?? why}` : said;
  }
  return null;
}

/**
 * An error from main in the language shown. Main words its errors in English (a stable code and
 * words); where its words are the code's general ones (common/errors.ts), the renderer says them in
 * the language shown. Words main made for the one case (a server's answer, a file name, a count)
 * stay as main wrote them, unless main sent them as a refusal with values (common/model/refusals.ts). `words`: a component's
 * own layer (useIntl), or the one of the language shown now.
 */
export function errorText(error: Pick<WireError, 'code' | 'message' | 'refusal'>, words: IntlShape = intl()): string {
  // A refusal main sent as values is said whole; its English is the message.
  const refused = error.refusal ? refusalText(error.refusal, words, (cause) => errorText(cause, words)) : null;
  if (refused !== null) return refused;
  // "IMAP: …", "SMTP: …": main names the server the words are about; the name stays, the words are said.
  const service = /^(IMAP|POP3|SMTP): (.*)$/s.exec(error.message);
  if (service) return `${service[1]}: ${errorText({ code: error.code, message: service[2]! }, words)}`;
  // A POP server without UIDL: main explains it with the retention choice it allows, which the renderer names in the language shown.
  if (error.message === NO_UIDL_EXPLANATION) return noUidlText(words);
  const notConnected = notConnectedText(error.message, words);
  if (notConnected) return notConnected;
  return generalWords(error.message, words, error.code) ?? error.message;
}
