import type { OutgoingMessage } from '../../common/contract';

/**
 * A message as a composer hands it to `message:send` or `draft:save`: plain text to `to` from the
 * device `ref`, no attachments, nothing quoted; `overrides` change any field.
 */
export function outgoingMessage(ref: { accountId: string; deviceId: string }, to: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return { ...ref, to, cc: '', bcc: '', subject: 'Hello', text: 'Hello\n', inReplyTo: null, references: [], attachments: [], forwardAttachmentsOf: null, replacesDraftId: null, ...overrides };
}
