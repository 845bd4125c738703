import type { CommandName, CommandParams, CommandResult, OutgoingAttachment, OutgoingMessage } from '../../common/contract';
import type { AccountSummary } from '../../common/model/account';
import { classifyLink } from '../../common/link-policy';
import { secretKey } from '../accounts/secret-store';
import { parseMessage } from '../mime/parse-message';
import { ProtocolError } from '../protocols/protocol-error';
import { composeMessage } from '../protocols/smtp/compose';
import { submitMessage } from '../protocols/smtp/smtp-client';
import { fetchRemoteImages } from '../remote/fetch-images';
import { addDevice, removeDevice, renameDevice } from './device-handlers';
import { deletePasswords } from './incoming-password';
import { SANDBOX_HANDLERS } from './sandbox-handlers';
import { addAccount } from './add-account';
import { switchCancel, switchMode, switchPreview } from './switch-handlers';
import type { PortholeCore } from './porthole-core';

type Handlers = { [C in CommandName]: (core: PortholeCore, params: CommandParams<C>) => Promise<CommandResult<C>> };

async function configureDevice(core: PortholeCore, { accountId, deviceId, pop }: CommandParams<'device:configure'>): Promise<AccountSummary> {
  const running = core.device(accountId, deviceId);
  if (running.device.mode !== 'pop3') throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'Retention settings are for POP accounts: on IMAP the server keeps everything.' });
  running.backend.configure(pop);
  const account = core.accounts.get(accountId)!;
  account.devices = account.devices.map((d) => (d.id === deviceId ? { ...d, pop } : d));
  await core.accounts.save(account);
  running.device.pop = pop;
  core.publishAccounts();
  return account;
}

async function removeAccount(core: PortholeCore, accountId: string): Promise<null> {
  const account = core.accounts.get(accountId);
  if (!account) throw new ProtocolError({ code: 'NOT_FOUND', message: 'That account does not exist.' });
  await core.stopAccount(accountId);
  await core.serverViews.unwatch(accountId);
  // Only this computer's copies go; mail on the server is never touched.
  for (const device of account.devices) await core.cache.dropDatabase(device.dbName);
  await deletePasswords(core.secrets, accountId);
  await core.accounts.remove(accountId);
  core.transcripts.forget(accountId);
  core.publishAccounts();
  return null;
}

async function forwardedAttachments(core: PortholeCore, message: OutgoingMessage): Promise<OutgoingAttachment[]> {
  if (!message.forwardAttachmentsOf) return [];
  const { backend } = core.device(message.accountId, message.deviceId);
  const source = await backend.messageSource(message.forwardAttachmentsOf);
  const parsed = await parseMessage(message.forwardAttachmentsOf, source);
  return parsed.body.attachments
    .filter((meta) => !meta.inline || !meta.contentId)
    .map((meta) => ({ filename: meta.filename, contentType: meta.contentType, content: parsed.attachments.find((a) => a.id === meta.id)!.content }));
}

async function compose(core: PortholeCore, message: OutgoingMessage) {
  const { account } = core.device(message.accountId, message.deviceId);
  const attachments = [...message.attachments, ...(await forwardedAttachments(core, message))];
  return composeMessage({ ...message, attachments, from: { name: account.displayName, address: account.address } });
}

async function sendMessage(core: PortholeCore, message: OutgoingMessage): Promise<{ messageId: string }> {
  const { account, backend } = core.device(message.accountId, message.deviceId);
  const composed = await compose(core, message);
  if (composed.envelope.to.length === 0) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'Add at least one recipient.' });
  const password = (await core.secrets.get(secretKey(account.id, 'smtp'))) ?? (await core.secrets.get(secretKey(account.id, 'incoming'))) ?? '';
  const transcript = core.transcripts.sink(account.id, `${core.device(message.accountId, message.deviceId).device.name} · send`);
  const { refused } = await submitMessage({ endpoint: account.smtp, password, trusted: account.trustedCertificates, transcript }, composed.envelope, composed.raw);
  await backend.storeSent(composed.rawWithBcc);
  if (refused.length) {
    core.notice({ level: 'warning', where: 'send', accountId: account.id, deviceId: message.deviceId, code: 'SERVER_ERROR', text: `Sent, but the server refused ${refused.join(', ')}: they did not get it. The others did; sending again would give them a second copy.` });
  }
  if (message.replacesDraftId) await backend.discardDraft(message.replacesDraftId);
  return { messageId: composed.messageId };
}

async function saveDraft(core: PortholeCore, message: OutgoingMessage): Promise<{ messageId: string }> {
  const { backend } = core.device(message.accountId, message.deviceId);
  const composed = await compose(core, message);
  await backend.saveDraft(composed.rawWithBcc, message.replacesDraftId);
  return { messageId: composed.messageId };
}

