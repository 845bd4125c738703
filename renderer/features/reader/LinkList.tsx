import { useState } from 'react';
import { classifyLink, hostDiffers } from '../../../common/link-policy';
import type { ComposeDraft } from '../../../common/compose/reply';
import type { MailLink } from './sanitize-mail';
import { followLink } from './open-link';

function describe(link: MailLink): { where: string; allowed: boolean } {
  const decision = classifyLink(link.href);
  if (decision.kind === 'web') return { where: decision.host, allowed: true };
  if (decision.kind === 'mailto') return { where: `e-mail to ${decision.to || 'nobody'}`, allowed: true };
  return { where: decision.reason, allowed: false };
}

/**
 * The message's links, outside the untrusted frame: each shows where it really goes; one whose
 * text names another host asks first; schemes other than web and mail are not offered at all.
 */
export function LinkList({ links, onCompose }: { links: MailLink[]; onCompose: (draft: ComposeDraft) => void }) {
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
      if (outcome.dropped.length) setMessage(`Left out of the new message: ${outcome.dropped.join(', ')}.`);
    } else if (outcome.kind === 'refused') setMessage(outcome.reason);
  };

  return (
    <details className="link-list">
      <summary>Links in this message ({links.length})</summary>
      <ul aria-label="Links in this message">
        {links.map((link, i) => {
          const { where, allowed } = describe(link);
          return (
            <li key={`${i}-${link.href}`}>
              <span className="link-text">{link.text || link.href}</span> <span className="muted">→ {where}</span>
              {allowed && (
                <button type="button" className="small" onClick={() => void open(link, false)} aria-label={`Open link ${link.text || link.href} (goes to ${where})`}>
                  Open
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label="This link goes somewhere else">
          <p>
            The link says “{confirming.text}” but goes to <strong>{describe(confirming).where}</strong>. Open it anyway?
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>
              Don’t open
            </button>
            <button type="button" className="danger" onClick={() => void open(confirming, true)}>
              Open {describe(confirming).where}
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
