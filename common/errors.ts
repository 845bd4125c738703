/**
 * Every error code that crosses from main to the renderer, with the words shown when nothing more
 * specific is known. One map, so the UI and the tests agree on what each code means.
 */
export const ERROR_MESSAGES = {
  AUTH_FAILED: 'The server refused the user name or password.',
  HOST_NOT_FOUND: 'The server name could not be found. Check the host name.',
  CONNECTION_REFUSED: 'The server refused the connection on that port. Check the port number.',
  CONNECTION_TIMEOUT: 'The server did not answer in time. Check the host, the port and your network.',
  TLS_MISMATCH: 'The security setting does not match what the server speaks on that port (TLS, STARTTLS or none).',
  STARTTLS_UNAVAILABLE: 'The server does not offer STARTTLS on that port.',
  CERT_UNTRUSTED: 'The server presented a certificate this computer does not trust.',
  CONNECTION_LOST: 'The connection to the server was lost.',
  MAILBOX_IN_USE: 'The server says the mailbox is in use (another program may be checking it, or an old session has not ended yet).',
  SERVER_ERROR: 'The server answered with an error.',
  PROTOCOL_ERROR: 'The server sent something this client could not understand.',
  SERVER_STALLED: 'The server stopped answering in the middle of a response.',
  RESPONSE_TOO_LARGE: 'The server sent a line or a block far larger than any mail server sends; the connection was closed.',
  MESSAGE_TOO_LARGE: 'The message is larger than Porthole shows; its headers and raw source are kept.',
  HOST_NOT_CONFIRMED: 'That server is not one this account’s password was confirmed for: type the password for it.',
  REMOTE_REFUSED: 'The remote content was refused (not an image, too large, or on a private network address).',
  NOT_FOUND: 'That item no longer exists.',
  INVALID_ARGUMENT: 'The request was not valid.',
  ACCOUNT_EXISTS: 'An account with this address and server already exists.',
  CACHE_UNAVAILABLE: 'The local mail cache is not available.',
  CACHE_TIMEOUT: 'The local mail cache did not answer in time; the change was not saved.',
  SEND_FAILED: 'The message could not be sent.',
  WEAK_SECRET_STORAGE: 'This computer has no keyring to protect passwords; confirm that Porthole may store them with a fixed key.',
  OAUTH_NOT_CONFIGURED: 'This copy of Porthole is not set up to sign in with that provider, so its sign-in page cannot be used here.',
  OAUTH_FAILED: 'Signing in with the provider did not finish.',
  OAUTH_CANCELLED: 'Sign-in was cancelled.',
  OAUTH_SIGN_IN_AGAIN: 'The provider no longer accepts this account’s sign-in. Sign in again; nothing waiting to be sent or synced is lost.',
  UNDO_EXPIRED: 'That change can no longer be undone: it is too old, or the messages changed since.',
  INTERNAL: 'Something went wrong inside Porthole.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * What a refused or unanswered connection means once the device had already connected in this
 * run: the settings were right, so the server (or the way to it) went away; Porthole keeps
 * retrying. Said instead of the configuration hint of ERROR_MESSAGES.
 */
export const AFTER_CONNECTED_MESSAGES: Partial<Record<ErrorCode, string>> = {
  CONNECTION_REFUSED: 'The server stopped accepting connections; it may be down or restarting.',
  CONNECTION_TIMEOUT: 'The server stopped answering; it or the network may be down.',
};

/**
 * Work that needs the server at once (it is not queued like a flag change): what main calls it
 * when it refuses it offline (`notConnectedMessage`), which the window says in its language.
 */
export const ONLINE_TASKS = {
  downloadMessage: 'downloading this message',
  createFolder: 'creating a folder',
  renameFolder: 'renaming a folder',
  deleteFolder: 'deleting a folder',
  searchServer: 'searching on the server',
} as const;

export type OnlineTask = keyof typeof ONLINE_TASKS;

/** Main's English for a task refused offline; `why`: the connection's own error, when it failed. */
export function notConnectedMessage(task: OnlineTask, why: string | null): string {
  return `not connected to the server, so ${ONLINE_TASKS[task]} is not possible right now.${why ? ` ${why}` : ''}`;
}
