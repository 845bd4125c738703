import DOMPurify from 'dompurify';
import type { OutgoingAttachment } from '../../../common/contract';
import { ownSignatureAt, signatureBlock } from '../../../common/compose/signature';

/**
 * The HTML around the rich-text composer: what a paste may bring in, what is sent, and the images
 * it shows, which go as parts of the message (`cid:`) rather than inside the HTML.
 */

/**
 * The pictures the editor keeps, each with the extension a picture without a file name is sent
 * under: what a paste brings in, what is sent and what a reopened draft shows must be the same
 * kinds, so every check of them is made from this one list.
 */
export const EDITOR_IMAGE_TYPES: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The types as alternatives in a regular expression (image/png|image/jpeg|…), a type's "+" or "." read as itself. */
const IMAGE_TYPES = Object.keys(EDITOR_IMAGE_TYPES)
  .map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

/** A data: URL of a picture the editor keeps. */
export const EDITOR_IMAGE_URL = new RegExp(`^data:(?:${IMAGE_TYPES});`, 'i');

/** What the composer's schema can hold; everything else of a paste (scripts, styles, Office's own tags) goes first. */
const PASTE_TAGS = ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'a', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'hr'];

// Links to the web or to mail, and pictures inside the HTML of the kinds above only; what is sent also names its own parts (cid:).
const PASTE_URIS = new RegExp(`^(?:https?:|mailto:|data:(?:${IMAGE_TYPES});)`, 'i');
const SENDABLE_URIS = new RegExp(`^(?:https?:|mailto:|cid:|data:(?:${IMAGE_TYPES});)`, 'i');
const INLINE_IMAGE = new RegExp(`^data:(${IMAGE_TYPES});base64,([A-Za-z0-9+/=]+)$`, 'i');

/**
 * A paste from a web page or an office program, cut to the tags the composer knows (DOMPurify).
 * `dropSignatureMarks`: without the marks of signature blocks (signature-node.ts), for HTML that
 * is not the message's own (a paste, a quoted original), whose signature the From chooser must
 * not replace; a saved draft's HTML keeps them (data-* attributes pass DOMPurify unless forbidden).
 */
export function cleanPastedHtml(html: string, { dropSignatureMarks = false }: { dropSignatureMarks?: boolean } = {}): string {
  // Office's conditional comments and <o:p> pieces are dropped with everything not listed.
  const fragment = DOMPurify.sanitize(html, { ALLOWED_TAGS: PASTE_TAGS, ALLOWED_ATTR: ['href', 'src', 'alt', 'style'], FORBID_ATTR: dropSignatureMarks ? ['data-signature'] : [], ALLOWED_URI_REGEXP: PASTE_URIS, RETURN_DOM_FRAGMENT: true });
  // An image from the web would be fetched by the composer (a tracker learns the paste) and by
  // every recipient: only images carried in the paste itself stay.
  for (const img of fragment.querySelectorAll('img')) if (!/^data:image\//i.test(img.getAttribute('src') ?? '')) img.remove();
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** The HTML that is sent: the editor's own, checked once more (links to the web or mail only, images inside the message only). */
export function sendableHtml(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS: [...PASTE_TAGS, 'mark'], ALLOWED_ATTR: ['href', 'src', 'alt', 'style', 'start', 'target', 'rel', 'dir'], ALLOWED_URI_REGEXP: SENDABLE_URIS });
}

/**
 * The HTML with each image it shows as a `data:` URL turned into a part of the message: the image
 * goes as an inline attachment with a Content-ID, the HTML refers to it as `cid:` (RFC 2392), so
 * the message is multipart/related and mail programs that refuse `data:` images show it.
 */
