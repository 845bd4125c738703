import type { IntlShape } from 'react-intl';
import { SERVICE_NAMES } from '../../common/model/mode';
import type { OAuthFailure, Refusal, RefusalCause, RefusalEndpoint } from '../../common/model/refusals';
import { endpointText } from './endpoints';
import { folderName } from './folder-names';
import { intl as currentIntl } from './intl';
import { popStoreReasonText } from './problem-words';
import { retentionTitle } from './retention-words';
import { sizeText } from './sizes';

/** A name the user gave (a folder, a device), quoted in the language shown. */
function quoted(name: string, intl: IntlShape): string {
  return intl.formatMessage({ id: 'refusals.quoted', defaultMessage: '“{name}”' }, { name });
}

function endpoint(value: RefusalEndpoint, intl: IntlShape): string {
  return endpointText(value, intl);
}

/** Why a provider did not answer as hoped; its own error code and description stay as it sent them. */
export function oauthFailureText(failure: OAuthFailure, intl: IntlShape = currentIntl()): string {
  switch (failure.kind) {
    case 'answered':
      return failure.description
        ? intl.formatMessage({ id: 'refusals.oauthFailure.answeredWithDescription', defaultMessage: 'the provider answered “{error}” ({description}).' }, { error: failure.error, description: failure.description })
        : intl.formatMessage({ id: 'refusals.oauthFailure.answered', defaultMessage: 'the provider answered “{error}”.' }, { error: failure.error });
    case 'timedOut':
      return intl.formatMessage(
        { id: 'refusals.oauthFailure.timedOut', defaultMessage: 'the provider did not answer within {seconds, plural, one {# second} other {# seconds}}.' },
        { seconds: failure.seconds },
      );
    case 'other':
      return `${failure.detail}.`;
    default: {
      const unknown: never = failure;
      return JSON.stringify(unknown);
    }
  }
}

/**
 * What main refused, in the language shown; null for a kind this window does not know (a newer
 * main), which then shows main's English. Names, hosts and a server's or library's own words
 * (`detail`) stay as they are. `intl`: a component's own layer, or the one of the language shown now.
 */
