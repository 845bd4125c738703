import { useEffect, useRef, useState, type ReactNode } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Color, TextStyle } from '@tiptap/extension-text-style';
import type { RichNode } from '../../../common/compose/rich-text';
import { cleanPastedHtml, withoutSignatureMarks } from './rich-html';
import { replaceSignature, SignatureNode } from './signature-node';
import { MOD_KEY } from '../message-list/BulkPanel';

export interface RichContent {
  html: string;
  doc: RichNode;
}

interface RichEditorProps {
  /** The HTML it starts with (already sanitized). */
  initialHtml: string;
  onChange: (content: RichContent) => void;
  autoFocus: boolean;
  /** What the text field is called (the message, an identity's signature). */
  label?: string;
  /** The signature block of the identity it writes from (signatureHtml): a change replaces the block in the text. */
  signature?: string;
  /** Where a signature goes in a reply or forward that has none yet: above the quoted original (else at the end). */
  signatureAboveQuote?: boolean;
}

function ToolButton({ label, keys, active, onClick, children }: { label: string; keys?: string; active?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="rich-tool"
      aria-label={label}
      title={keys ? `${label} (${keys})` : label}
      aria-pressed={active}
      // The editor keeps its selection: a click on the toolbar does not take the focus from it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The link field under the toolbar: an address for the selected text (empty removes the link). */
function LinkField({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const [href, setHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? 'https://');
  const apply = (): void => {
    const address = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!address || address === 'https://') chain.unsetLink().run();
    // Only web and mail addresses: a link in a message is never script.
    else if (/^(https?:|mailto:)/i.test(address)) chain.setLink({ href: address }).run();
    else chain.setLink({ href: `https://${address}` }).run();
    onDone();
  };
  return (
    <div className="rich-link-field">
      <label htmlFor="rich-link">Link address</label>
      <input
        id="rich-link"
        value={href}
        autoFocus
        onChange={(e) => setHref(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
      />
      <button type="button" onClick={apply}>
        Apply
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}

/** Whether a field other than the editor has the keyboard. */
function typingElsewhere(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLElement && (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName));
}

const mod = MOD_KEY === '⌘' ? '⌘' : 'Ctrl+';

/**
 * The rich-text message field (TipTap on ProseMirror): bold, italic, underline, headings, lists,
 * quotes, links, text colour and inline images, with the usual keys (Ctrl/⌘+B, I, U, K). Pasted
 * HTML (a web page, an office document) is cleaned first (`cleanPastedHtml`), and the editor's own
 * schema keeps only what it knows. The composer turns its content into the HTML and the text part
 * that are sent.
 */
export function RichEditor({ initialHtml, onChange, autoFocus, label = 'Message', signature = '', signatureAboveQuote = true }: RichEditorProps) {
  const [linking, setLinking] = useState(false);
  const images = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ['mailto'] }, codeBlock: false, code: false }), TextStyle, Color, Image.configure({ allowBase64: true }), SignatureNode],
    content: initialHtml,
    autofocus: false,
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'rich-body', spellcheck: 'true' },
      // A pasted signature block (copied from a received message) is text like any other, never the message's own.
      transformPastedHTML: (html: string) => withoutSignatureMarks(cleanPastedHtml(html)),
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
          setLinking(true);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: changed }) => onChange({ html: changed.getHTML(), doc: changed.getJSON() as RichNode }),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      heading: e.isActive('heading', { level: 2 }),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      color: (e.getAttributes('textStyle').color as string | undefined) ?? '',
    }),
  });

  // The editor arrives after the composer opens (it is loaded then): it takes the focus only if
  // the user is not typing elsewhere by then (the recipient, the subject), never their keys.
  const [focusOnArrival] = useState(autoFocus);
  useEffect(() => {
    if (focusOnArrival && !typingElsewhere()) editor.commands.focus('start');
  }, [editor, focusOnArrival]);

  // Another From address: its signature in place of the last one's (the first render's is in initialHtml already).
  const signatureShown = useRef(signature);
  useEffect(() => {
    if (signatureShown.current === signature) return;
    replaceSignature(editor, signatureShown.current, signature, signatureAboveQuote);
    signatureShown.current = signature;
  }, [editor, signature, signatureAboveQuote]);

  const insertImages = async (files: FileList | null): Promise<void> => {
    for (const file of [...(files ?? [])].filter((f) => f.type.startsWith('image/'))) {
      const src = await new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
        reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
        reader.readAsDataURL(file);
      });
      editor.chain().focus().setImage({ src, alt: file.name }).run();
    }
  };

  return (
    <div className="rich-editor">
      <div className="rich-toolbar" role="toolbar" aria-label="Formatting">
        <ToolButton label="Bold" keys={`${mod}B`} active={state.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
          <b>B</b>
        </ToolButton>
        <ToolButton label="Italic" keys={`${mod}I`} active={state.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
          <i>I</i>
        </ToolButton>
        <ToolButton label="Underline" keys={`${mod}U`} active={state.underline} onClick={() => editor.chain().focus().toggleUnderline().run()}>
          <u>U</u>
        </ToolButton>
        <ToolButton label="Heading" active={state.heading} onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}>
          H
        </ToolButton>
        <span className="rich-separator" aria-hidden="true" />
        <ToolButton label="Bulleted list" active={state.bullets} onClick={() => editor.chain().focus().toggleBulletList().run()}>
          •≡
        </ToolButton>
        <ToolButton label="Numbered list" active={state.numbers} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
          1≡
        </ToolButton>
        <ToolButton label="Quote" active={state.quote} onClick={() => editor.chain().focus().toggleBlockquote().run()}>
          ❝
        </ToolButton>
        <span className="rich-separator" aria-hidden="true" />
        <ToolButton label="Link" keys={`${mod}K`} active={state.link} onClick={() => setLinking(true)}>
          Link
        </ToolButton>
        <label className="rich-tool rich-color" title="Text colour">
          <span aria-hidden="true" style={{ borderBottomColor: state.color || 'currentColor' }}>
            A
          </span>
          <input type="color" aria-label="Text colour" value={/^#[0-9a-f]{6}$/i.test(state.color) ? state.color : '#000000'} onChange={(e) => editor.chain().focus().setColor(e.target.value).run()} />
        </label>
        <ToolButton label="Insert image" onClick={() => images.current?.click()}>
          Image
        </ToolButton>
        <input
          ref={images}
          type="file"
          accept="image/*"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Image to insert"
          onChange={(e) => {
            void insertImages(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      {linking && <LinkField editor={editor} onDone={() => setLinking(false)} />}
      <EditorContent editor={editor} className="rich-content" />
    </div>
  );
}
