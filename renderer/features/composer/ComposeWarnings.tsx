import type { SendSizeLimit } from '../../../common/contract';
import { formatOctets } from '../../../common/model/raw-source';

interface ComposeWarningsProps {
  /** The word in the user's text that promises an attachment, when nothing is attached. */
  missingAttachmentWord: string | null;
  /** Send was pressed once with that promise unkept: the next press sends anyway. */
  confirmingSend: boolean;
  estimatedBytes: number;
  sizeLimit: SendSizeLimit | null;
}

/**
 * What the composer notices before the user sends: a promised attachment that is not there, and a
 * message larger than the sending server takes. Both are said while typing, not only at Send.
 */
export function ComposeWarnings({ missingAttachmentWord, confirmingSend, estimatedBytes, sizeLimit }: ComposeWarningsProps) {
  const limit = sizeLimit?.maxMessageBytes ?? null;
  const tooLarge = limit !== null && estimatedBytes > limit;
  if (!missingAttachmentWord && !tooLarge) return null;
  return (
    <div className="compose-warnings" role="status" aria-label="Before sending">
      {missingAttachmentWord && (
        <p className={confirmingSend ? 'compose-warning urgent' : 'compose-warning'}>
          You wrote “<span dir="auto">{missingAttachmentWord}</span>”, but nothing is attached.
          {confirmingSend ? ' Press Send again to send it without one.' : ''}
        </p>
      )}
      {tooLarge && sizeLimit && (
        <p className="compose-warning urgent">
          About {formatOctets(estimatedBytes)} as sent: {sizeLimit.host} takes at most {formatOctets(limit)}. Remove an attachment, or share a link to the file instead.
        </p>
      )}
    </div>
  );
}
