import { useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ComposeDraft } from '../../../common/compose/reply';
import type { FetchedImage } from '../../../common/contract';
import { tooManyElements } from '../../../common/html-weight';
import type { BodyRecord } from '../../../common/model/mail';
import { invoke } from '../../app/use-command';
import { Highlighted } from '../search/Highlighted';
import { LinkList } from './LinkList';
import { frameDocument, linksInText, sanitizeMail } from './sanitize-mail';

/** Beyond these sizes a page cannot lay a message out in reasonable time: the rest is not shown. */
const MAX_SHOWN_TEXT = 500_000;
const MAX_HTML = 2_000_000;
/**
 * The sandboxed frame showing one document; a new document gets a new frame. Chromium drops a
 * srcdoc assigned while the frame's previous srcdoc is still loading (issue 12, item 12: on a
 * busy machine the images main had fetched for a trusted sender never appeared, the frame kept
 * the document without them). A fresh frame has no earlier load to lose against.
 */
function MailFrame({ document }: { document: string }) {
  const intl = useIntl();
  const [shown, setShown] = useState({ document, generation: 0 });
  if (shown.document !== document) setShown({ document, generation: shown.generation + 1 });
  return <iframe key={shown.generation} title={intl.formatMessage({ id: 'reader.body.frame', defaultMessage: 'Message content' })} sandbox="" srcDoc={document} className="mail-frame" referrerPolicy="no-referrer" />;
}

/**
 * A message body. HTML is sanitized and shown in an iframe with an empty `sandbox` (no scripts,
 * no same-origin, no forms, no popups, no navigation) and a CSP that allows only data: images
 * and inline styles; remote images load only when the user asks (for this message, or always for
 * this sender), fetched by main and handed to the frame as data: URLs, as are the message's own
 * images (cid:, `inlineImages`). Plain text is rendered as text (React escapes it), never as HTML. Links are offered below the body, never followed inside.
 */
