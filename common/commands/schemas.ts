import * as z from 'zod/mini';
import type { AccountDraft, PopSettings, ServerEndpoint } from '../model/account';
import type { SandboxPersonality } from '../model/sandbox';
import { MAX_ATTACHMENT_BYTES } from '../compose/message-size';
import { LARGE_MESSAGE_BYTES } from '../model/raw-source';
import { DRAFT_KEY_PATTERN } from '../compose/draft-key';

/**
 * The pieces the commands' params are made of, with a limit on every size: main checks every
 * command's arguments against them (the renderer is untrusted input as far as main is concerned).
 */
const MAX_ID = 512;
const MAX_TEXT = 10_000_000;

export const id = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
export const shortText = z.string().check(z.maxLength(1_000));
export const deviceRef = { accountId: id, deviceId: id };
export const mode = z.enum(['imap', 'pop3']);
const security = z.enum(['none', 'starttls', 'tls']);
export const endpoint = z.object({
  host: z.string().check(z.minLength(1), z.maxLength(255)),
  port: z.int().check(z.minimum(1), z.maximum(65_535)),
  security,
  user: z.string().check(z.maxLength(512)),
});
export const flags = z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.maxLength(32));
export const messageIds = z.array(id).check(z.minLength(1), z.maxLength(100_000));
export const folderPath = z.string().check(z.minLength(1), z.maxLength(1_000));
export const folderName = z.string().check(
  z.minLength(1),
  z.maxLength(255),
  z.refine((n) => !/[\r\n\0]/.test(n), 'invalid folder name'),
);
export const emailAddress = z.string().check(z.minLength(3), z.maxLength(320), z.includes('@'));
/** Only for a server the account does not have yet (see NewServerConsent). */
export const newServerConsent = { password: z.optional(z.string().check(z.minLength(1), z.maxLength(4_096))), allowPlaintext: z.optional(z.boolean()) };
// Typed as any Uint8Array: zod would infer only Uint8Array<ArrayBuffer>.
const bytes: z.ZodMiniType<Uint8Array> = z.instanceof(Uint8Array).check(z.refine((b) => b.length <= MAX_ATTACHMENT_BYTES, 'attachment too large'));
/** A whole message read from a file: up to the size Porthole parses whole (LARGE_MESSAGE_BYTES). */
export const messageFileBytes: z.ZodMiniType<Uint8Array> = z.instanceof(Uint8Array).check(z.refine((b) => b.length <= LARGE_MESSAGE_BYTES, 'message file too large'));
export const fileName = z.string().check(z.minLength(1), z.maxLength(1_000));

const popRetention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keep') }),
  z.object({ kind: z.literal('delete-after-days'), days: z.int().check(z.minimum(1), z.maximum(3_650)) }),
  z.object({ kind: z.literal('delete-when-deleted-here') }),
  z.object({ kind: z.literal('delete-after-download') }),
]);
export const popSettings = z.object({
  retention: popRetention,
  checkEveryMinutes: z.nullable(z.int().check(z.minimum(1), z.maximum(24 * 60))),
  headersOnlyOverBytes: z.nullable(z.int().check(z.minimum(1_024), z.maximum(2 ** 40))),
});

export const deviceName = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(60),
  z.refine((n) => !/\p{Cc}/u.test(n), 'invalid device name'),
);

export const accountDraft = z.object({
  displayName: shortText,
  address: emailAddress,
  mode,
  incoming: endpoint,
  incomingPassword: z.string().check(z.maxLength(4_096)),
  smtp: endpoint,
  smtpPassword: z.string().check(z.maxLength(4_096)),
  trustFingerprints: z.array(z.string().check(z.regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/))).check(z.maxLength(8)),
  pop: z.nullable(popSettings),
  acceptWeakSecretStorage: z.optional(z.boolean()),
  oauth: z.optional(z.nullable(z.object({ provider: id, grantId: id }))),
  /** The first device's name, by the rules of device:add and device:rename; absent: "This computer". */
  deviceName: z.optional(deviceName),
});

/**
 * What `account:update` changes; a field left out stays as it is. Servers and passwords are
 * checked before saving (trustFingerprints: certificates the user accepted on the way).
 */
