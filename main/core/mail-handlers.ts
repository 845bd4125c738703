import type { MAIL_COMMANDS, UndoTicket } from '../../common/commands/mail-commands';
import type { OutgoingAttachment, OutgoingMessage } from '../../common/contract';
import type { SecretStore } from '../accounts/secret-store';
import type { OAuthTokens } from '../oauth/oauth-tokens';
import { identitiesOf, MAIN_IDENTITY_ID } from '../../common/model/identity';
import { isListedAttachment } from '../../common/model/mail';
import { parseMessage } from '../mime/parse-message';
import { refusedError } from '../protocols/protocol-error';
import { composeMessage } from '../protocols/smtp/compose';
import { submitMessage, verifySmtpLogin } from '../protocols/smtp/smtp-client';
import type { MailboxBackend, Reversal } from '../sync/backend';
import type { HandlersFor } from './handler-types';
import type { DeviceRegistry } from './device-registry';
import { smtpCredential } from './incoming-password';
import type { CoreEvents, Transcripts } from './services';
import { SmtpSizeLimits } from './smtp-size-limits';
import { UndoJournal } from './undo-journal';
import type { Outbox } from './outbox';
import type { PreferencesStore } from '../accounts/preferences-store';

export interface MailServices {
  registry: Pick<DeviceRegistry, 'device'>;
  secrets: Pick<SecretStore, 'get'>;
  oauthTokens: Pick<OAuthTokens, 'forAccount'>;
  transcripts: Pick<Transcripts, 'sink'>;
  events: CoreEvents;
  /** What reverses recent changes; one is made when not given (tests give one with their own clock). */
  undoJournal?: UndoJournal;
  /** The sending servers' size limits seen in this run; one is made when not given. */
  sizeLimits?: SmtpSizeLimits;
  /** Undo send: where sent messages wait (none: every message goes at once, as in tests of the core alone). */
  outbox?: Outbox;
  /** How long they wait (the user's choice, in preferences.json). */
  preferences: Pick<PreferencesStore, 'sendDelay' | 'setSendDelay'>;
}

