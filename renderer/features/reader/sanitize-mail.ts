import DOMPurify from 'dompurify';
import { highlightRanges } from '../search/highlight';
import { contentIdKey } from './content-id';

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
/** data: (RFC 2397) and cid: (RFC 2392, made data: here) are the only references a frame shows without asking anyone. */
const DATA = /^\s*data:/i;
const CID = /^\s*cid:/i;
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+[^;]*;?/gi;
/** SVG elements that load what their href names (an <a> is a link, collected as such). */
const SVG_LOADERS = new Set(['image', 'use', 'feimage']);

/**
 * Every url(...) of a piece of CSS that is not a data: URL replaced by `none`, and @import
 * removed: a relative one would resolve against the app's own address (the frame's document is
 * a srcdoc), a remote one would reach a stranger's server. Says whether any was remote.
 */
function withoutCssReferences(css: string): { css: string; remote: boolean } {
  let remote = false;
  const cleaned = css
    .replace(CSS_IMPORT, (rule) => {
      if (/(https?:)?\/\//i.test(rule)) remote = true;
      return '';
    })
    .replace(CSS_URL, (whole, _quote: string, target: string) => {
      if (DATA.test(target)) return whole;
      if (REMOTE.test(target)) remote = true;
      return 'none';
    });
  return { css: cleaned, remote };
}

/** Elements whose text is not shown as text: never marked. */
const NOT_SHOWN_TEXT = new Set(['STYLE', 'SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA']);

/**
 * The searched words marked in the sanitized tree: only text nodes are split, each piece a new
 * text node or a <mark> whose text is set as text, so no attribute changes and no markup can come
 * of a mark (the words come from the search box, the text from the mail: both only ever text).
 */
function markSearchTerms(root: Element, terms: readonly string[]): void {
  const document = root.ownerDocument;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!NOT_SHOWN_TEXT.has(node.parentElement?.tagName ?? '')) texts.push(node as Text);
  }
  let marks = 0;
  for (const node of texts) {
    const text = node.data;
    const ranges = highlightRanges(text, terms);
    if (ranges.length === 0) continue;
    const pieces = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of ranges) {
      if (start > at) pieces.append(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = text.slice(start, end);
      pieces.append(mark);
      at = end;
    }
    if (at < text.length) pieces.append(document.createTextNode(text.slice(at)));
    node.replaceWith(pieces);
    marks += ranges.length;
    if (marks >= MAX_MARKS_IN_HTML) return;
  }
}

const MAX_MARKS_IN_HTML = 1_000;

/**
 * Sanitizes untrusted mail HTML with DOMPurify (no scripts, handlers or forms), and records
 * what remote content it refers to. Remote images keep their URL in `data-remote-src` and get
 * no `src`; the frame's CSP blocks anything else remote. `highlight` (search terms) marks their
 * matches in the text, inside the sanitized tree.
 */
/**
 * `loadedImages`: remote image URL → data: URL the user asked for; `inlineImages`: the message's
 * own images by Content-ID (inline-images.ts) — a cid: with none stays without a source.
 */
