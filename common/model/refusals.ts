import { describeEndpoint, type Security, type ServerEndpoint } from './account';
import type { ErrorCode } from '../errors';
import { popStoreReasonEnglish, type NamedFolder, type PopStoreReason } from './mail';
import { SERVICE_NAMES, type MailService, type Mode } from './mode';
import { formatOctets } from './raw-source';
import { describeRetention } from './retention-words';

/**
 * What main refused or could not do, as a kind with its values: the window says it in its language
 * (renderer/i18n/refusal-words.ts), and main's English (`refusalEnglish`) stays the error's message
 * for logs, tests and anything that shows no window. Values are the user's own names (folders,
 * devices, hosts), sizes in octets and counts; `detail` is words main did not write (a library's
 * or a server's), shown as they are.
 */
export type Refusal =
  // Searching on the server (RFC 3501 §6.4.4).
  | { kind: 'searchTooManyTerms'; max: number; count: number }
  | { kind: 'searchNoSuchFolders'; folders: string[] }
  | { kind: 'searchConnectionLost'; folder: NamedFolder; cause: RefusalCause }
  | { kind: 'searchNotAskable'; detail: string }
  | { kind: 'searchBadCharset'; folder: NamedFolder }
  | { kind: 'searchRefused'; folder: NamedFolder; response: string | null }
  | { kind: 'popCannotSearch' }
  // Opening a message.
  | { kind: 'messageNotCached' }
  | { kind: 'messageLargerThanDownloaded'; limit: number }
  | { kind: 'messageBeingMoved' }
  | { kind: 'messageDeletedOnServer' }
  | { kind: 'downloadConnectionLost'; done: number; size: number }
  | { kind: 'folderRecreatedWhileDownloading' }
  | { kind: 'messageSizeChangedWhileDownloading'; from: number; to: number }
  | { kind: 'rangeFromElsewhere'; asked: number; origin: number }
  | { kind: 'rangeWrongLength'; sent: number; asked: number }
  | { kind: 'rangePastAnnounced'; max: number }
  | { kind: 'imapPartsTooLarge' }
  | { kind: 'notInPieces' }
  | { kind: 'partsUnreadable'; detail: string }
  // A POP device's own mail and folders.
  | { kind: 'noLocalFolder'; path: string }
  | { kind: 'badFolderName'; name: string; delimiter: string }
  | { kind: 'folderExists'; path: string }
  | { kind: 'standardFolderKeepsName'; folder: NamedFolder }
  | { kind: 'standardFolderStays'; folder: NamedFolder }
  | { kind: 'messageNoLongerHere' }
  | { kind: 'bodyNotStored' }
  | { kind: 'onlyHeaderServerGone' }
  | { kind: 'sourceNotStored' }
  | { kind: 'tooLargeToForward'; size: number }
  | { kind: 'popNotStored'; reason: PopStoreReason }
  | { kind: 'popCountsDisagree'; command: 'LIST' | 'UIDL'; stat: number; count: number }
  // Accounts and devices.
  | { kind: 'accountNotFound' }
  | { kind: 'accountRemovedWhileSigningIn' }
  | { kind: 'deviceNotFound' }
  | { kind: 'accountOrDeviceNotFound' }
  | { kind: 'deviceNameTaken'; name: string }
  | { kind: 'noServerYet'; mode: Mode }
  | { kind: 'noServerSetUp'; mode: Mode }
  | { kind: 'noUidlDeleteOnly' }
  | { kind: 'onlyDevice' }
  | { kind: 'imapSettingsOnly' }
  | { kind: 'retentionPopOnly' }
  | { kind: 'identityAddressesRepeat' }
  | { kind: 'identityIdsRepeat' }
  | { kind: 'addressSetUp'; address: string }
  | { kind: 'addressSetUpOnServer'; address: string; account: string }
  | { kind: 'accountClosed' }
  | { kind: 'notConnectedNow' }
  // Switching between POP and IMAP.
  | { kind: 'switchRunning' }
  | { kind: 'alreadyUses'; device: string; mode: Mode }
  | { kind: 'noImapToSwitchFrom' }
  | { kind: 'previewCancelled' }
  | { kind: 'switchUndone'; detail: string }
  | { kind: 'switchNeedsUidl' }
  | { kind: 'switchChangesPending' }
  // Sending and undoing.
  | { kind: 'identityGone' }
  | { kind: 'noRecipient' }
  | { kind: 'tooLargeForServer'; size: number; host: string; limit: number }
  | { kind: 'tooLateToUndo' }
  | { kind: 'dryRunPopOnly' }
  // Where a password or sign-in may go.
  | { kind: 'notAccountServer'; endpoint: RefusalEndpoint }
  | { kind: 'unencryptedSecret'; endpoint: RefusalEndpoint; secret: 'password' | 'signIn' }
  | { kind: 'secretNeverSent'; endpoint: RefusalEndpoint; secret: 'password' | 'signIn' }
  | { kind: 'oauthNoPassword' }
  | { kind: 'oauthOtherServer'; endpoint: RefusalEndpoint }
  | { kind: 'oauthNotOffered'; service: MailService; host: string; offered: readonly string[] | null }
  | { kind: 'controlCharacters'; what: 'user name' | 'access token' }
  // Signing in with a provider (OAuth2).
  | { kind: 'oauthNotGiven'; provider: string; failure: OAuthFailure }
  | { kind: 'oauthNoRenewal'; provider: string }
  | { kind: 'oauthNoLongerAccepted'; provider: string; failure: OAuthFailure }
  | { kind: 'oauthNotRenewed'; provider: string; failure: OAuthFailure }
  | { kind: 'oauthPageNotOpened'; provider: string; detail: string }
  | { kind: 'oauthNoHttpsPage'; provider: string; endpoint: string | null }
  | { kind: 'oauthBrowserTimedOut'; provider: string; minutes: number }
  | { kind: 'oauthStateMismatch' }
  | { kind: 'oauthAccessDenied'; provider: string; description: string | null }
  | { kind: 'oauthNotSignedIn'; provider: string; failure: OAuthFailure }
  | { kind: 'oauthCancelled' }
  | { kind: 'oauthNoSignInHeld' }
  | { kind: 'oauthGrantExpired' }
  | { kind: 'oauthUnknownProvider'; provider: string }
  | { kind: 'oauthNoClientId'; provider: string; file: string }
  | { kind: 'oauthSettingsUnread'; issuer: string; failure: OAuthFailure }
  | { kind: 'oauthOtherAddress'; signedInAs: string; address: string }
  | { kind: 'oauthOtherProvider'; provider: string }
  | { kind: 'oauthGrantOtherProvider'; grant: string; wanted: string };

