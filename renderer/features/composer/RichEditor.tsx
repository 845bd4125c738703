import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { EditorContent, Extension, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Color, TextStyle } from '@tiptap/extension-text-style';
import type { RichNode } from '../../../common/compose/rich-text';
import { cleanPastedHtml } from './rich-html';
import { replaceSignature, SignatureNode } from './signature-node';
import { keyCombo } from '../../i18n/key-names';

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
  const intl = useIntl();
  return (
    <button
      type="button"
      className="rich-tool"
      aria-label={label}
      title={keys ? intl.formatMessage({ id: 'composer.toolbar.withKeys', defaultMessage: '{label} ({keys})' }, { label, keys }) : label}
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
      <label htmlFor="rich-link">
        <FormattedMessage id="composer.link.address" defaultMessage="Link address" />
      </label>
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
        <FormattedMessage id="composer.link.apply" defaultMessage="Apply" />
      </button>
      <button type="button" onClick={onDone}>
        <FormattedMessage id="composer.link.cancel" defaultMessage="Cancel" />
      </button>
    </div>
  );
}

/**
 * Ctrl/⌘+Enter is the composer's Send, as in other mail programs. The editor's own binding of it
 * (a line break: TipTap's HardBreak) ran first, so a message sent with it went with a break added,
 * or without the picture just inserted (still selected, and replaced by the break). Taken here and
 * left to the composer; Shift+Enter still breaks a line.
 */
const SEND_KEY = Extension.create({
  name: 'sendKey',
  priority: 1_000,
  // Both, as the composer sends on either: on a Mac, Mod is ⌘ and Ctrl+Enter is its own key.
  addKeyboardShortcuts: () => ({ 'Mod-Enter': () => true, 'Ctrl-Enter': () => true }),
});

/** Whether a field other than the editor has the keyboard. */
function typingElsewhere(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLElement && (active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName));
}

/** The tools' faces: the letters of their keys (Ctrl/⌘+B, I, U) and signs, the same in every language; their names are their labels. */
const FACES = { bold: 'B', italic: 'I', underline: 'U', heading: 'H', bullets: '•≡', numbers: '1≡', quote: '❝', color: 'A' } as const;

/**
 * The rich-text message field (TipTap on ProseMirror): bold, italic, underline, headings, lists,
 * quotes, links, text colour and inline images, with the usual keys (Ctrl/⌘+B, I, U, K). Pasted
 * HTML (a web page, an office document) is cleaned first (`cleanPastedHtml`), and the editor's own
 * schema keeps only what it knows. The composer turns its content into the HTML and the text part
 * that are sent.
 */