export const COMMAND_HANDLERS: Handlers = {
  'app:info': (core) =>
    Promise.resolve({
      version: core.options.version,
      transport: core.options.transport,
      secretStorage: core.secrets.kind,
      secretStorageWarning: core.secrets.warning,
      secretStorageNeedsConsent: core.secrets.needsConsent,
    }),
  'accounts:list': (core) => Promise.resolve(core.accounts.list()),
  'account:add': (core, draft) => addAccount(core, draft),
  'account:remove': (core, { accountId }) => removeAccount(core, accountId),
  'device:configure': configureDevice,
  'device:add': addDevice,
  'device:switchPreview': switchPreview,
  'device:switchMode': switchMode,
  'device:switchCancel': switchCancel,
  'device:rename': renameDevice,
  'device:remove': removeDevice,
  'device:sync': async (core, { accountId, deviceId }) => {
    await core.device(accountId, deviceId).backend.syncNow();
    return null;
  },
  'folder:select': async (core, { accountId, deviceId, folderPath }) => {
    await core.device(accountId, deviceId).backend.selectFolder(folderPath);
    return null;
  },
  'folder:create': async (core, { accountId, deviceId, parentPath, name }) => {
    await core.device(accountId, deviceId).backend.createFolder(parentPath, name);
    return null;
  },
  'folder:rename': async (core, { accountId, deviceId, path, newName }) => {
    await core.device(accountId, deviceId).backend.renameFolder(path, newName);
    return null;
  },
  'folder:delete': async (core, { accountId, deviceId, path }) => {
    await core.device(accountId, deviceId).backend.deleteFolder(path);
    return null;
  },
  'message:open': async (core, { accountId, deviceId, messageId, markSeen }) => {
    await core.device(accountId, deviceId).backend.openMessage(messageId, markSeen ?? true);
    return null;
  },
  'message:extractParts': async (core, { accountId, deviceId, messageId }) => {
    const { backend } = core.device(accountId, deviceId);
    if (!backend.extractParts) {
      throw new ProtocolError({ code: 'MESSAGE_TOO_LARGE', message: 'Over IMAP, a message this large stays on the server: only its headers are here, so its parts cannot be read on this computer.' });
    }
    await backend.extractParts(messageId, (progress) => core.emit('message:partsProgress', { accountId, deviceId, messageId, ...progress }));
    return null;
  },
  'messages:flag': async (core, { accountId, deviceId, messageIds, add, remove }) => {
    await core.device(accountId, deviceId).backend.changeFlags(messageIds, add, remove);
    return null;
  },
  'messages:move': async (core, { accountId, deviceId, messageIds, toPath }) => {
    await core.device(accountId, deviceId).backend.move(messageIds, toPath);
    return null;
  },
  'messages:delete': async (core, { accountId, deviceId, messageIds }) => {
    await core.device(accountId, deviceId).backend.delete(messageIds);
    return null;
  },
  'message:send': sendMessage,
  'draft:save': saveDraft,
  'pop:dryRun': async (core, { accountId, deviceId }) => {
    const { backend } = core.device(accountId, deviceId);
    if (!backend.dryRun) throw new ProtocolError({ code: 'INVALID_ARGUMENT', message: 'A dry run is for POP devices: IMAP changes nothing on its own.' });
    return backend.dryRun();
  },
  'serverView:watch': async (core, { accountId, mode, folderPath }) => {
    await core.serverViews.watch(accountId, mode, folderPath);
    return null;
  },
  'serverView:unwatch': async (core, { accountId }) => {
    await core.serverViews.unwatch(accountId);
    return null;
  },
  'device:statuses': (core) => Promise.resolve(core.deviceStatuses()),
  'transcript:get': (core, { accountId }) => Promise.resolve(core.transcripts.get(accountId)),
  'link:open': async (core, { url }) => {
    const decision = classifyLink(url);
    if (decision.kind !== 'web') return { action: 'refused', reason: decision.kind === 'refused' ? decision.reason : 'Mail links open in the composer, not the browser.' };
    if (!core.options.openExternal) return { action: 'open-in-page', url: decision.url };
    await core.options.openExternal(decision.url);
    return { action: 'opened' };
  },
  'remote:allowedSenders': (core) => core.preferences.remoteContentSenders(),
  'remote:allowSender': (core, { address, allow }) => core.preferences.setRemoteContentSender(address, allow),
  ...SANDBOX_HANDLERS,
  'remote:fetchImages': async (_core, { urls }) => fetchRemoteImages(urls),
};
