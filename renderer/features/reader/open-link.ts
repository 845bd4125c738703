import { classifyLink, type LinkNotOpened } from '../../../common/link-policy';
import { emptyDraft, type ComposeDraft } from '../../../common/compose/reply';
import { invoke } from '../../app/use-command';
import { errorText } from '../../i18n/error-words';

/** `refused`: why, as a code (the link list words it) or, when main could not be asked, the error in words. */
export type LinkOutcome = { kind: 'opened' } | { kind: 'compose'; draft: ComposeDraft; dropped: string[] } | { kind: 'refused'; refusal: LinkNotOpened } | { kind: 'failed'; error: string };

/**
 * Follows a link the user chose from a message: web links through main (which checks again and
 * opens the system browser; the web harness opens a new tab), mailto: into the composer without
 * attach= and the like, anything else refused.
 */
export async function followLink(href: string): Promise<LinkOutcome> {
  const decision = classifyLink(href);
  if (decision.kind === 'refused') return { kind: 'refused', refusal: decision.refusal };
  if (decision.kind === 'mailto') {
    return { kind: 'compose', dropped: decision.dropped, draft: { ...emptyDraft(), to: decision.to, cc: decision.cc, bcc: decision.bcc, subject: decision.subject, text: decision.body } };
  }
  const result = await invoke('link:open', { url: decision.url });
  if (!result.ok) return { kind: 'failed', error: errorText(result.error) };
  if (result.value.action === 'refused') return { kind: 'refused', refusal: result.value.refusal };
  if (result.value.action === 'open-in-page') window.open(result.value.url, '_blank', 'noopener,noreferrer');
  return { kind: 'opened' };
}
