import DOMPurify from 'dompurify';

export interface MailLink {
  href: string;
  /** What the message shows for it: its text, or the image's alt text. */
  text: string;
}

export interface SanitizedMail {
  html: string;
  /** The message's links, which the reader offers outside the frame (clicks inside it do nothing). */
  links: MailLink[];
  /** Remote images the message refers to (blocked until the user loads them). */
  remoteImages: string[];
  /** Whether anything remote was referenced at all (images, CSS, media). */
  hasRemoteContent: boolean;
}

const REMOTE = /^\s*(https?:)?\/\//i;
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

/**
 * Sanitizes untrusted mail HTML with DOMPurify (no scripts, handlers or forms), and records
 * what remote content it refers to. Remote images keep their URL in `data-remote-src` and get
 * no `src`; the frame's CSP blocks anything else remote.
 */
export function sanitizeMail(html: string, loadedImages: ReadonlyMap<string, string> = new Map()): SanitizedMail {
  const remoteImages = new Set<string>();
  const links: MailLink[] = [];
  let hasRemoteContent = false;
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (REMOTE.test(src)) {
        hasRemoteContent = true;
        const url = src.trim().startsWith('//') ? `https:${src.trim()}` : src.trim();
        remoteImages.add(url);
        const loaded = loadedImages.get(url);
        node.removeAttribute('src');
        if (loaded) node.setAttribute('src', loaded);
        else node.setAttribute('data-remote-src', url);
      }
      if (node.hasAttribute('srcset')) {
        hasRemoteContent = true;
        node.removeAttribute('srcset');
      }
    }
    for (const attribute of ['background', 'poster']) {
      if (REMOTE.test(node.getAttribute(attribute) ?? '')) {
        hasRemoteContent = true;
        node.removeAttribute(attribute);
      }
    }
    const style = node.getAttribute('style');
    if (style && [...style.matchAll(CSS_URL)].some((m) => !/^data:/i.test(m[2] ?? ''))) hasRemoteContent = true;
    // No link can pick where it opens: with the frame's empty sandbox, a click goes nowhere.
    node.removeAttribute('target');
    if (node.tagName === 'A' || node.tagName === 'AREA') {
      const href = node.getAttribute('href');
      if (href && links.length < MAX_LINKS) links.push({ href: href.trim(), text: (node.textContent || node.querySelector('img')?.getAttribute('alt') || '').trim().slice(0, 200) });
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const clean = purify.sanitize(html, {
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link', 'object', 'embed', 'iframe', 'frame', 'frameset', 'portal'],
    FORBID_ATTR: ['action', 'formaction', 'formtarget', 'target', 'ping', 'srcdoc'],
  });
  return { html: clean, links, remoteImages: [...remoteImages], hasRemoteContent };
}

const MAX_LINKS = 200;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'()]+[^\s<>"'().,;:!?]/gi;

/** The web addresses written in a plain-text message, as links the reader can offer. */
export function linksInText(text: string): MailLink[] {
  return [...new Set(text.match(URL_IN_TEXT) ?? [])].slice(0, MAX_LINKS).map((href) => ({ href, text: href }));
}

/** The document for the sandboxed frame: its own CSP blocks every remote load. */
export function frameDocument(bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; font-src data:"><base target="_blank"><style>body{font-family:system-ui,sans-serif;margin:12px;color:#1c1c1c;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${bodyHtml}</body></html>`;
}
