import { z } from 'zod';
import type { CommandName, CommandParams } from '../../common/contract';
import { personalitySchema } from '../../sandbox';

/**
 * Runtime checks of every command's arguments (types and sizes): the renderer is untrusted
 * input as far as main is concerned. Each schema is typed against the contract, so the two
 * cannot drift apart.
 */
const MAX_ID = 512;
const MAX_TEXT = 10_000_000;
const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const id = z.string().min(1).max(MAX_ID);
const shortText = z.string().max(1_000);
const deviceRef = { accountId: id, deviceId: id };
const security = z.enum(['none', 'starttls', 'tls']);
const endpoint = z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65_535), security, user: z.string().max(512) });
const flags = z.array(z.string().min(1).max(128)).max(32);
const messageIds = z.array(id).min(1).max(100_000);
const folderPath = z.string().min(1).max(1_000);
// Only for a server the account does not have yet (see NewServerConsent).
const newServerConsent = { password: z.string().min(1).max(4_096).optional(), allowPlaintext: z.boolean().optional() };
const bytes = z.instanceof(Uint8Array).refine((b) => b.length <= MAX_ATTACHMENT_BYTES, 'attachment too large');

const popRetention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keep') }),
  z.object({ kind: z.literal('delete-after-days'), days: z.number().int().min(1).max(3_650) }),
  z.object({ kind: z.literal('delete-when-deleted-here') }),
  z.object({ kind: z.literal('delete-after-download') }),
]);
const popSettings = z.object({
  retention: popRetention,
  checkEveryMinutes: z.number().int().min(1).max(24 * 60).nullable(),
  headersOnlyOverBytes: z.number().int().min(1_024).max(2 ** 40).nullable(),
});

const deviceName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((n) => !/\p{Cc}/u.test(n), 'invalid device name');

const outgoing = z.object({
  ...deviceRef,
  to: z.string().max(100_000),
  cc: z.string().max(100_000),
  bcc: z.string().max(100_000),
  subject: z.string().max(10_000),
  text: z.string().max(MAX_TEXT),
  inReplyTo: z.string().max(2_000).nullable(),
  references: z.array(z.string().max(2_000)).max(500),
  attachments: z.array(z.object({ filename: z.string().min(1).max(1_000), contentType: z.string().max(255), content: bytes })).max(100),
  forwardAttachmentsOf: id.nullable(),
  replacesDraftId: id.nullable(),
});

type Schemas = { [C in CommandName]: z.ZodType<CommandParams<C>> };

export const COMMAND_SCHEMAS: Schemas = {
  'app:info': z.null(),
  'accounts:list': z.null(),
  'account:add': z.object({
    displayName: shortText,
    address: z.string().min(3).max(320).includes('@'),
    mode: z.enum(['imap', 'pop3']),
    incoming: endpoint,
    incomingPassword: z.string().max(4_096),
    smtp: endpoint,
    smtpPassword: z.string().max(4_096),
    trustFingerprints: z.array(z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/)).max(8),
    pop: popSettings.nullable(),
    acceptWeakSecretStorage: z.boolean().optional(),
  }),
  'account:remove': z.object({ accountId: id }),
  'device:sync': z.object(deviceRef),
  'device:statuses': z.null(),
  'device:configure': z.object({ ...deviceRef, pop: popSettings }),
  'device:add': z.object({ accountId: id, name: deviceName, mode: z.enum(['imap', 'pop3']), pop: popSettings.nullable(), incoming: endpoint.nullable(), ...newServerConsent }),
  'device:rename': z.object({ ...deviceRef, name: deviceName }),
  'device:remove': z.object(deviceRef),
  'device:switchPreview': z.object({ ...deviceRef, to: z.enum(['imap', 'pop3']), incoming: endpoint.nullable(), ...newServerConsent }),
  'device:switchMode': z.object({
    ...deviceRef,
    to: z.enum(['imap', 'pop3']),
    incoming: endpoint.nullable(),
    ...newServerConsent,
    options: z.object({ upload: z.boolean(), pushStates: z.boolean(), pushMessages: z.array(id).max(1_000_000).optional(), copyFolders: z.array(folderPath).max(1_000) }),
  }),
  'device:switchCancel': z.object(deviceRef),
  'folder:select': z.object({ ...deviceRef, folderPath }),
  'folder:create': z.object({ ...deviceRef, parentPath: folderPath.nullable(), name: z.string().min(1).max(255).refine((n) => !/[\r\n\0]/.test(n), 'invalid folder name') }),
  'folder:rename': z.object({ ...deviceRef, path: folderPath, newName: z.string().min(1).max(255).refine((n) => !/[\r\n\0]/.test(n), 'invalid folder name') }),
  'folder:delete': z.object({ ...deviceRef, path: folderPath }),
  'message:open': z.object({ ...deviceRef, messageId: id, markSeen: z.boolean().optional() }),
  'message:extractParts': z.object({ ...deviceRef, messageId: id }),
  'messages:flag': z.object({ ...deviceRef, messageIds, add: flags, remove: flags }),
  'messages:move': z.object({ ...deviceRef, messageIds, toPath: folderPath }),
  'messages:delete': z.object({ ...deviceRef, messageIds }),
  'message:send': outgoing,
  'draft:save': outgoing,
  'pop:dryRun': z.object(deviceRef),
  'serverView:watch': z.object({ accountId: id, mode: z.enum(['imap', 'pop3']), folderPath: folderPath.nullable() }),
  'serverView:unwatch': z.object({ accountId: id }),
  'transcript:get': z.object({ accountId: id }),
  'link:open': z.object({ url: z.string().min(1).max(8_192) }),
  'remote:allowedSenders': z.null(),
  'remote:allowSender': z.object({ address: z.string().min(3).max(320).includes('@'), allow: z.boolean() }),
  'remote:fetchImages': z.object({ urls: z.array(z.string().max(8_192)).max(200) }),
  'sandbox:state': z.null(),
  'sandbox:try': z.null(),
  'sandbox:demonstrate': z.null(),
  'sandbox:reset': z.null(),
  'sandbox:setPersonality': personalitySchema.partial().strict(),
  'sandbox:mailTimer': z.object({ everySeconds: z.number().int().min(5).max(24 * 60 * 60).nullable() }),
  'sandbox:sendMail': z.null(),
};
