import type { SendSizeLimit } from '../../../common/contract';
import { formatOctets } from '../../../common/model/raw-source';
import type { ContactRecord } from '../../../common/compose/contacts';

/** An address typed that looks like a slip of a well-known contact's. */
export interface AddressSlip {
  typed: string;
  meant: ContactRecord;
}

interface ComposeWarningsProps {
  /** The word in the user's text that promises an attachment, when nothing is attached. */
  missingAttachmentWord: string | null;
  /** Send was pressed once with that promise unkept: the next press sends anyway. */
  confirmingSend: boolean;
  estimatedBytes: number;
  sizeLimit: SendSizeLimit | null;
  slips: readonly AddressSlip[];
  /** Send was pressed once with those slips: the next press sends anyway. */
  confirmingSlips: boolean;
  onUseAddress: (typed: string, meant: string) => void;
}

/** How the store knows the meant address, in a few words. */
function knownAs(c: ContactRecord): string {
  const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
  if (c.sent > 0) return `you wrote to them ${times(c.sent)}`;
  return `they wrote to you ${times(c.received)}`;
}

/**
 * What the composer notices before the user sends: a promised attachment that is not there, an
 * address that looks like a slip of one the user knows well, and a message larger than the sending
 * server takes. Each is said before Send is pressed (a slip once the field is left), not only at Send.
 */
export function ComposeWarnings({ missingAttachmentWord, confirmingSend, estimatedBytes, sizeLimit, slips, confirmingSlips, onUseAddress }: ComposeWarningsProps) {
  const limit = sizeLimit?.maxMessageBytes ?? null;
  const tooLarge = limit !== null && estimatedBytes > limit;
  if (!missingAttachmentWord && !tooLarge && slips.length === 0) return null;
  return (
    <div className="compose-warnings" role="status" aria-label="Before sending">
      {missingAttachmentWord && (
        <p className={confirmingSend ? 'compose-warning urgent' : 'compose-warning'}>
          You wrote “<span dir="auto">{missingAttachmentWord}</span>”, but nothing is attached.
          {confirmingSend ? ' Press Send again to send it without one.' : ''}
        </p>
      )}
      {slips.map(({ typed, meant }) => (
        <p key={typed} className={confirmingSlips ? 'compose-warning slip urgent' : 'compose-warning slip'}>
          <span>
            <strong>{typed}</strong> is new here. Did you mean <strong>{meant.address}</strong> ({knownAs(meant)})?
            {confirmingSlips ? ' Press Send again to send it as typed.' : ''}
          </span>
          <button type="button" onClick={() => onUseAddress(typed, meant.address)}>
            Use {meant.address}
          </button>
        </p>
      ))}
      {tooLarge && sizeLimit && (
        <p className="compose-warning urgent">
          About {formatOctets(estimatedBytes)} as sent: {sizeLimit.host} takes at most {formatOctets(limit)}. Remove an attachment, or share a link to the file instead.
        </p>
      )}
    </div>
  );
}
