import { mergeAttributes, Node, type Editor } from '@tiptap/react';

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

function textOfHtml(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

/**
 * One identity's signature block replaced by another's (`next`: its block's HTML, '' for none), as
 * the From chooser changes it. The first block at the top level is the message's own; one the user
 * has changed is left alone, and the new one is added at the end, never written over their words.
 */
export function replaceSignature(editor: Editor, old: string, next: string): void {
  let found: { from: number; to: number; text: string } | null = null;
  editor.state.doc.forEach((node, offset) => {
    if (!found && node.type.name === 'signature') found = { from: offset, to: offset + node.nodeSize, text: node.textContent };
  });
  const own = found as { from: number; to: number; text: string } | null;
  if (own && letters(own.text) === letters(textOfHtml(old))) {
    if (next) editor.chain().insertContentAt({ from: own.from, to: own.to }, next).run();
    else editor.chain().deleteRange({ from: own.from, to: own.to }).run();
    return;
  }
  if (next) editor.chain().insertContentAt(editor.state.doc.content.size, next).run();
}