export function withInlineImages(html: string, domain: string): { html: string; images: OutgoingAttachment[] } {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const images: OutgoingAttachment[] = [];
  for (const img of doc.querySelectorAll('img')) {
    const match = INLINE_IMAGE.exec(img.getAttribute('src') ?? '');
    if (!match) {
      // Nothing from the web is fetched by the recipient's program on the sender's behalf.
      if (!/^cid:/i.test(img.getAttribute('src') ?? '')) img.remove();
      continue;
    }
    const type = match[1]!.toLowerCase();
    const bytes = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
    const contentId = `image${images.length + 1}.${crypto.randomUUID()}@${domain}`;
    const alt = img.getAttribute('alt')?.trim();
    const name = alt && /\.\w{2,5}$/.test(alt) ? alt : `image${images.length + 1}.${EDITOR_IMAGE_TYPES[type] ?? 'img'}`;
    images.push({ filename: name, contentType: type, content: bytes, contentId });
    img.setAttribute('src', `cid:${contentId}`);
  }
  // Each paragraph laid out by its own script in the recipient's program too (Arabic right to left, English left to right).
  for (const block of doc.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote')) if (!block.hasAttribute('dir')) block.setAttribute('dir', 'auto');
  return { html: doc.body.innerHTML, images };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Plain text as the editor's HTML: a paragraph per blank-line-separated block, its line breaks
 * kept; a run of quoted lines ("> ", a reply's quote) becomes a quote, nested quotes nested.
 */
export function textToHtml(text: string): string {
  if (!text) return '';
  const html: string[] = [];
  for (const block of text.split(/\n{2,}/)) {
    let lines: string[] = [];
    let quoted: string[] = [];
    const flushLines = (): void => {
      if (lines.length) html.push(`<p>${lines.map(escapeHtml).join('<br>')}</p>`);
      lines = [];
    };
    const flushQuote = (): void => {
      if (quoted.length) html.push(`<blockquote>${textToHtml(quoted.join('\n'))}</blockquote>`);
      quoted = [];
    };
    for (const line of block.split('\n')) {
      if (line.startsWith('>')) {
        flushLines();
        quoted.push(line.replace(/^> ?/, ''));
      } else {
        flushQuote();
        lines.push(line);
      }
    }
    flushLines();
    flushQuote();
  }
  return html.join('');
}

/**
 * A new reply's or forward's first HTML in rich text: its text as paragraphs, with the original's
 * own HTML (cleaned as a paste is) where the text quotes it, inside a quote for a reply.
 */
export function richStart(text: string, quoted: { text: string; html: string; asQuote: boolean } | undefined): string {
  const at = quoted ? text.indexOf(quoted.text) : -1;
  if (!quoted || at < 0) return textToHtml(text);
  // The original's own signature block is part of what is quoted, not one the From chooser replaces.
  const original = cleanPastedHtml(quoted.html, { dropSignatureMarks: true });
  return textToHtml(text.slice(0, at).replace(/\n$/, '')) + (quoted.asQuote ? `<blockquote>${original}</blockquote>` : original) + textToHtml(text.slice(at + quoted.text.length).replace(/^\n+/, ''));
}

/** An identity's signature: its text, and its HTML when it was written in rich text. */
export interface SignatureParts {
  text: string;
  html?: string | undefined;
}

/**
 * The signature block as the rich editor holds it (signature-node.ts): the "-- " line, then the
 * identity's rich signature, or its text as paragraphs; '' for none.
 */
export function signatureHtml(signature: SignatureParts): string {
  // A rich signature's text says whether it holds anything (its pictures as "[logo.png]").
  if (!signature.text.trim()) return '';
  const content = signature.html ? cleanPastedHtml(signature.html) : signatureParagraph(signature.text);
  return content.trim() ? `<div data-signature=""><p>--&nbsp;</p>${content}</div>` : '';
}

/**
 * A plain signature as one paragraph, a line break for each of its own (blank lines too): its
 * block's text part then reads exactly as the plain signature (rich-text.ts joins blocks by one).
 */
export function signatureParagraph(text: string): string {
  return `<p>${text.replace(/\r\n/g, '\n').replace(/\s+$/, '').split('\n').map(escapeHtml).join('<br>')}</p>`;
}

/** Stands in for the signature while the text becomes HTML: a character no message begins with. */
const SIGNATURE_MARK = '\uE000signature\uE000';

/**
 * richStart for a text that holds the identity's signature as placed in plain text ("-- " and its
 * lines, common/compose/signature.ts): the same HTML, with the signature as the editor's signature
 * block (in its rich form when it has one) where the text had it.
 */
export function richStartSigned(text: string, quoted: Parameters<typeof richStart>[1], signature: SignatureParts): string {
  const block = signatureBlock(signature.text);
  const at = ownSignatureAt(text, signature.text, quoted?.text);
  if (at < 0) return richStart(text, quoted);
  const html = richStart(text.slice(0, at) + SIGNATURE_MARK + text.slice(at + block.length), quoted);
  const placed = html.replace(new RegExp(`<p>${SIGNATURE_MARK}(?:<br>)*</p>`), () => signatureHtml(signature));
  // The mark not on a line of its own (text right after the signature): the text as it is.
  return placed.includes(SIGNATURE_MARK) ? richStart(text, quoted) : placed;
}