export function refusalText(refusal: Refusal, intl: IntlShape = currentIntl(), sayCause: (cause: RefusalCause) => string = (cause) => (cause.refusal && refusalText(cause.refusal, intl)) ?? cause.message): string | null {
  switch (refusal.kind) {
    case 'searchTooManyTerms':
      return intl.formatMessage({ id: 'refusals.searchTooManyTerms', defaultMessage: 'The server is searched for at most {max} words and operators at once; this search has {count}. Only mail on this computer was searched.' }, { max: String(refusal.max), count: String(refusal.count) },
      );
    case 'searchNoSuchFolders':
      return intl.formatMessage({ id: 'refusals.searchNoSuchFolders', defaultMessage: 'This account has no folder {folders} on the server (it may have been deleted or renamed).' }, {
        folders: refusal.folders.map((folder) => quoted(folder, intl)).join(', '),
      });
    case 'searchConnectionLost': {
      const cause = sayCause(refusal.cause);
      return intl.formatMessage({ id: 'refusals.searchConnectionLost', defaultMessage: 'The connection to the server was lost while searching {folder}, so the server’s search stopped; only mail on this computer was searched. {cause}' }, { folder: folderName(refusal.folder, intl), cause },
      );
    }
    case 'searchNotAskable':
      return intl.formatMessage({ id: 'refusals.searchNotAskable', defaultMessage: 'The server cannot be asked this search: {detail}.' }, { detail: refusal.detail });
    case 'searchBadCharset':
      return intl.formatMessage({ id: 'refusals.searchBadCharset', defaultMessage: 'The server cannot search {folder} for text in UTF-8 (it answered BADCHARSET), so words with letters beyond English were not searched there. Only mail on this computer was searched.' }, { folder: folderName(refusal.folder, intl) },
      );
    case 'searchRefused':
      return refusal.response
        ? intl.formatMessage({ id: 'refusals.searchRefusedWith', defaultMessage: 'The server refused to search {folder} ({response}). Only mail on this computer was searched.' }, { folder: folderName(refusal.folder, intl), response: refusal.response })
        : intl.formatMessage({ id: 'refusals.searchRefused', defaultMessage: 'The server refused to search {folder}. Only mail on this computer was searched.' }, { folder: folderName(refusal.folder, intl) });
    case 'popCannotSearch':
      return intl.formatMessage({ id: 'refusals.popCannotSearch', defaultMessage: 'A POP server cannot search: every message is searched on this computer.' });
    case 'messageNotCached':
      return intl.formatMessage({ id: 'refusals.messageNotCached', defaultMessage: 'This message is no longer in the cache.' });
    case 'messageLargerThanDownloaded':
      return intl.formatMessage({ id: 'refusals.messageLargerThanDownloaded', defaultMessage: 'This message is larger than the {limit} Porthole downloads; only its headers are shown.' }, { limit: sizeText(refusal.limit, intl) });
    case 'messageBeingMoved':
      return intl.formatMessage({ id: 'refusals.messageBeingMoved', defaultMessage: 'This message is being moved; it can be opened once the server confirms the move.' });
    case 'messageDeletedOnServer':
      return intl.formatMessage({ id: 'refusals.messageDeletedOnServer', defaultMessage: 'This message was deleted on the server.' });
    case 'downloadConnectionLost':
      return intl.formatMessage({ id: 'refusals.downloadConnectionLost', defaultMessage: 'IMAP: the connection was lost while downloading this message ({done} of {size}) and did not come back; nothing was kept. Open it again once connected.' }, { done: sizeText(refusal.done, intl), size: sizeText(refusal.size, intl) },
      );
    case 'folderRecreatedWhileDownloading':
      return intl.formatMessage({ id: 'refusals.folderRecreatedWhileDownloading', defaultMessage: 'The folder was recreated on the server while this message was being downloaded; nothing was kept. Open it again.' });
    case 'messageSizeChangedWhileDownloading':
      return intl.formatMessage({ id: 'refusals.messageSizeChangedWhileDownloading', defaultMessage: 'The message changed on the server while it was being downloaded (its size went from {from} to {to}); nothing was kept. Open it again.' }, { from: sizeText(refusal.from, intl), to: sizeText(refusal.to, intl) });
    case 'rangeFromElsewhere':
      return intl.formatMessage({ id: 'refusals.rangeFromElsewhere', defaultMessage: 'The server answered a request for the message from octet {asked} with its part from octet {origin}; nothing was kept.' }, {
        asked: String(refusal.asked),
        origin: String(refusal.origin),
      });
    case 'rangeWrongLength':
      return intl.formatMessage({ id: 'refusals.rangeWrongLength', defaultMessage: 'The server sent {sent} when {asked} of the message were asked for; nothing was kept.' }, {
        sent: sizeText(refusal.sent, intl),
        asked: sizeText(refusal.asked, intl),
      });
    case 'rangePastAnnounced':
      return intl.formatMessage({ id: 'refusals.rangePastAnnounced', defaultMessage: 'The server kept sending this message past {max}, more than it announced; the download was stopped.' }, { max: sizeText(refusal.max, intl) });
    case 'imapPartsTooLarge':
      return intl.formatMessage({ id: 'refusals.imapPartsTooLarge', defaultMessage: 'Over IMAP, a message this large stays on the server: only its headers are here, so its parts cannot be read on this computer.' });
    case 'notInPieces':
      return intl.formatMessage({ id: 'refusals.notInPieces', defaultMessage: 'This message is not kept in pieces: its text and attachments are shown already.' });
    case 'partsUnreadable':
      return intl.formatMessage({ id: 'refusals.partsUnreadable', defaultMessage: 'The parts of this message could not be read: {detail}' }, { detail: refusal.detail });
    case 'noLocalFolder':
      return intl.formatMessage({ id: 'refusals.noLocalFolder', defaultMessage: 'There is no local folder {folder}.' }, { folder: quoted(refusal.path, intl) });
    case 'badFolderName':
      return intl.formatMessage({ id: 'refusals.badFolderName', defaultMessage: '{name} cannot be a folder name (no {delimiter}).' }, { name: quoted(refusal.name, intl), delimiter: quoted(refusal.delimiter, intl) });
    case 'folderExists':
      return intl.formatMessage({ id: 'refusals.folderExists', defaultMessage: 'A folder {folder} already exists.' }, { folder: quoted(refusal.path, intl) });
    case 'standardFolderKeepsName':
      return intl.formatMessage({ id: 'refusals.standardFolderKeepsName', defaultMessage: '{folder} is a standard folder and keeps its name.' }, { folder: folderName(refusal.folder, intl) });
    case 'standardFolderStays':
      return intl.formatMessage({ id: 'refusals.standardFolderStays', defaultMessage: '{folder} is a standard folder and cannot be deleted.' }, { folder: folderName(refusal.folder, intl) });
    case 'messageNoLongerHere':
      return intl.formatMessage({ id: 'refusals.messageNoLongerHere', defaultMessage: 'This message is no longer here.' });
    case 'bodyNotStored':
      return intl.formatMessage({ id: 'refusals.bodyNotStored', defaultMessage: 'The body of this message is not stored here.' });
    case 'onlyHeaderServerGone':
      return intl.formatMessage({ id: 'refusals.onlyHeaderServerGone', defaultMessage: 'Only the header of this message was downloaded, and the server no longer has the message.' });
    case 'sourceNotStored':
      return intl.formatMessage({ id: 'refusals.sourceNotStored', defaultMessage: 'The source of this message is not stored here.' });
    case 'tooLargeToForward':
      return intl.formatMessage({ id: 'refusals.tooLargeToForward', defaultMessage: 'This message ({size}) is larger than Porthole reads whole, so it cannot be forwarded with its attachments from here. Save it as an .eml file instead.' }, { size: sizeText(refusal.size, intl) },
      );
    case 'popNotStored':
      return intl.formatMessage({ id: 'refusals.popNotStored', defaultMessage: 'The message could not be stored here: {reason}.' }, { reason: popStoreReasonText(refusal.reason, intl) });
    case 'popCountsDisagree':
      return intl.formatMessage({ id: 'refusals.popCountsDisagree', defaultMessage: 'POP3: the server’s STAT ({stat}) and {command} ({count}) disagree; nothing was changed.' }, {
        stat: String(refusal.stat),
        command: refusal.command,
        count: String(refusal.count),
      });
    case 'accountNotFound':
      return intl.formatMessage({ id: 'refusals.accountNotFound', defaultMessage: 'That account does not exist.' });
    case 'accountRemovedWhileSigningIn':
      return intl.formatMessage({ id: 'refusals.accountRemovedWhileSigningIn', defaultMessage: 'That account was removed while signing in.' });
    case 'deviceNotFound':
      return intl.formatMessage({ id: 'refusals.deviceNotFound', defaultMessage: 'That device does not exist.' });
    case 'accountOrDeviceNotFound':
      return intl.formatMessage({ id: 'refusals.accountOrDeviceNotFound', defaultMessage: 'That account or device does not exist.' });
    case 'deviceNameTaken':
      return intl.formatMessage({ id: 'refusals.deviceNameTaken', defaultMessage: 'This account already has a device called {name}.' }, { name: quoted(refusal.name, intl) });
    case 'noServerYet':
      return intl.formatMessage({ id: 'refusals.noServerYet', defaultMessage: 'This account has no {mode} server yet: give its address, port and security.' }, { mode: SERVICE_NAMES[refusal.mode] });
    case 'noServerSetUp':
      return intl.formatMessage({ id: 'refusals.noServerSetUp', defaultMessage: 'This account has no {mode} server set up yet.' }, { mode: SERVICE_NAMES[refusal.mode] });
    case 'noUidlDeleteOnly':
      return intl.formatMessage({ id: 'refusals.noUidlDeleteOnly', defaultMessage: 'This server has no UIDL: only {choice} works with it.' }, { choice: quoted(retentionTitle({ kind: 'delete-after-download' }, intl), intl) });
    case 'onlyDevice':
      return intl.formatMessage({ id: 'refusals.onlyDevice', defaultMessage: 'This is the account’s only device: remove the account instead.' });
    case 'imapSettingsOnly':
      return intl.formatMessage({ id: 'refusals.imapSettingsOnly', defaultMessage: 'These settings are for IMAP devices: a POP device downloads everything from the inbox.' });
    case 'retentionPopOnly':
      return intl.formatMessage({ id: 'refusals.retentionPopOnly', defaultMessage: 'Retention settings are for POP accounts: on IMAP the server keeps everything.' });
    case 'identityAddressesRepeat':
      return intl.formatMessage({ id: 'refusals.identityAddressesRepeat', defaultMessage: 'Each identity needs an address of its own.' });
    case 'identityIdsRepeat':
      return intl.formatMessage({ id: 'refusals.identityIdsRepeat', defaultMessage: 'Two identities have the same id.' });
    case 'addressSetUp':
      return intl.formatMessage({ id: 'refusals.addressSetUp', defaultMessage: '{address} is already set up on this computer.' }, { address: refusal.address });
    case 'addressSetUpOnServer':
      return intl.formatMessage({ id: 'refusals.addressSetUpOnServer', defaultMessage: '{address} on that server is already set up on this computer ({account}).' }, { address: refusal.address, account: quoted(refusal.account, intl) });
    case 'accountClosed':
      return intl.formatMessage({ id: 'refusals.accountClosed', defaultMessage: 'The account was closed.' });
    case 'notConnectedNow':
      return intl.formatMessage({ id: 'refusals.notConnectedNow', defaultMessage: 'IMAP: not connected to the server right now.' });
    case 'switchRunning':
      return intl.formatMessage({ id: 'refusals.switchRunning', defaultMessage: 'A switch of this device is already running.' });
    case 'alreadyUses':
      return intl.formatMessage({ id: 'refusals.alreadyUses', defaultMessage: '{device} already uses {mode}.' }, { device: refusal.device, mode: SERVICE_NAMES[refusal.mode] });
    case 'noImapToSwitchFrom':
      return intl.formatMessage({ id: 'refusals.noImapToSwitchFrom', defaultMessage: 'This device has no IMAP server to switch from.' });
    case 'previewCancelled':
      return intl.formatMessage({ id: 'refusals.previewCancelled', defaultMessage: 'The preview was cancelled; nothing was changed.' });
    case 'switchUndone':
      return intl.formatMessage({ id: 'refusals.switchUndone', defaultMessage: 'The switch was undone: {detail}' }, { detail: refusal.detail });
    case 'switchNeedsUidl':
      return intl.formatMessage({ id: 'refusals.switchNeedsUidl', defaultMessage: 'This server has no UIDL, so a POP device could not tell these messages are already here. Switching to POP is not possible with it.' });
    case 'switchChangesPending':
      return intl.formatMessage({ id: 'refusals.switchChangesPending', defaultMessage: 'Some changes made here have not reached the server yet. Switch once they are sent (the device must be online).' });
    case 'identityGone':
      return intl.formatMessage({ id: 'refusals.identityGone', defaultMessage: 'The address this message is written from is no longer one of the account’s identities: choose another in From.' });
    case 'noRecipient':
      return intl.formatMessage({ id: 'refusals.noRecipient', defaultMessage: 'Add at least one recipient.' });
    case 'tooLargeForServer':
      return intl.formatMessage({ id: 'refusals.tooLargeForServer', defaultMessage: 'This message is {size} as sent; {host} takes at most {limit}. Remove an attachment, or share a link to the file instead.' }, {
        size: sizeText(refusal.size, intl),
        host: refusal.host,
        limit: sizeText(refusal.limit, intl),
      });
    case 'tooLateToUndo':
      return intl.formatMessage({ id: 'refusals.tooLateToUndo', defaultMessage: 'Too late to undo: the message has been sent.' });
    case 'dryRunPopOnly':
      return intl.formatMessage({ id: 'refusals.dryRunPopOnly', defaultMessage: 'A dry run is for POP devices: IMAP changes nothing on its own.' });
    case 'notAccountServer':
      return intl.formatMessage({ id: 'refusals.notAccountServer', defaultMessage: '{server} is not one of this account’s servers, so Porthole did not send it the stored password. Type the password for that server to use it.' }, { server: endpoint(refusal.endpoint, intl) },
      );
    case 'unencryptedSecret':
      return refusal.secret === 'password'
        ? intl.formatMessage({ id: 'refusals.unencryptedPassword', defaultMessage: '{server}: the password would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.' }, {
            server: endpoint(refusal.endpoint, intl),
          })
        : intl.formatMessage({ id: 'refusals.unencryptedSignIn', defaultMessage: '{server}: your sign-in would cross the network readable by anyone on the way. Confirm that you want to send it unencrypted, or choose TLS.' }, {
            server: endpoint(refusal.endpoint, intl),
          });
    case 'secretNeverSent':
      return refusal.secret === 'password'
        ? intl.formatMessage({ id: 'refusals.passwordNeverSent', defaultMessage: 'Your saved password has never been sent to {server}, so Porthole did not send it there. Type the password again, or confirm that your saved password may go to {host}.' }, { server: endpoint(refusal.endpoint, intl), host: refusal.endpoint.host },
          )
        : intl.formatMessage({ id: 'refusals.signInNeverSent', defaultMessage: 'Your saved sign-in has never been sent to {server}, so Porthole did not send it there. Confirm that your sign-in may go to {host}.' }, {
            server: endpoint(refusal.endpoint, intl),
            host: refusal.endpoint.host,
          });
    case 'oauthNoPassword':
      return intl.formatMessage({ id: 'refusals.oauthNoPassword', defaultMessage: 'This account signs in with its provider (OAuth2), not with a password: leave the password empty, and Porthole uses that sign-in for this server.' });
    case 'oauthOtherServer':
      return intl.formatMessage({ id: 'refusals.oauthOtherServer', defaultMessage: 'An OAuth2 account can only use its provider’s servers: {server} is not one of this account’s servers nor one Porthole knows for its provider, so Porthole did not send it your sign-in.' }, { server: endpoint(refusal.endpoint, intl) },
      );
    case 'oauthNotOffered':
      return refusal.service === 'imap'
        ? intl.formatMessage({ id: 'refusals.oauthNotOfferedImap', defaultMessage: 'IMAP: {host} does not offer OAuth2 sign-in (AUTH=OAUTHBEARER or AUTH=XOAUTH2).' }, { host: refusal.host })
        : intl.formatMessage({ id: 'refusals.oauthNotOffered', defaultMessage: '{service}: {host} does not offer OAuth2 sign-in (SASL OAUTHBEARER or XOAUTH2), only {offered}.' }, {
            service: SERVICE_NAMES[refusal.service],
            host: refusal.host,
            offered: (refusal.offered ?? []).join(', '),
          });
    case 'controlCharacters':
      return refusal.what === 'user name'
        ? intl.formatMessage({ id: 'refusals.controlCharactersUser', defaultMessage: 'The user name contains control characters, which an OAuth2 login cannot carry.' })
        : intl.formatMessage({ id: 'refusals.controlCharactersToken', defaultMessage: 'The access token contains control characters, which an OAuth2 login cannot carry.' });
    case 'oauthNotGiven':
      return intl.formatMessage({ id: 'refusals.oauthNotGiven', defaultMessage: '{provider} did not give Porthole the sign-in: {failure}' }, { provider: refusal.provider, failure: oauthFailureText(refusal.failure, intl) });
    case 'oauthNoRenewal':
      return intl.formatMessage({ id: 'refusals.oauthNoRenewal', defaultMessage: '{provider} gave Porthole no way to renew this sign-in; sign in again.' }, { provider: refusal.provider });
    case 'oauthNoLongerAccepted':
      return intl.formatMessage({ id: 'refusals.oauthNoLongerAccepted', defaultMessage: '{provider} no longer accepts this account’s sign-in ({failure}) Sign in again; nothing waiting to be sent or synced is lost.' }, { provider: refusal.provider, failure: oauthFailureText(refusal.failure, intl) },
      );
    case 'oauthNotRenewed':
      return intl.formatMessage({ id: 'refusals.oauthNotRenewed', defaultMessage: 'Porthole could not renew the sign-in with {provider}: {failure}' }, { provider: refusal.provider, failure: oauthFailureText(refusal.failure, intl) });
    case 'oauthPageNotOpened':
      return intl.formatMessage({ id: 'refusals.oauthPageNotOpened', defaultMessage: 'Porthole could not open {provider}’s sign-in page: {detail}' }, { provider: refusal.provider, detail: refusal.detail });
    case 'oauthNoHttpsPage':
      return refusal.endpoint === null
        ? intl.formatMessage({ id: 'refusals.oauthNoPage', defaultMessage: '{provider} names no HTTPS sign-in page (none), so Porthole does not open it.' }, { provider: refusal.provider })
        : intl.formatMessage({ id: 'refusals.oauthNoHttpsPage', defaultMessage: '{provider} names no HTTPS sign-in page ({endpoint}), so Porthole does not open it.' }, { provider: refusal.provider, endpoint: refusal.endpoint });
    case 'oauthBrowserTimedOut':
      return refusal.minutes > 0
        ? intl.formatMessage({ id: 'refusals.oauthBrowserTimedOut', defaultMessage: 'The browser did not come back from {provider}’s sign-in page within {minutes, plural, one {# minute} other {# minutes}}. Try again.' }, { provider: refusal.provider, minutes: refusal.minutes },
          )
        : intl.formatMessage({ id: 'refusals.oauthBrowserTimedOutUnsaid', defaultMessage: 'The browser did not come back from {provider}’s sign-in page within the time allowed. Try again.' }, { provider: refusal.provider });
    case 'oauthStateMismatch':
      return intl.formatMessage({ id: 'refusals.oauthStateMismatch', defaultMessage: 'The browser came back with a sign-in this window did not start (its state does not match), so Porthole ignored it and saved nothing. Sign in again.' });
    case 'oauthAccessDenied':
      return refusal.description
        ? intl.formatMessage({ id: 'refusals.oauthAccessDeniedWith', defaultMessage: '{provider} did not allow Porthole to read mail (access_denied: {description}). Nothing was saved.' }, {
            provider: refusal.provider,
            description: refusal.description,
          })
        : intl.formatMessage({ id: 'refusals.oauthAccessDenied', defaultMessage: '{provider} did not allow Porthole to read mail (access_denied). Nothing was saved.' }, { provider: refusal.provider });
    case 'oauthNotSignedIn':
      return intl.formatMessage({ id: 'refusals.oauthNotSignedIn', defaultMessage: '{provider} did not sign you in: {failure}' }, { provider: refusal.provider, failure: oauthFailureText(refusal.failure, intl) });
    case 'oauthCancelled':
      return intl.formatMessage({ id: 'refusals.oauthCancelled', defaultMessage: 'Sign-in was cancelled; nothing was saved.' });
    case 'oauthNoSignInHeld':
      return intl.formatMessage({ id: 'refusals.oauthNoSignInHeld', defaultMessage: 'Porthole holds no sign-in for this account. Sign in again; nothing waiting to be sent or synced is lost.' });
    case 'oauthGrantExpired':
      return intl.formatMessage({ id: 'refusals.oauthGrantExpired', defaultMessage: 'That sign-in is no longer waiting (it ends 15 minutes after signing in, or when Porthole restarts). Sign in again.' });
    case 'oauthUnknownProvider':
      return intl.formatMessage({ id: 'refusals.oauthUnknownProvider', defaultMessage: 'Porthole knows no OAuth2 provider "{provider}".' }, { provider: refusal.provider });
    case 'oauthNoClientId':
      return intl.formatMessage({ id: 'refusals.oauthNoClientId', defaultMessage: 'This copy of Porthole has no OAuth2 client id for {provider}, so it cannot sign in there. Whoever built it must put one in {file} (README, “OAuth2 client ids”).' }, { provider: refusal.provider, file: refusal.file },
      );
    case 'oauthSettingsUnread':
      return intl.formatMessage({ id: 'refusals.oauthSettingsUnread', defaultMessage: 'Porthole could not read the sign-in settings of {issuer}: {failure}' }, { issuer: refusal.issuer, failure: oauthFailureText(refusal.failure, intl) });
    case 'oauthOtherAddress':
      return intl.formatMessage({ id: 'refusals.oauthOtherAddress', defaultMessage: 'You signed in as {signedInAs}, but this account is {address}. Nothing was changed; sign in again as {address}.' }, {
        signedInAs: refusal.signedInAs,
        address: refusal.address,
      });
    case 'oauthOtherProvider':
      return intl.formatMessage({ id: 'refusals.oauthOtherProvider', defaultMessage: 'This account does not sign in with {provider}.' }, { provider: refusal.provider });
    case 'oauthGrantOtherProvider':
      return intl.formatMessage({ id: 'refusals.oauthGrantOtherProvider', defaultMessage: 'That sign-in was with {grant}, not {wanted}.' }, { grant: refusal.grant, wanted: refusal.wanted });
    default:
      return null;
  }
}