export function MailBody({ body, sender, onCompose, highlight, inlineImages }: { body: BodyRecord; sender: string; onCompose: (draft: ComposeDraft) => void; highlight?: readonly string[]; inlineImages?: ReadonlyMap<string, string> }) {
  // Compared by value: a new array with the same terms must not sanitize the message again.
  const highlightKey = highlight?.join('\n') ?? '';
  const terms = useMemo(() => (highlightKey ? highlightKey.split('\n') : []), [highlightKey]);
  const [loadedImages, setLoadedImages] = useState<Map<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  /** Images main refused (too large, not an image, a local address, no answer): said, not hidden. */
  const [refused, setRefused] = useState<{ messageId: string; count: number } | null>(null);
  const notLoaded = refused?.messageId === body.messageId ? refused.count : 0;
  const [senderAllowed, setSenderAllowed] = useState(false);
  const heavy = useMemo(() => body.html !== null && tooManyElements(body.html), [body.html]);
  const [showHeavy, setShowHeavy] = useState(false);
  const sanitized = useMemo(() => (body.html && (!heavy || showHeavy) ? sanitizeMail(body.html.length > MAX_HTML ? body.html.slice(0, MAX_HTML) : body.html, loadedImages, terms, inlineImages) : null), [body.html, loadedImages, heavy, showHeavy, terms, inlineImages]);
  const links = useMemo(() => sanitized?.links ?? linksInText(body.text), [sanitized, body.text]);
  const frameSource = useMemo(() => (sanitized ? frameDocument(sanitized.html) : ''), [sanitized]);
  const remoteImages = sanitized?.remoteImages;

  const loadRemote = async (): Promise<void> => {
    if (!remoteImages?.length) return;
    setLoading(true);
    const result = await invoke('remote:fetchImages', { urls: remoteImages });
    setLoading(false);
    if (result.ok) showFetched(result.value);
  };

  const showFetched = (fetched: FetchedImage[]): void => {
    setLoadedImages(new Map(fetched.filter((i) => i.dataUrl).map((i) => [i.url, i.dataUrl!])));
    setRefused({ messageId: body.messageId, count: fetched.filter((i) => !i.dataUrl).length });
  };

  // Keyed on the images the message refers to, which loading them does not change (so it never
  // asks twice), rather than on the message: a body rewritten with other images is asked for again.
  const remoteKey = remoteImages?.join('\n') ?? '';
  const messageId = body.messageId;
  useEffect(() => {
    if (!sender || !remoteKey) return;
    const urls = remoteKey.split('\n');
    let cancelled = false;
    void invoke('remote:allowedSenders', null).then((result) => {
      if (cancelled || !result.ok || !result.value.includes(sender.toLowerCase())) return;
      setSenderAllowed(true);
      setLoading(true);
      void invoke('remote:fetchImages', { urls }).then((fetched) => {
        setLoading(false);
        if (cancelled || !fetched.ok) return;
        setLoadedImages(new Map(fetched.value.filter((i) => i.dataUrl).map((i) => [i.url, i.dataUrl!])));
        setRefused({ messageId, count: fetched.value.filter((i) => !i.dataUrl).length });
      });
    });
    return () => {
      cancelled = true;
    };
  }, [sender, remoteKey, messageId]);

  const allowSender = async (): Promise<void> => {
    const result = await invoke('remote:allowSender', { address: sender, allow: true });
    if (result.ok) setSenderAllowed(true);
    await loadRemote();
  };

  if (!sanitized) {
    const long = body.text.length > MAX_SHOWN_TEXT;
    return (
      <>
        {heavy && (
          <p className="warning" role="note">
            <FormattedMessage id="reader.body.heavy" defaultMessage="This message’s formatting has an unusually large number of elements, so its text is shown instead." /> <button type="button" onClick={() => setShowHeavy(true)}>
              <FormattedMessage id="reader.body.showHeavy" defaultMessage="Show the formatted message (may be slow)" />
            </button>
          </p>
        )}
        {long && (
          <p className="warning" role="note">
            <FormattedMessage id="reader.body.long" defaultMessage="This message is very long: the first {thousands, number} thousand characters are shown." values={{ thousands: Math.round(MAX_SHOWN_TEXT / 1000) }} />
          </p>
        )}
        <pre className="plain-body" dir="auto">
          <Highlighted text={long ? body.text.slice(0, MAX_SHOWN_TEXT) : body.text} terms={terms} />
        </pre>
        <LinkList links={links} onCompose={onCompose} />
      </>
    );
  }
  const blocked = sanitized.hasRemoteContent && loadedImages.size === 0 && !loading;
  return (
    <div className="html-body">
      {blocked && (
        <div className="remote-banner" role="status">
          <FormattedMessage id="reader.body.remoteBlocked" defaultMessage="Remote content in this message is blocked to protect your privacy." />
          {sanitized.remoteImages.length > 0 && (
            <>
              <button type="button" onClick={() => void loadRemote()}>
                <FormattedMessage id="reader.body.loadRemote" defaultMessage="{count, plural, one {Load # remote image} other {Load # remote images}}" values={{ count: sanitized.remoteImages.length }} />
              </button>
              {sender && !senderAllowed && (
                <button type="button" onClick={() => void allowSender()}>
                  <FormattedMessage id="reader.body.alwaysLoad" defaultMessage="Always load them for {sender}" values={{ sender }} />
                </button>
              )}
            </>
          )}
        </div>
      )}
      {senderAllowed && (
        <p className="muted small-print">
          <FormattedMessage id="reader.body.senderAllowed" defaultMessage="Remote images are loaded for {sender}." values={{ sender }} /> <button type="button" className="link-button" onClick={() => void invoke('remote:allowSender', { address: sender, allow: false }).then(() => setSenderAllowed(false))}>
            <FormattedMessage id="reader.body.stopLoading" defaultMessage="Stop loading them" />
          </button>
        </p>
      )}
      {notLoaded > 0 && (
        <p className="muted small-print" role="status">
          <FormattedMessage
            id="reader.body.notLoaded"
            defaultMessage="{count, plural, one {One remote image was not loaded: too large, not an image, on a local network address, or the server did not answer.} other {# remote images were not loaded: too large, not an image, on a local network address, or the server did not answer.}}"
            values={{ count: notLoaded }}
          />
        </p>
      )}
      {body.html && body.html.length > MAX_HTML && (
        <p className="warning" role="note">
          <FormattedMessage id="reader.body.tooLarge" defaultMessage="This message’s formatting is very large: only its first 2 MB are shown." />
        </p>
      )}
      <MailFrame document={frameSource} />
      <LinkList links={links} onCompose={onCompose} />
    </div>
  );
}