export type RefusalKind = Refusal['kind'];

/** A server as a refusal names it. */
export interface RefusalEndpoint {
  host: string;
  port: number;
  security: Security;
}

/** Only what a refusal says of a server (not its user name or anything else the endpoint holds). */
export function refusalEndpoint(endpoint: Pick<ServerEndpoint, 'host' | 'port' | 'security'>): RefusalEndpoint {
  return { host: endpoint.host, port: endpoint.port, security: endpoint.security };
}

/** The error a refusal wraps: its code and main's words, and its own refusal when it has one. */
export interface RefusalCause {
  code: ErrorCode;
  message: string;
  refusal?: Refusal;
}

/** Why a provider did not answer as hoped (RFC 6749 §5.2 error codes are the provider's own). */
export type OAuthFailure =
  | { kind: 'answered'; error: string; description: string | null }
  | { kind: 'timedOut'; seconds: number }
  | { kind: 'other'; detail: string };


export function oauthFailureEnglish(failure: OAuthFailure): string {
  switch (failure.kind) {
    case 'answered':
      return `the provider answered “${failure.error}”${failure.description ? ` (${failure.description})` : ''}.`;
    case 'timedOut':
      return `the provider did not answer within ${failure.seconds === 1 ? '1 second' : `${failure.seconds} seconds`}.`;
    case 'other':
      return `${failure.detail}.`;
  }
}