/** A device's mail: each command runs in the device's engine (its MailboxBackend). */
export function mailHandlers(services: MailServices): HandlersFor<keyof typeof MAIL_COMMANDS> {
  const { registry, events } = services;
  const backendOf = (accountId: string, deviceId: string) => registry.device(accountId, deviceId).backend;
  const journal = services.undoJournal ?? new UndoJournal();
  const sizeLimits = services.sizeLimits ?? new SmtpSizeLimits();
  /** Runs a change in the device's engine and keeps what reverses it. */
  const undoable = async (accountId: string, deviceId: string, change: (backend: MailboxBackend) => Promise<Reversal | null>): Promise<UndoTicket> => {
    const backend = backendOf(accountId, deviceId);
    const reversal = await change(backend);
    return { undoId: reversal ? journal.add(`${accountId}/${deviceId}`, backend, reversal) : null };
  };
  return {
    'device:sync': async ({ accountId, deviceId }) => {
      await backendOf(accountId, deviceId).syncNow();
      return null;
    },
    'folder:select': async ({ accountId, deviceId, folderPath }) => {
      await backendOf(accountId, deviceId).selectFolder(folderPath);
      return null;
    },
    'folder:create': async ({ accountId, deviceId, parentPath, name }) => {
      await backendOf(accountId, deviceId).createFolder(parentPath, name);
      return null;
    },
    'folder:rename': async ({ accountId, deviceId, path, newName }) => {
      await backendOf(accountId, deviceId).renameFolder(path, newName);
      return null;
    },
    'folder:delete': async ({ accountId, deviceId, path }) => {
      await backendOf(accountId, deviceId).deleteFolder(path);
      return null;
    },
    'message:open': async ({ accountId, deviceId, messageId, markSeen }) => {
      await backendOf(accountId, deviceId).openMessage(messageId, markSeen ?? true);
      return null;
    },
    'message:extractParts': async ({ accountId, deviceId, messageId }) => {
      const backend = backendOf(accountId, deviceId);
      if (!backend.extractParts) {
        throw refusedError('MESSAGE_TOO_LARGE', { kind: 'imapPartsTooLarge' });
      }
      await backend.extractParts(messageId, (progress) => events.emit('message:partsProgress', { accountId, deviceId, messageId, ...progress }));
      return null;
    },
    'messages:flag': ({ accountId, deviceId, messageIds, add, remove }) => undoable(accountId, deviceId, (backend) => backend.changeFlags(messageIds, add, remove)),
    'messages:move': ({ accountId, deviceId, messageIds, toPath }) => undoable(accountId, deviceId, (backend) => backend.move(messageIds, toPath)),
    'messages:delete': ({ accountId, deviceId, messageIds }) => undoable(accountId, deviceId, (backend) => backend.delete(messageIds)),
    /** What the undo could not do (changed again since, a server copy gone) is said in a notice: the UI's toast says "Undone". */
    'messages:undo': async ({ accountId, deviceId, undoId }) => {
      const outcome = await journal.undo(`${accountId}/${deviceId}`, undoId, backendOf(accountId, deviceId));
      if (outcome.notes.length) events.notice({ level: 'warning', where: 'undo', accountId, deviceId, words: { kind: 'undoneExcept', notes: outcome.notes }, code: null });
      return null;
    },
    'messages:searchServer': async ({ accountId, deviceId, query, folderPaths }) => {
      const backend = backendOf(accountId, deviceId);
      if (!backend.searchServer) throw refusedError('INVALID_ARGUMENT', { kind: 'popCannotSearch' });
      return backend.searchServer(query, folderPaths);
    },
    'message:source': ({ accountId, deviceId, messageId }) => backendOf(accountId, deviceId).messageSource(messageId),
    'message:send': async (message) => {
      const delay = services.outbox ? await services.preferences.sendDelay() : 0;
      if (!services.outbox || delay === 0) return { messageId: await sendMessage(services, sizeLimits, message), queued: null };
      // Checked now, while the composer is open to mend it; sent later with the same Message-ID.
      const { messageId } = await sendable(services, sizeLimits, message);
      return { messageId, queued: await services.outbox.add(message, messageId, delay * 1000) };
    },
    'message:unsend': ({ id }) => {
      if (!services.outbox) throw refusedError('NOT_FOUND', { kind: 'tooLateToUndo' });
      return services.outbox.takeBack(id);
    },
    'outbox:list': () => Promise.resolve(services.outbox?.items() ?? []),
    'send:delay': () => services.preferences.sendDelay(),
    'send:setDelay': ({ seconds }) => services.preferences.setSendDelay(seconds),
    'message:sizeLimit': async ({ accountId, deviceId }) => {
      const { account, device } = registry.device(accountId, deviceId);
      const maxMessageBytes = await sizeLimits.limitOf(account.smtp, async () => {
        const credential = await smtpCredential(services, account);
        const transcript = services.transcripts.sink(account.id, { device: device.name, role: 'send' });
        return (await verifySmtpLogin({ endpoint: account.smtp, ...credential, trusted: account.trustedCertificates, transcript })).maxMessageBytes;
      });
      return { maxMessageBytes, host: account.smtp.host };
    },
    'draft:save': (message) => saveDraft(services, message),
    'draft:discard': async ({ accountId, deviceId, draftKey }) => {
      await backendOf(accountId, deviceId).discardDraftVersions(draftKey);
      return null;
    },
    'pop:dryRun': async ({ accountId, deviceId }) => {
      const backend = backendOf(accountId, deviceId);
      if (!backend.dryRun) throw refusedError('INVALID_ARGUMENT', { kind: 'dryRunPopOnly' });
      return backend.dryRun();
    },
  };
}

/** A forwarded message's file name: its subject, without what a file system or a reader would choke on. */
function forwardedFileName(subject: string): string {
  const name = subject.replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '_').trim().slice(0, 100);
  return `${name || 'Forwarded message'}.eml`;
}

