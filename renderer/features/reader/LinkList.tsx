import { useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { classifyLink, hostDiffers } from '../../../common/link-policy';
import type { ComposeDraft } from '../../../common/compose/reply';
import type { MailLink } from './sanitize-mail';
import { followLink } from './open-link';
import { linkRefusalText } from '../../i18n/link-words';

function describe(link: MailLink, intl: IntlShape): { where: string; allowed: boolean } {
  const decision = classifyLink(link.href);
  if (decision.kind === 'web') return { where: decision.host, allowed: true };
  if (decision.kind === 'mailto') {
    const where = decision.to
      ? intl.formatMessage({ id: 'reader.links.mailTo', defaultMessage: 'e-mail to {to}' }, { to: decision.to })
      : intl.formatMessage({ id: 'reader.links.mailToNobody', defaultMessage: 'e-mail to nobody' });
    return { where, allowed: true };
  }
  return { where: linkRefusalText(decision.refusal, intl), allowed: false };
}

/**
 * The message's links, outside the untrusted frame: each shows where it really goes; one whose
 * text names another host asks first; schemes other than web and mail are not offered at all.
 */
export function LinkList({ links, onCompose }: { links: MailLink[]; onCompose: (draft: ComposeDraft) => void }) {
  const intl = useIntl();
  const [confirming, setConfirming] = useState<MailLink | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (links.length === 0) return null;

  const open = async (link: MailLink, confirmed: boolean): Promise<void> => {
    setMessage(null);
    if (!confirmed && hostDiffers(link.text, link.href)) {
      setConfirming(link);
      return;
    }
    setConfirming(null);
    const outcome = await followLink(link.href);
    if (outcome.kind === 'compose') {
      onCompose(outcome.draft);
      if (outcome.dropped.length) setMessage(intl.formatMessage({ id: 'reader.links.dropped', defaultMessage: 'Left out of the new message: {dropped}.' }, { dropped: outcome.dropped.join(', ') }));
    } else if (outcome.kind === 'refused') setMessage(linkRefusalText(outcome.refusal, intl));
    else if (outcome.kind === 'failed') setMessage(outcome.error);
  };

  return (
    <details className="link-list">
      <summary>
        <FormattedMessage id="reader.links.summary" defaultMessage="Links in this message ({count, number})" values={{ count: links.length }} />
      </summary>
      <ul aria-label={intl.formatMessage({ id: 'reader.links.list', defaultMessage: 'Links in this message' })}>
        {links.map((link, i) => {
          const { where, allowed } = describe(link, intl);
          return (
            <li key={`${i}-${link.href}`}>
              <span className="link-text">{link.text || link.href}</span> <span className="muted">{intl.formatMessage({ id: 'reader.links.goesTo', defaultMessage: '→ {where}' }, { where })}</span>
              {allowed && (
                <button
                  type="button"
                  className="small"
                  onClick={() => void open(link, false)}
                  aria-label={intl.formatMessage({ id: 'reader.links.openLabel', defaultMessage: 'Open link {link} (goes to {where})' }, { link: link.text || link.href, where })}
                >
                  <FormattedMessage id="reader.links.open" defaultMessage="Open" />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={intl.formatMessage({ id: 'reader.links.confirmLabel', defaultMessage: 'This link goes somewhere else' })}>
          <p>
            <FormattedMessage
              id="reader.links.confirm"
              defaultMessage="The link says “{text}” but goes to <strong>{where}</strong>. Open it anyway?"
              values={{ text: confirming.text, where: describe(confirming, intl).where, strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              <FormattedMessage id="reader.links.dontOpen" defaultMessage="Don’t open" />
            </button>
            <button type="button" className="danger" onClick={() => void open(confirming, true)}>
              <FormattedMessage id="reader.links.openAnyway" defaultMessage="Open {where}" values={{ where: describe(confirming, intl).where }} />
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className="warning" role="status">
          {message}
        </p>
      )}
    </details>
  );
}
