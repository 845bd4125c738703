import type { DeviceRef } from '../../../common/contract';
import type { MessageRecord } from '../../../common/model/mail';
import type { WireError } from '../../../common/result';
import { invoke } from '../../app/use-command';
import { intl } from '../../i18n/intl';
import { saveBlob } from './save-blob';
import { errorText } from '../../i18n/error-words';

/** The name a saved message gets: its subject (made safe when saved), or "message". */
export function messageFileName(subject: string): string {
  return `${subject.trim().slice(0, 120) || 'message'}.eml`;
}

/**
 * Saves a message as an .eml file, byte for byte as the server (IMAP) or this computer (POP) has
 * it, so any mail program can open it again. Says why when it cannot (offline over IMAP, a message
 * too large to fetch whole).
 */
export async function saveMessageSource(device: DeviceRef, message: Pick<MessageRecord, 'id' | 'subject'>): Promise<WireError | null> {
  const result = await invoke('message:source', { ...device, messageId: message.id });
  if (!result.ok) return { ...result.error, refusal: undefined, message: intl().formatMessage({ id: 'reader.saveSource.failed', defaultMessage: 'The message could not be saved: {reason}' }, { reason: errorText(result.error) }) };
  saveBlob(new Blob([result.value as Uint8Array<ArrayBuffer>], { type: 'message/rfc822' }), messageFileName(message.subject));
  return null;
}