async function forwardedAttachments({ registry }: Pick<MailServices, 'registry'>, message: OutgoingMessage): Promise<OutgoingAttachment[]> {
  if (!message.forwardAttachmentsOf) return [];
  const { backend } = registry.device(message.accountId, message.deviceId);
  const source = await backend.messageSource(message.forwardAttachmentsOf);
  if (message.forwardAsAttachment) {
    const original = await parseMessage(message.forwardAttachmentsOf, source);
    return [{ filename: forwardedFileName(original.envelope.subject), contentType: 'message/rfc822', content: source }];
  }
  const parsed = await parseMessage(message.forwardAttachmentsOf, source);
  return parsed.body.attachments
    .filter(isListedAttachment)
    .map((meta) => ({ filename: meta.filename, contentType: meta.contentType, content: parsed.attachments.find((a) => a.id === meta.id)!.content }));
}

async function compose(services: Pick<MailServices, 'registry'>, message: OutgoingMessage, messageId?: string) {
  const { account } = services.registry.device(message.accountId, message.deviceId);
  const identity = identitiesOf(account).find((i) => i.id === (message.identityId ?? MAIN_IDENTITY_ID));
  if (!identity) throw refusedError('INVALID_ARGUMENT', { kind: 'identityGone' });
  const attachments = [...message.attachments, ...(await forwardedAttachments(services, message))];
  return composeMessage({ ...message, attachments, from: { name: identity.name, address: identity.address }, replyTo: identity.replyTo, messageId });
}

/** The message as it will go, checked: an identity, a recipient, within the size the server named. */
async function sendable(services: MailServices, sizeLimits: SmtpSizeLimits, message: OutgoingMessage, messageId?: string) {
  const { account } = services.registry.device(message.accountId, message.deviceId);
  const composed = await compose(services, message, messageId);
  if (composed.envelope.to.length === 0) throw refusedError('INVALID_ARGUMENT', { kind: 'noRecipient' });
  // RFC 1870: a server that named its limit refuses a larger message, after it was uploaded whole.
  const limit = sizeLimits.lastSeen(account.smtp);
  if (limit && composed.raw.length > limit) {
    throw refusedError('MESSAGE_TOO_LARGE', { kind: 'tooLargeForServer', size: composed.raw.length, host: account.smtp.host, limit });
  }
  return composed;
}

/** Sends a message now (SMTP), keeps its copy in Sent and removes its drafts; resolves with its Message-ID. */
export async function sendMessage(services: MailServices, sizeLimits: SmtpSizeLimits, message: OutgoingMessage, messageId?: string): Promise<string> {
  const { registry, transcripts, events } = services;
  const { account, backend } = registry.device(message.accountId, message.deviceId);
  const composed = await sendable(services, sizeLimits, message, messageId);
  const credential = await smtpCredential(services, account);
  const transcript = transcripts.sink(account.id, { device: registry.device(message.accountId, message.deviceId).device.name, role: 'send' });
  const { refused, maxMessageBytes } = await submitMessage({ endpoint: account.smtp, ...credential, trusted: account.trustedCertificates, transcript }, composed.envelope, composed.raw);
  sizeLimits.remember(account.smtp, maxMessageBytes);
  await backend.storeSent(composed.rawWithBcc);
  if (refused.length) {
    events.notice({ level: 'warning', where: 'send', accountId: account.id, deviceId: message.deviceId, code: 'SERVER_ERROR', words: { kind: 'sentButRefused', refused } });
  }
  if (message.replacesDraftId) await backend.discardDraft(message.replacesDraftId);
  if (message.draftKey) await backend.discardDraftVersions(message.draftKey);
  return composed.messageId;
}

/** A draft saved (by hand or by the composer's own timer); every version of one composer's draft has its `draftKey` as Message-ID. */
export async function saveDraft(services: Pick<MailServices, 'registry'>, message: OutgoingMessage): Promise<{ messageId: string }> {
  const { backend } = services.registry.device(message.accountId, message.deviceId);
  const composed = await compose(services, message, message.draftKey);
  await backend.saveDraft(composed.rawWithBcc, message.replacesDraftId, message.draftKey ?? null);
  return { messageId: composed.messageId };
}