/** Main's English for a refusal: the error's message. */
export function refusalEnglish(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'searchTooManyTerms':
      return `The server is searched for at most ${refusal.max} words and operators at once; this search has ${refusal.count}. Only mail on this computer was searched.`;
    case 'searchNoSuchFolders':
      return `This account has no folder ${refusal.folders.map((p) => `“${p}”`).join(', ')} on the server (it may have been deleted or renamed).`;
    case 'searchConnectionLost':
      return `The connection to the server was lost while searching ${refusal.folder.name}, so the server’s search stopped; only mail on this computer was searched. ${refusal.cause.message}`;
    case 'searchNotAskable':
      return `The server cannot be asked this search: ${refusal.detail}.`;
    case 'searchBadCharset':
      return `The server cannot search ${refusal.folder.name} for text in UTF-8 (it answered BADCHARSET), so words with letters beyond English were not searched there. Only mail on this computer was searched.`;
    case 'searchRefused':
      return `The server refused to search ${refusal.folder.name}${refusal.response ? ` (${refusal.response})` : ''}. Only mail on this computer was searched.`;
    case 'popCannotSearch':
      return 'A POP server cannot search: every message is searched on this computer.';
    case 'messageNotCached':
      return 'This message is no longer in the cache.';
    case 'messageLargerThanDownloaded':
      return `This message is larger than the ${formatOctets(refusal.limit)} Porthole downloads; only its headers are shown.`;
    case 'messageBeingMoved':
      return 'This message is being moved; it can be opened once the server confirms the move.';
    case 'messageDeletedOnServer':
      return 'This message was deleted on the server.';
    case 'downloadConnectionLost':
      return `IMAP: the connection was lost while downloading this message (${formatOctets(refusal.done)} of ${formatOctets(refusal.size)}) and did not come back; nothing was kept. Open it again once connected.`;
    case 'folderRecreatedWhileDownloading':
      return 'The folder was recreated on the server while this message was being downloaded; nothing was kept. Open it again.';
    case 'messageSizeChangedWhileDownloading':
      return `The message changed on the server while it was being downloaded (its size went from ${formatOctets(refusal.from)} to ${formatOctets(refusal.to)}); nothing was kept. Open it again.`;
    case 'rangeFromElsewhere':
      return `The server answered a request for the message from octet ${refusal.asked} with its part from octet ${refusal.origin}; nothing was kept.`;
    case 'rangeWrongLength':
      return `The server sent ${formatOctets(refusal.sent)} when ${formatOctets(refusal.asked)} of the message were asked for; nothing was kept.`;
    case 'rangePastAnnounced':
      return `The server kept sending this message past ${formatOctets(refusal.max)}, more than it announced; the download was stopped.`;
    case 'imapPartsTooLarge':
      return 'Over IMAP, a message this large stays on the server: only its headers are here, so its parts cannot be read on this computer.';
    case 'notInPieces':
      return 'This message is not kept in pieces: its text and attachments are shown already.';
    case 'partsUnreadable':
      return `The parts of this message could not be read: ${refusal.detail}`;
    case 'noLocalFolder':
      return `There is no local folder “${refusal.path}”.`;
    case 'badFolderName':
      return `“${refusal.name}” cannot be a folder name (no “${refusal.delimiter}”).`;
    case 'folderExists':
      return `A folder “${refusal.path}” already exists.`;
    case 'standardFolderKeepsName':
      return `${refusal.folder.name} is a standard folder and keeps its name.`;
    case 'standardFolderStays':
      return `${refusal.folder.name} is a standard folder and cannot be deleted.`;
    case 'messageNoLongerHere':
      return 'This message is no longer here.';
    case 'bodyNotStored':
      return 'The body of this message is not stored here.';
    case 'onlyHeaderServerGone':
      return 'Only the header of this message was downloaded, and the server no longer has the message.';
    case 'sourceNotStored':
      return 'The source of this message is not stored here.';
    case 'tooLargeToForward':
      return `This message (${formatOctets(refusal.size)}) is larger than Porthole reads whole, so it cannot be forwarded with its attachments from here. Save it as an .eml file instead.`;
    case 'popNotStored':
      return `The message could not be stored here: ${popStoreReasonEnglish(refusal.reason)}.`;
    case 'popCountsDisagree':
      return `POP3: the server’s STAT (${refusal.stat}) and ${refusal.command} (${refusal.count}) disagree; nothing was changed.`;
    case 'accountNotFound':
      return 'That account does not exist.';
    case 'accountRemovedWhileSigningIn':
      return 'That account was removed while signing in.';
    case 'deviceNotFound':
      return 'That device does not exist.';
    case 'accountOrDeviceNotFound':
      return 'That account or device does not exist.';
    case 'deviceNameTaken':
      return `This account already has a device called “${refusal.name}”.`;
    case 'noServerYet':
      return `This account has no ${SERVICE_NAMES[refusal.mode]} server yet: give its address, port and security.`;
    case 'noServerSetUp':
      return `This account has no ${SERVICE_NAMES[refusal.mode]} server set up yet.`;
    case 'noUidlDeleteOnly':
      return `This server has no UIDL: only “${describeRetention({ kind: 'delete-after-download' }).title}” works with it.`;
    case 'onlyDevice':
      return 'This is the account’s only device: remove the account instead.';
    case 'imapSettingsOnly':
      return 'These settings are for IMAP devices: a POP device downloads everything from the inbox.';
    case 'retentionPopOnly':
      return 'Retention settings are for POP accounts: on IMAP the server keeps everything.';
    case 'identityAddressesRepeat':
      return 'Each identity needs an address of its own.';
    case 'identityIdsRepeat':
      return 'Two identities have the same id.';
    case 'addressSetUp':
      return `${refusal.address} is already set up on this computer.`;
    case 'addressSetUpOnServer':
      return `${refusal.address} on that server is already set up on this computer (“${refusal.account}”).`;
    case 'accountClosed':
      return 'The account was closed.';
    case 'notConnectedNow':
      return 'IMAP: not connected to the server right now.';
    case 'switchRunning':
      return 'A switch of this device is already running.';
    case 'alreadyUses':
      return `${refusal.device} already uses ${SERVICE_NAMES[refusal.mode]}.`;
    case 'noImapToSwitchFrom':
      return 'This device has no IMAP server to switch from.';
    case 'previewCancelled':
      return 'The preview was cancelled; nothing was changed.';
    case 'switchUndone':
      return `The switch was undone: ${refusal.detail}`;
    case 'switchNeedsUidl':
      return 'This server has no UIDL, so a POP device could not tell these messages are already here. Switching to POP is not possible with it.';
    case 'switchChangesPending':
      return 'Some changes made here have not reached the server yet. Switch once they are sent (the device must be online).';
    case 'identityGone':
      return 'The address this message is written from is no longer one of the account’s identities: choose another in From.';
    case 'noRecipient':
      return 'Add at least one recipient.';
    case 'tooLargeForServer':
      return `This message is ${formatOctets(refusal.size)} as sent; ${refusal.host} takes at most ${formatOctets(refusal.limit)}. Remove an attachment, or share a link to the file instead.`;
    case 'tooLateToUndo':
      return 'Too late to undo: the message has been sent.';
    case 'dryRunPopOnly':
      return 'A dry run is for POP devices: IMAP changes nothing on its own.';
    case 'notAccountServer':
      return `${describeEndpoint(refusal.endpoint)} is not one of this account’s servers, so Porthole did not send it the stored password. Type the password for that server to use it.`;
    case 'unencryptedSecret':
      return refusal.secret === 'password'
        ? `${describeEndpoint(refusal.endpoint)}: the password would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.`
        : `${describeEndpoint(refusal.endpoint)}: your sign-in would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.`;
    case 'secretNeverSent':
      return refusal.secret === 'password'
        ? `Your saved password has never been sent to ${describeEndpoint(refusal.endpoint)}, so Porthole did not send it there. Type the password again, or confirm that your saved password may go to ${refusal.endpoint.host}.`
        : `Your saved sign-in has never been sent to ${describeEndpoint(refusal.endpoint)}, so Porthole did not send it there. Confirm that your sign-in may go to ${refusal.endpoint.host}.`;
    case 'oauthNoPassword':
      return 'This account signs in with its provider (OAuth2), not with a password: leave the password empty, and Porthole uses that sign-in for this server.';
    case 'oauthOtherServer':
      return `An OAuth2 account can only use its provider’s servers: ${describeEndpoint(refusal.endpoint)} is not one of this account’s servers nor one Porthole knows for its provider, so Porthole did not send it your sign-in.`;
    case 'oauthNotOffered':
      return refusal.service === 'imap'
        ? `IMAP: ${refusal.host} does not offer OAuth2 sign-in (AUTH=OAUTHBEARER or AUTH=XOAUTH2).`
        : `${SERVICE_NAMES[refusal.service]}: ${refusal.host} does not offer OAuth2 sign-in (SASL OAUTHBEARER or XOAUTH2), only ${(refusal.offered ?? []).join(', ')}.`;
    case 'controlCharacters':
      return `The ${refusal.what} contains control characters, which an OAuth2 login cannot carry.`;
    case 'oauthNotGiven':
      return `${refusal.provider} did not give Porthole the sign-in: ${oauthFailureEnglish(refusal.failure)}`;
    case 'oauthNoRenewal':
      return `${refusal.provider} gave Porthole no way to renew this sign-in; sign in again.`;
    case 'oauthNoLongerAccepted':
      return `${refusal.provider} no longer accepts this account’s sign-in (${oauthFailureEnglish(refusal.failure)}) Sign in again; nothing waiting to be sent or synced is lost.`;
    case 'oauthNotRenewed':
      return `Porthole could not renew the sign-in with ${refusal.provider}: ${oauthFailureEnglish(refusal.failure)}`;
    case 'oauthPageNotOpened':
      return `Porthole could not open ${refusal.provider}’s sign-in page: ${refusal.detail}`;
    case 'oauthNoHttpsPage':
      return `${refusal.provider} names no HTTPS sign-in page (${refusal.endpoint ?? 'none'}), so Porthole does not open it.`;
    case 'oauthBrowserTimedOut':
      return `The browser did not come back from ${refusal.provider}’s sign-in page within ${refusal.minutes === 1 ? '1 minute' : refusal.minutes > 0 ? `${refusal.minutes} minutes` : 'the time allowed'}. Try again.`;
    case 'oauthStateMismatch':
      return 'The browser came back with a sign-in this window did not start (its state does not match), so Porthole ignored it and saved nothing. Sign in again.';
    case 'oauthAccessDenied':
      return `${refusal.provider} did not allow Porthole to read mail (access_denied${refusal.description ? `: ${refusal.description}` : ''}). Nothing was saved.`;
    case 'oauthNotSignedIn':
      return `${refusal.provider} did not sign you in: ${oauthFailureEnglish(refusal.failure)}`;
    case 'oauthCancelled':
      return 'Sign-in was cancelled; nothing was saved.';
    case 'oauthNoSignInHeld':
      return 'Porthole holds no sign-in for this account. Sign in again; nothing waiting to be sent or synced is lost.';
    case 'oauthGrantExpired':
      return 'That sign-in is no longer waiting (it ends 15 minutes after signing in, or when Porthole restarts). Sign in again.';
    case 'oauthUnknownProvider':
      return `Porthole knows no OAuth2 provider "${refusal.provider}".`;
    case 'oauthNoClientId':
      return `This copy of Porthole has no OAuth2 client id for ${refusal.provider}, so it cannot sign in there. Whoever built it must put one in ${refusal.file} (README, “OAuth2 client ids”).`;
    case 'oauthSettingsUnread':
      return `Porthole could not read the sign-in settings of ${refusal.issuer}: ${oauthFailureEnglish(refusal.failure)}`;
    case 'oauthOtherAddress':
      return `You signed in as ${refusal.signedInAs}, but this account is ${refusal.address}. Nothing was changed; sign in again as ${refusal.address}.`;
    case 'oauthOtherProvider':
      return `This account does not sign in with ${refusal.provider}.`;
    case 'oauthGrantOtherProvider':
      return `That sign-in was with ${refusal.grant}, not ${refusal.wanted}.`;
  }
}