export function RichEditor({ initialHtml, onChange, autoFocus, label, signature = '', signatureAboveQuote = true }: RichEditorProps) {
  const intl = useIntl();
  const fieldLabel = label ?? intl.formatMessage({ id: 'composer.field.message', defaultMessage: 'Message' });
  const [linking, setLinking] = useState(false);
  const images = useRef<HTMLInputElement>(null);
  // Made once the component has mounted, so `editor` is null on the first render: TipTap's
  // immediate editor is destroyed when mounting takes longer than a millisecond (a busy machine),
  // and an effect that met it then took the whole window down.
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ['mailto'] }, codeBlock: false, code: false }), TextStyle, Color, Image.configure({ allowBase64: true }), SignatureNode, SEND_KEY],
    content: initialHtml,
    autofocus: false,
    editorProps: {
      attributes: { 'aria-label': fieldLabel, 'aria-multiline': 'true', role: 'textbox', class: 'rich-body', spellcheck: 'true' },
      // A pasted signature block (copied from a received message) is text like any other, never the message's own.
      transformPastedHTML: (html: string) => cleanPastedHtml(html, { dropSignatureMarks: true }),
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
          setLinking(true);
          return true;
        }
        return false;
      },
    },
    // A change the user's own transaction made. What the editor adds by itself to one that changed
    // nothing (TipTap's trailing paragraph after a final quote, added when the editor takes the
    // focus) is no edit: an untouched reply asked "Discard changes?" on Escape.
    onUpdate: ({ editor: changed, transaction }) => {
      if (transaction.docChanged) onChange({ html: changed.getHTML(), doc: changed.getJSON() as RichNode });
    },
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      heading: e?.isActive('heading', { level: 2 }) ?? false,
      bullets: e?.isActive('bulletList') ?? false,
      numbers: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
      color: (e?.getAttributes('textStyle').color as string | undefined) ?? '',
    }),
  });

  // The editor arrives after the composer opens (it is loaded then): it takes the focus only if
  // the user is not typing elsewhere by then (the recipient, the subject), never their keys.
  const [focusOnArrival] = useState(autoFocus);
  useEffect(() => {
    if (editor && focusOnArrival && !typingElsewhere()) editor.commands.focus('start');
  }, [editor, focusOnArrival]);

  // Another From address: its signature in place of the last one's (the first render's is in initialHtml already).
  const signatureShown = useRef(signature);
  useEffect(() => {
    if (!editor || signatureShown.current === signature) return;
    replaceSignature(editor, signatureShown.current, signature, signatureAboveQuote);
    signatureShown.current = signature;
  }, [editor, signature, signatureAboveQuote]);

  if (!editor || !state) {
    return (
      <div className="rich-editor muted pad">
        <FormattedMessage id="composer.editor.loading" defaultMessage="Loading the editor…" />
      </div>
    );
  }

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
      <div className="rich-toolbar" role="toolbar" aria-label={intl.formatMessage({ id: 'composer.toolbar.label', defaultMessage: 'Formatting' })}>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.bold', defaultMessage: 'Bold' })} keys={keyCombo('Mod+B', { intl })} active={state.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
          <b>{FACES.bold}</b>
        </ToolButton>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.italic', defaultMessage: 'Italic' })} keys={keyCombo('Mod+I', { intl })} active={state.italic} onClick={() => editor.chain().focus().toggleItalic().run()}>
          <i>{FACES.italic}</i>
        </ToolButton>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.underline', defaultMessage: 'Underline' })} keys={keyCombo('Mod+U', { intl })} active={state.underline} onClick={() => editor.chain().focus().toggleUnderline().run()}>
          <u>{FACES.underline}</u>
        </ToolButton>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.heading', defaultMessage: 'Heading' })} active={state.heading} onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}>
          {FACES.heading}
        </ToolButton>
        <span className="rich-separator" aria-hidden="true" />
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.bullets', defaultMessage: 'Bulleted list' })} active={state.bullets} onClick={() => editor.chain().focus().toggleBulletList().run()}>
          {FACES.bullets}
        </ToolButton>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.numbers', defaultMessage: 'Numbered list' })} active={state.numbers} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
          {FACES.numbers}
        </ToolButton>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.quote', defaultMessage: 'Quote' })} active={state.quote} onClick={() => editor.chain().focus().toggleBlockquote().run()}>
          {FACES.quote}
        </ToolButton>
        <span className="rich-separator" aria-hidden="true" />
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.link', defaultMessage: 'Link' })} keys={keyCombo('Mod+K', { intl })} active={state.link} onClick={() => setLinking(true)}>
          <FormattedMessage id="composer.toolbar.link" defaultMessage="Link" />
        </ToolButton>
        <label className="rich-tool rich-color" title={intl.formatMessage({ id: 'composer.toolbar.color', defaultMessage: 'Text colour' })}>
          <span aria-hidden="true" style={{ borderBottomColor: state.color || 'currentColor' }}>
            {FACES.color}
          </span>
          <input
            type="color"
            aria-label={intl.formatMessage({ id: 'composer.toolbar.color', defaultMessage: 'Text colour' })}
            value={/^#[0-9a-f]{6}$/i.test(state.color) ? state.color : '#000000'}
            onChange={(e) => editor.chain().focus().setColor(e.target.value).run()}
          />
        </label>
        <ToolButton label={intl.formatMessage({ id: 'composer.toolbar.insertImage', defaultMessage: 'Insert image' })} onClick={() => images.current?.click()}>
          <FormattedMessage id="composer.toolbar.image" defaultMessage="Image" />
        </ToolButton>
        <input
          ref={images}
          type="file"
          accept="image/*"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label={intl.formatMessage({ id: 'composer.toolbar.imageFile', defaultMessage: 'Image to insert' })}
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
