import { useCallback, useState } from 'react';
import type { OutgoingAttachment } from '../../../common/contract';
import { MAX_ATTACHMENT_BYTES } from '../../../common/compose/message-size';
import { sizeText } from '../../i18n/sizes';
import { intl } from '../../i18n/intl';

async function readFile(file: File): Promise<OutgoingAttachment> {
  // A pasted picture often has no name: the one it gets is seen in the composer and by the recipients.
  const filename = file.name || intl().formatMessage({ id: 'composer.attach.pastedFile', defaultMessage: 'Pasted file' });
  return { filename, contentType: file.type || 'application/octet-stream', content: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * The composer's attached files, however they came (the file picker, a drop, a paste): too-large
 * ones are named in `error` and left out, the others are read and kept in the order they came.
 */
export function useAttachments(initial: readonly OutgoingAttachment[] = []): {
  attachments: OutgoingAttachment[];
  error: string | null;
  add: (files: Iterable<File>) => Promise<void>;
  remove: (index: number) => void;
} {
  const [attachments, setAttachments] = useState<OutgoingAttachment[]>(() => [...initial]);
  const [error, setError] = useState<string | null>(null);
  const add = useCallback(async (files: Iterable<File>) => {
    setError(null);
    const chosen = [...files];
    const tooLarge = chosen.filter((f) => f.size > MAX_ATTACHMENT_BYTES);
    if (tooLarge.length) {
      setError(intl().formatMessage({ id: 'composer.attach.tooLarge', defaultMessage: 'Too large to attach (over {limit}): {files}' }, { limit: sizeText(MAX_ATTACHMENT_BYTES), files: tooLarge.map((f) => f.name).join(', ') }));
    }
    const read = await Promise.all(chosen.filter((f) => f.size <= MAX_ATTACHMENT_BYTES).map(readFile));
    setAttachments((current) => [...current, ...read]);
  }, []);
  const remove = useCallback((index: number) => setAttachments((current) => current.filter((_, i) => i !== index)), []);
  return { attachments, error, add, remove };
}