export const accountUpdate = z.object({
  accountId: id,
  displayName: z.optional(shortText),
  address: z.optional(emailAddress),
  imap: z.optional(endpoint),
  pop3: z.optional(endpoint),
  smtp: z.optional(endpoint),
  /** A new password for the incoming servers (and SMTP unless it has its own). */
  incomingPassword: z.optional(z.string().check(z.minLength(1), z.maxLength(4_096))),
  /** SMTP's own password; empty: use the incoming one from now on. */
  smtpPassword: z.optional(z.string().check(z.maxLength(4_096))),
  trustFingerprints: z.optional(z.array(z.string().check(z.regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/))).check(z.maxLength(8))),
  /**
   * Hosts the user agreed may receive a password saved with the account (the dialog said
   * "Porthole will send your saved password to …"): without it a changed host only gets a
   * password typed in this change (HOST_NOT_CONFIRMED otherwise).
   */
  sendSavedPasswordTo: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(255))).check(z.maxLength(3))),
  /** The user agreed to send a password over a changed server that has no TLS. */
  allowPlaintext: z.optional(z.boolean()),
});

export const outgoingAttachment = z.object({
  filename: z.string().check(z.minLength(1), z.maxLength(1_000)),
  contentType: z.string().check(z.maxLength(255)),
  content: bytes,
  /** An image the HTML shows in place (`<img src="cid:…">`, RFC 2392): sent inline, in multipart/related. */
  contentId: z.optional(z.string().check(z.maxLength(200), z.regex(/^[\w.@-]+$/))),
});

/** A composer's draft key (common/compose/draft-key.ts). */
export const draftKey = z.string().check(z.maxLength(300), z.regex(DRAFT_KEY_PATTERN));

export const outgoingMessage = z.object({
  ...deviceRef,
  /** Address lists as typed, comma separated. */
  to: z.string().check(z.maxLength(100_000)),
  cc: z.string().check(z.maxLength(100_000)),
  bcc: z.string().check(z.maxLength(100_000)),
  subject: z.string().check(z.maxLength(10_000)),
  text: z.string().check(z.maxLength(MAX_TEXT)),
  /** Written in rich text: the HTML (sanitized by the composer), sent beside `text` as multipart/alternative (RFC 2046 §5.1.4). */
  html: z.optional(z.nullable(z.string().check(z.maxLength(MAX_TEXT)))),
  inReplyTo: z.nullable(z.string().check(z.maxLength(2_000))),
  references: z.array(z.string().check(z.maxLength(2_000))).check(z.maxLength(500)),
  attachments: z.array(outgoingAttachment).check(z.maxLength(100)),
  /** Cache id of a message whose attachments are forwarded with this one. */
  forwardAttachmentsOf: z.nullable(id),
  /** With forwardAttachmentsOf: that whole message is attached (message/rfc822, RFC 2046 §5.2.1) instead of its attachments. */
  forwardAsAttachment: z.optional(z.boolean()),
  /** Cache id of the draft this message replaces (deleted once sent or re-saved). */
  replacesDraftId: z.nullable(id),
  /** The identity it is written from (common/model/identity.ts); absent: the account's own address. */
  identityId: z.optional(id),
  /**
   * The Message-ID every saved version of this composer's draft carries (`<uuid@host>`): a save
   * replaces the earlier versions, a send removes them all.
   */
  draftKey: z.optional(draftKey),
});

const replyToAddress = z.string().check(z.maxLength(320), z.refine((a) => a === '' || /^[^\s@]+@[^\s@]+$/.test(a), 'invalid Reply-To address'));
const signature = z.string().check(z.maxLength(10_000));
/** A rich signature's HTML: a logo inside it (a data: URL) makes it longer than any text. */
const signatureHtml = z.optional(z.string().check(z.maxLength(700_000)));
/** An account's identities (common/model/identity.ts): addresses it writes from, with signatures. */
export const accountIdentities = z.object({
  main: z.object({ replyTo: replyToAddress, signature, signatureHtml, plainTextOnly: z.optional(z.boolean()) }),
  extra: z.array(z.object({ id, name: shortText, address: emailAddress, replyTo: replyToAddress, signature, signatureHtml, plainTextOnly: z.optional(z.boolean()) })).check(z.maxLength(50)),
  signaturePlacement: z.enum(['above-quote', 'below-quote']),
});

/** The sandbox's switches; the sandbox server checks its stored ones against this schema too (sandbox/personality.ts). */
export const sandboxPersonality = z.object({
  popMarksSeen: z.boolean(),
  uidlFormat: z.enum(['stable', 'changes-on-reset']),
  loginDelayMs: z.int().check(z.minimum(0), z.maximum(60_000)),
});

// The model's interfaces and these schemas describe the same records: a change to one that the
// other does not follow fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof endpoint>, ServerEndpoint>,
  Same<z.infer<typeof popSettings>, PopSettings>,
  Same<z.infer<typeof accountDraft>, AccountDraft>,
  Same<z.infer<typeof sandboxPersonality>, SandboxPersonality>,
] = [true, true, true, true];
void sameShapes;
