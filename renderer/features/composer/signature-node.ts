import { mergeAttributes, Node, type Editor } from '@tiptap/react';
import { FORWARD_DIVIDERS, isAttributionLine } from '../../../common/compose/quote-words';

/**
 * The signature in the rich-text composer: one block (`<div data-signature>`: the "-- " line, then
 * the identity's signature) that the From chooser can find and replace, as it replaces the plain
 * text's "-- " block. Sent as it is shown; a quoted message's own signature block is not one
 * (rich-html.ts takes the mark off quoted HTML).
 */
export const SignatureNode = Node.create({
  name: 'signature',
  group: 'block',
  content: 'block+',
  defining: true,
  parseHTML: () => [{ tag: 'div[data-signature]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-signature': '', class: 'signature' }), 0],
});

/** Letters only: the editor and the DOM lay out spaces and line breaks differently. */
function letters(text: string): string {
  return text.replace(/\s+/g, '');
}

/** What a signature block shows, to tell whether the user changed it: its letters and its pictures. */
function contentOfHtml(html: string): { text: string; images: number } {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return { text: letters(body.textContent ?? ''), images: body.querySelectorAll('img').length };
}

/**
 * Where a new signature goes when the message has none of the old one's: before the quoted
 * original of a reply (its "On … wrote:" line) or a forward's divider, as the plain text places
 * it, when it goes above the quote; else at the end.
 */
function insertionPoint(editor: Editor, aboveQuote: boolean): number {
  if (!aboveQuote) return editor.state.doc.content.size;
  let at = -1;
  let previous: { offset: number; text: string } | null = null;
  editor.state.doc.forEach((node, offset) => {
    if (at >= 0) return;
    if (node.type.name === 'blockquote') at = previous && (/wrote:\s*$/.test(previous.text) || isAttributionLine(previous.text)) ? previous.offset : offset;
    else if (node.type.name === 'paragraph' && FORWARD_DIVIDERS.some((divider) => node.textContent.startsWith(divider))) at = offset;
    previous = { offset, text: node.textContent };
  });
  return at >= 0 ? at : editor.state.doc.content.size;
}

/**
 * One identity's signature block replaced by another's (`next`: its block's HTML, '' for none), as
 * the From chooser changes it. The first block at the top level is the message's own; one the user
 * has changed (its words, or a picture added) is left alone, and the new one is added where a
 * signature goes, never written over their words.
 */
export function replaceSignature(editor: Editor, old: string, next: string, aboveQuote: boolean): void {
  let found: { from: number; to: number; text: string; images: number } | null = null;
  editor.state.doc.forEach((node, offset) => {
    if (found || node.type.name !== 'signature') return;
    let images = 0;
    node.descendants((child) => void (child.type.name === 'image' && images++));
    found = { from: offset, to: offset + node.nodeSize, text: letters(node.textContent), images };
  });
  const own = found as { from: number; to: number; text: string; images: number } | null;
  const was = contentOfHtml(old);
  if (own && own.text === was.text && own.images === was.images) {
    if (next) editor.chain().insertContentAt({ from: own.from, to: own.to }, next).run();
    else editor.chain().deleteRange({ from: own.from, to: own.to }).run();
    return;
  }
  if (next) editor.chain().insertContentAt(insertionPoint(editor, aboveQuote), next).run();
}
