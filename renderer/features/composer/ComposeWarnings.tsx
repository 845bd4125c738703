import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { SendSizeLimit } from '../../../common/contract';
import { sizeText } from '../../i18n/sizes';
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
  /** The text holds pictures (rich text): removing one makes the message smaller too. */
  hasPictures: boolean;
  sizeLimit: SendSizeLimit | null;
  slips: readonly AddressSlip[];
  /** Send was pressed once with those slips: the next press sends anyway. */
  confirmingSlips: boolean;
  onUseAddress: (typed: string, meant: string) => void;
}

/** How the store knows the meant address, in a few words. */
function knownAs(c: ContactRecord, intl: IntlShape): string {
  if (c.sent > 0) return intl.formatMessage({ id: 'composer.slip.youWrote', defaultMessage: '{count, plural, one {you wrote to them once} =2 {you wrote to them twice} other {you wrote to them {count} times}}' }, { count: c.sent });
  return intl.formatMessage({ id: 'composer.slip.theyWrote', defaultMessage: '{count, plural, one {they wrote to you once} =2 {they wrote to you twice} other {they wrote to you {count} times}}' }, { count: c.received });
}

/**
 * What the composer notices before the user sends: a promised attachment that is not there, an
 * address that looks like a slip of one the user knows well, and a message larger than the sending
 * server takes. Each is said before Send is pressed (a slip once the field is left), not only at Send.
 */
export function ComposeWarnings({ missingAttachmentWord, confirmingSend, estimatedBytes, hasPictures, sizeLimit, slips, confirmingSlips, onUseAddress }: ComposeWarningsProps) {
  const intl = useIntl();
  const limit = sizeLimit?.maxMessageBytes ?? null;
  const tooLarge = limit !== null && estimatedBytes > limit;
  if (!missingAttachmentWord && !tooLarge && slips.length === 0) return null;
  return (
    <div className="compose-warnings" role="status" aria-label={intl.formatMessage({ id: 'composer.warnings.label', defaultMessage: 'Before sending' })}>
      {missingAttachmentWord && (
        <p className={confirmingSend ? 'compose-warning urgent' : 'compose-warning'}>
          <FormattedMessage
            id="composer.warnings.noAttachment"
            defaultMessage="You wrote “{word}”, but nothing is attached.{confirming, select, yes { Press Send again to send it without one.} other {}}"
            values={{ word: <span dir="auto">{missingAttachmentWord}</span>, confirming: confirmingSend ? 'yes' : 'no' }}
          />
        </p>
      )}
      {slips.map(({ typed, meant }) => (
        <p key={typed} className={confirmingSlips ? 'compose-warning slip urgent' : 'compose-warning slip'}>
          <span>
            <FormattedMessage
              id="composer.warnings.slip"
              defaultMessage="<strong>{typed}</strong> is new here. Did you mean <strong>{meant}</strong> ({knownAs})?{confirming, select, yes { Press Send again to send it as typed.} other {}}"
              values={{ typed, meant: meant.address, knownAs: knownAs(meant, intl), confirming: confirmingSlips ? 'yes' : 'no', strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </span>
          <button type="button" onClick={() => onUseAddress(typed, meant.address)}>
            <FormattedMessage id="composer.warnings.useAddress" defaultMessage="Use {address}" values={{ address: meant.address }} />
          </button>
        </p>
      ))}
      {tooLarge && sizeLimit && (
        <p className="compose-warning urgent">
          <FormattedMessage
            id="composer.warnings.tooLarge"
            defaultMessage="About {size} as sent: {host} takes at most {limit}. {pictures, select, yes {Remove a picture or an attachment, or share a link instead.} other {Remove an attachment, or share a link to the file instead.}}"
            values={{ size: sizeText(estimatedBytes), host: sizeLimit.host, limit: sizeText(limit), pictures: hasPictures ? 'yes' : 'no' }}
          />
        </p>
      )}
    </div>
  );
}
