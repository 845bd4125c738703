import { useMemo, useState } from 'react';
import type { BodyRecord } from '../../../common/model/mail';
import { invoke } from '../../app/use-command';
import { frameDocument, sanitizeMail } from './sanitize-mail';

/**
 * A message body. HTML is sanitized and shown in an iframe with an empty `sandbox` (no scripts,
 * no same-origin, no forms, no popups) and a CSP that blocks every remote load until the user
 * asks; main then fetches the images and the frame gets them as data: URLs. Plain text is
 * rendered as text (React escapes it), never as HTML.
 */
export function MailBody({ body }: { body: BodyRecord }) {
  const [loadedImages, setLoadedImages] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const sanitized = useMemo(() => (body.html ? sanitizeMail(body.html, loadedImages) : null), [body.html, loadedImages]);

  if (!sanitized) return <pre className="plain-body">{body.text}</pre>;

  const loadRemote = async (): Promise<void> => {
    setLoading(true);
    const result = await invoke('remote:fetchImages', { urls: sanitized.remoteImages });
    setLoading(false);
    if (result.ok) setLoadedImages(new Map(result.value.filter((i) => i.dataUrl).map((i) => [i.url, i.dataUrl!])));
  };

  const blocked = sanitized.hasRemoteContent && loadedImages.size === 0;
  return (
    <div className="html-body">
      {blocked && (
        <div className="remote-banner" role="status">
          Remote content in this message is blocked to protect your privacy.
          {sanitized.remoteImages.length > 0 && (
            <button type="button" onClick={() => void loadRemote()} disabled={loading}>
              {loading ? 'Loading…' : `Load ${sanitized.remoteImages.length} remote image(s)`}
            </button>
          )}
        </div>
      )}
      <iframe title="Message content" sandbox="" srcDoc={frameDocument(sanitized.html)} className="mail-frame" referrerPolicy="no-referrer" />
    </div>
  );
}