export function sanitizeMail(html: string, loadedImages: ReadonlyMap<string, string> = new Map(), highlight: readonly string[] = [], inlineImages: ReadonlyMap<string, string> = new Map()): SanitizedMail {
  const remoteImages = new Set<string>();
  const links: MailLink[] = [];
  let hasRemoteContent = false;
  const purify = DOMPurify(window);
  // A <style> element's sheet: its references go like those of a style attribute.
  purify.addHook('afterSanitizeElements', (node) => {
    if (!(node instanceof Element) || node.tagName !== 'STYLE') return;
    const { css, remote } = withoutCssReferences(node.textContent ?? '');
    if (remote) hasRemoteContent = true;
    node.textContent = css;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    // Only data: (and, for images, cid:) may stay: any other reference that is not remote is
    // relative, and a srcdoc frame resolves it against the app's own address (issue 12, item 11).
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
      } else if (CID.test(src)) {
        // RFC 2392: a part of this message, shown from the cache; one it does not have shows nothing.
        const inline = inlineImages.get(contentIdKey(src));
        if (inline) node.setAttribute('src', inline);
        else node.removeAttribute('src');
      } else if (node.hasAttribute('src') && !DATA.test(src)) node.removeAttribute('src');
    } else if (node.hasAttribute('src')) {
      const src = node.getAttribute('src') ?? '';
      if (REMOTE.test(src)) hasRemoteContent = true;
      if (!DATA.test(src)) node.removeAttribute('src');
    }
    // A srcset (an <img>'s or a <picture> <source>'s) is a list of candidates: none is fetched.
    const srcset = node.getAttribute('srcset');
    if (srcset !== null) {
      if (srcset.split(',').some((candidate) => REMOTE.test(candidate))) hasRemoteContent = true;
      node.removeAttribute('srcset');
    }
    for (const attribute of ['background', 'poster']) {
      const value = node.getAttribute(attribute);
      if (value === null) continue;
      if (REMOTE.test(value)) hasRemoteContent = true;
      if (!DATA.test(value)) node.removeAttribute(attribute);
    }
    if (SVG_LOADERS.has(node.tagName.toLowerCase())) {
      for (const attribute of ['href', 'xlink:href']) {
        const value = node.getAttribute(attribute);
        if (value === null || DATA.test(value) || value.trim().startsWith('#')) continue;
        if (REMOTE.test(value)) hasRemoteContent = true;
        node.removeAttribute(attribute);
      }
    }
    const style = node.getAttribute('style');
    if (style) {
      const { css, remote } = withoutCssReferences(style);
      if (remote) hasRemoteContent = true;
      if (css !== style) node.setAttribute('style', css);
    }
    // No link can pick where it opens: with the frame's empty sandbox, a click goes nowhere.
    node.removeAttribute('target');
    if (node.tagName === 'A' || node.tagName === 'AREA') {
      const href = node.getAttribute('href');
      if (href && links.length < MAX_LINKS) links.push({ href: href.trim(), text: (node.textContent || node.querySelector('img')?.getAttribute('alt') || '').trim().slice(0, 200) });
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  const config = {
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link', 'object', 'embed', 'iframe', 'frame', 'frameset', 'portal'],
    FORBID_ATTR: ['action', 'formaction', 'formtarget', 'target', 'ping', 'srcdoc'],
  };
  let clean: string;
  if (highlight.length === 0) clean = purify.sanitize(html, config);
  else {
    // The sanitized tree itself, marked, then serialized as DOMPurify serializes its own result.
    // RETURN_DOM gives the sanitized document's body element (typed as a Node).
    const body = purify.sanitize(html, { ...config, RETURN_DOM: true }) as Element;
    markSearchTerms(body, highlight);
    clean = body.innerHTML;
  }
  return { html: clean, links, remoteImages: [...remoteImages], hasRemoteContent };
}

const MAX_LINKS = 200;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'()]+[^\s<>"'().,;:!?]/gi;

/** The web addresses written in a plain-text message, as links the reader can offer. */
export function linksInText(text: string): MailLink[] {
  return [...new Set(text.match(URL_IN_TEXT) ?? [])].slice(0, MAX_LINKS).map((href) => ({ href, text: href }));
}

/** What a page made of mail may load (the reader's frame, the printed page): images as data: only, inline styles. */
export const MAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

/**
 * The document for the sandboxed frame: its own CSP blocks every remote load. `dir="auto"`: the
 * message's first strong character sets its direction, so Arabic or Hebrew mail reads right to left.
 */
export function frameDocument(bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><base target="_blank"><style>body{font-family:system-ui,sans-serif;margin:12px;color:#1c1c1c;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}mark.search-hit{background:#ffe58a;color:inherit;outline:1px solid #e0b400}</style></head><body dir="auto">${bodyHtml}</body></html>`;
}
