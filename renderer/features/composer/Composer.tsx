import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef, OutgoingMessage, SendSizeLimit } from '../../../common/contract';
import { attachmentMention } from '../../../common/compose/attachment-mention';
import { estimatedWireBytes, forwardedBytes, richHtmlParts } from '../../../common/compose/message-size';
import { useBody, useContactBook, useMessage } from '../../cache/hooks';
import { likelySlipOf, prepareBook } from '../../../common/compose/address-completion';
import { fieldAddresses, withAddressReplaced } from '../../../common/compose/recipient-text';
import { RecipientField } from './RecipientField';
import { cleanPastedHtml, richStartSigned, sendableHtml, signatureHtml, textToHtml, withInlineImages, type SignatureParts } from './rich-html';
import { richTextToPlain, type RichNode } from '../../../common/compose/rich-text';
import { composeFormat, type ComposeFormat } from './compose-format';
import type { ContactBook } from '../../../common/compose/contacts';
import { ComposeWarnings, type AddressSlip } from './ComposeWarnings';
import { formatAddress, type ComposeDraft } from '../../../common/compose/reply';
import { swapSignature, textWithSignature } from '../../../common/compose/signature';
import type { AccountSummary } from '../../../common/model/account';
import { identitiesOf, MAIN_IDENTITY_ID, NO_IDENTITIES, type Identity } from '../../../common/model/identity';
import { sizeText } from '../../i18n/sizes';
import { carriesFiles } from '../../ui/carries-files';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { invoke, useCommand } from '../../app/use-command';
import { useAttachments } from './use-attachments';
import { useAutosave } from './use-autosave';
import { draftKeyFor } from '../../../common/compose/draft-key';

interface ComposerProps {
  device: DeviceRef;
  /** The sending device's cache: a forward's attachments are sized from it (absent: a new message only). */
  dbName?: string | null;
  /** The account it writes from: its identities (the From chooser) and where signatures go. */
  account: Pick<AccountSummary, 'displayName' | 'address' | 'identities'>;
  /** Which device sends it, where several are shown side by side. */
  sentFrom?: string;
  initial: ComposeDraft;
  onClose: (reason: 'sent' | 'saved' | 'discarded') => void;
}

/** The editor (TipTap, ProseMirror) is loaded when a message is first written in rich text: the app starts without it. */
const RichEditor = lazy(() => import('./RichEditor').then((m) => ({ default: m.RichEditor })));

/** An identity's signature as the rich editor places it: its rich form, where it has one. */
function signatureOf(identity: Pick<Identity, 'signature' | 'signatureHtml'>): SignatureParts {
  return { text: identity.signature, html: identity.signatureHtml };
}

/** The button that takes an attached file off: a sign, the same in every language (its label names the file). */
const REMOVE_SIGN = '×';

/** Addresses in the recipients' text that look like slips of well-known contacts' addresses. */
function slipsIn(recipients: string, book: ContactBook | undefined): AddressSlip[] {
  if (!book) return [];
  return fieldAddresses(recipients).flatMap((typed) => {
    const meant = likelySlipOf(typed, book.contacts, Date.now());
    return meant ? [{ typed, meant }] : [];
  });
}

/** Write, reply or forward. Nothing typed is lost on a failed send: the composer stays open. */
export function Composer({ device, account, dbName, sentFrom, initial, onClose }: ComposerProps) {
  const intl = useIntl();
  const identities = identitiesOf(account);
  const { signaturePlacement } = account.identities ?? NO_IDENTITIES;
  const identityOf = (id: string | undefined): Identity => identities.find((i) => i.id === (id ?? MAIN_IDENTITY_ID)) ?? identities[0]!;
  // A new message, reply or forward starts with its identity's signature; a saved draft has it already.
  const [start] = useState(() => {
    const signed = initial.kind === 'draft' ? initial : { ...initial, text: textWithSignature(initial.text, identityOf(initial.identityId).signature, signaturePlacement) };
    // A saved draft's HTML came from a server: cut to what the editor holds, like a paste, but its signature block is its own (images it carried by cid: are not shown).
    const begun = signed.html !== undefined ? { ...signed, html: cleanPastedHtml(signed.html) } : signed;
    // An address that writes plain text only: its text part, whatever the message began as.
    if (identityOf(initial.identityId).plainTextOnly) return { ...begun, html: undefined };
    // Rich from the start (the user's choice for new messages): the text as the editor's first HTML.
    return begun.html === undefined && initial.kind !== 'draft' && composeFormat.read() === 'rich' ? { ...begun, html: richStartSigned(begun.text, initial.quoted, signatureOf(identityOf(initial.identityId))) } : begun;
  });
  const [draft, setDraft] = useState(start);
  const identity = identityOf(draft.identityId);
  const [draftKey] = useState(() => draftKeyFor(initial.draftKey, identityOf(initial.identityId).address, crypto.randomUUID()));
  const { attachments, error: attachError, add, remove } = useAttachments(initial.attachments);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [confirmNoAttachment, setConfirmNoAttachment] = useState(false);
  const [confirmSlips, setConfirmSlips] = useState(false);
  // Rich text or plain, per message: a draft or a taken-back message keeps its own, a new one starts as the user last chose.
  const [format, setFormat] = useState<ComposeFormat>(() => (start.html !== undefined ? 'rich' : 'plain'));
  /** The editor's content when the user went to plain text: back to rich with the text unchanged, the formatting is still there. */
  const [leftRich, setLeftRich] = useState<{ html: string; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sizeLimit, setSizeLimit] = useState<SendSizeLimit | null>(null);
  const send = useCommand('message:send');
  const save = useCommand('draft:save');
  const busy = send.pending || save.pending;
  const { accountId, deviceId } = device;

  // A hint only: offline, or with a server that cannot be asked, the composer warns of nothing and main checks at Send.
  useEffect(() => {
    let current = true;
    void invoke('message:sizeLimit', { accountId, deviceId }).then((result) => {
      if (current && result.ok) setSizeLimit(result.value);
    });
    return () => {
      current = false;
    };
  }, [accountId, deviceId]);

  // A question about a missing attachment is answered by attaching, or by changing the text; either asks anew.
  const attach = (files: Iterable<File>): Promise<void> => {
    setConfirmNoAttachment(false);
    return add(files);
  };
  const detach = (index: number): void => {
    setConfirmNoAttachment(false);
    remove(index);
  };

  // Address completion and the typo warning read the sending device's contacts store.
  const book = useContactBook(dbName ?? null);
  const prepared = useMemo(() => (book ? prepareBook(book) : undefined), [book]);
  const already = useMemo(() => new Set(fieldAddresses(`${draft.to}, ${draft.cc}, ${draft.bcc}`)), [draft.to, draft.cc, draft.bcc]);
  // Recipients are checked for slips as the user leaves a field, not while an address is half typed.
  const [checkedRecipients, setCheckedRecipients] = useState(() => `${start.to}, ${start.cc}, ${start.bcc}`);
  const slips = useMemo(() => slipsIn(checkedRecipients, book), [checkedRecipients, book]);
  const checkRecipients = (): void => setCheckedRecipients(`${draft.to}, ${draft.cc}, ${draft.bcc}`);
  const applyMeantAddress = (typed: string, meant: string): void => {
    const next = { ...draft, to: withAddressReplaced(draft.to, typed, meant), cc: withAddressReplaced(draft.cc, typed, meant), bcc: withAddressReplaced(draft.bcc, typed, meant) };
    setDraft(next);
    setCheckedRecipients(`${next.to}, ${next.cc}, ${next.bcc}`);
    setConfirmSlips(false);
  };

  const mention = useMemo(() => (attachments.length || draft.forwardAttachmentsOf ? null : attachmentMention(draft.text)), [attachments.length, draft.forwardAttachmentsOf, draft.text]);
  // A forward's own attachments count too (read from the cache: the reader fetched the original's body before the composer opened).
  const original = useMessage(dbName ?? null, draft.forwardAttachmentsOf);
  const originalBody = useBody(dbName ?? null, draft.forwardAsAttachment ? null : draft.forwardAttachmentsOf);
  const forwarded = useMemo(() => (draft.forwardAttachmentsOf ? forwardedBytes(original, originalBody, draft.forwardAsAttachment === true) : []), [draft.forwardAttachmentsOf, draft.forwardAsAttachment, original, originalBody]);
  // A rich message sends its HTML too, each picture inside it as an inline part.
  const rich = useMemo(() => (format === 'rich' && draft.html ? richHtmlParts(draft.html) : { textBytes: 0, pictureBytes: [] }), [format, draft.html]);
  const estimatedBytes = useMemo(
    () => estimatedWireBytes(new TextEncoder().encode(draft.text).length + rich.textBytes, [...attachments.map((a) => a.content.length), ...forwarded, ...rich.pictureBytes]),
    [draft.text, rich, attachments, forwarded],
  );

  const outgoing = (): OutgoingMessage => {
    // Rich: the HTML checked once more, its images as inline parts (multipart/related).
    const rich = format === 'rich' && draft.html !== undefined ? withInlineImages(sendableHtml(draft.html), identity.address.split('@')[1] || 'porthole.invalid') : null;
    return {
    ...device,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    text: draft.text,
    html: rich ? rich.html : null,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    attachments: rich ? [...attachments, ...rich.images] : attachments,
    forwardAttachmentsOf: draft.forwardAttachmentsOf,
    forwardAsAttachment: draft.forwardAsAttachment,
    replacesDraftId: draft.replacesDraftId,
    identityId: identity.id,
    draftKey,
    };
  };

  const onSend = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (busy) return;
    // Asked once, like Discard: a promised attachment that is missing is the commonest mail slip.
    if (mention && !confirmNoAttachment) {
      setConfirmNoAttachment(true);
      return;
    }
    // So is an address one letter off from someone the user writes to often.
    const recipients = `${draft.to}, ${draft.cc}, ${draft.bcc}`;
    if (slipsIn(recipients, book).length > 0 && !confirmSlips) {
      setCheckedRecipients(recipients);
      setConfirmSlips(true);
      return;
    }
    await autosave.idle();
    if ((await send.run(outgoing())) !== null) onClose('sent');
  };

  const onSave = async (): Promise<void> => {
    if ((await save.run(outgoing())) !== null) onClose('saved');
  };

  const fileHandlers = {
    onDragOver: (event: DragEvent<HTMLFormElement>): void => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (event: DragEvent<HTMLFormElement>): void => {
      if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setDragging(false);
    },
    onDrop: (event: DragEvent<HTMLFormElement>): void => {
      setDragging(false);
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      void attach(event.dataTransfer.files);
    },
    // A pasted file (a screenshot, a file copied in the file manager) is attached; pasted text stays text.
    onPaste: (event: ClipboardEvent<HTMLFormElement>): void => {
      if (event.clipboardData.files.length === 0) return;
      event.preventDefault();
      void attach(event.clipboardData.files);
    },
  };

  const edited = attachments.length > 0 || (['to', 'cc', 'bcc', 'subject', 'text'] as const).some((k) => draft[k] !== start[k]);
  const snapshotOf = (d: ComposeDraft, files: typeof attachments): string => JSON.stringify([d.to, d.cc, d.bcc, d.subject, d.text, format === 'rich' ? (d.html ?? '') : '', d.identityId ?? '', files.map((a) => [a.filename, a.content.length])]);
  // As it opened (a saved draft with its files): nothing to save until something changes.
  const autosave = useAutosave(outgoing, snapshotOf(draft, attachments), snapshotOf(start, initial.attachments ?? []), busy);

  /**
   * Plain to rich: the text becomes paragraphs (quoted lines a quote). Rich to plain: the text part
   * as it would be sent; the formatting is kept aside, and comes back if the text was not changed.
   * The choice is remembered for the next new message.
   */
  const chooseFormat = (next: ComposeFormat): void => {
    if (next === format) return;
    composeFormat.save(next);
    setDraft(inFormat(draft, next));
    setFormat(next);
  };
  const inFormat = (d: ComposeDraft, next: ComposeFormat): ComposeDraft => {
    if (next === 'plain') {
      setLeftRich(d.html !== undefined ? { html: d.html, text: d.text } : null);
      return { ...d, html: undefined };
    }
    return { ...d, html: leftRich && leftRich.text === d.text ? leftRich.html : richStartSigned(d.text, initial.quoted, signatureOf(identityOf(d.identityId))) };
  };

  // Cleaned once per identity, not per key press (a signature with a logo is long).
  const { signature: signatureTextNow, signatureHtml: signatureHtmlNow } = identity;
  const identitySignatureHtml = useMemo(() => signatureHtml(signatureOf({ signature: signatureTextNow, signatureHtml: signatureHtmlNow })), [signatureTextNow, signatureHtmlNow]);
  const onRichChange = useCallback(({ html, doc }: { html: string; doc: RichNode }): void => {
    setDraft((current) => ({ ...current, html, text: richTextToPlain(doc) }));
    setConfirmNoAttachment(false);
  }, []);

  const chooseIdentity = (id: string): void => {
    const next = identityOf(id);
    // In rich text the editor swaps its signature block; going to an address that writes plain text only, the text does.
    const swapsText = format === 'plain' || next.plainTextOnly === true;
    const signed = { ...draft, identityId: next.id, text: swapsText ? swapSignature(draft.text, identity.signature, next.signature, signaturePlacement) : draft.text };
    // Writing from an address that is plain text only: the message becomes its text part (not remembered as the user's choice).
    if (next.plainTextOnly && format === 'rich') {
      setDraft(inFormat(signed, 'plain'));
      setFormat('plain');
    } else setDraft(signed);
  };

  /**
   * Typed text is never thrown away by one stray key: discarding an edited message asks first.
   * A new message's saved versions go with it; an edited draft keeps its last saved version.
   */
  const onDiscard = (): void => {
    if (edited && !confirmDiscard) {
      setConfirmDiscard(true);
      return;
    }
    if (autosave.savedOnce && initial.kind !== 'draft') void invoke('draft:discard', { ...device, draftKey });
    onClose('discarded');
  };

  // Escape is the Dialog's close, which is Discard here (it asks first for an edited message).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void onSend();
  };

  const field = (name: 'subject', label: string) => (
    <div className="compose-field">
      <label htmlFor={`compose-${name}`}>{label}</label>
      <input id={`compose-${name}`} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  );
  const recipientField = (name: 'to' | 'cc' | 'bcc', label: string) => (
    <RecipientField
      name={name}
      label={label}
      value={draft[name]}
      onChange={(value) => {
        setDraft((current) => ({ ...current, [name]: value }));
        setConfirmSlips(false);
      }}
      onLeave={checkRecipients}
      autoFocus={name === 'to' && !draft.to}
      book={prepared}
      already={already}
    />
  );

  return (
    <Dialog label={intl.formatMessage({ id: 'composer.dialog.label', defaultMessage: 'Compose message' })} className={dragging ? 'composer dragging-files' : 'composer'} onClose={onDiscard} form={{ onSubmit: (e) => void onSend(e), onKeyDown, fileHandlers }}>
      <div className="composer-title">
        <h2>
          <FormattedMessage
            id="composer.dialog.title"
            defaultMessage="{kind, select, reply {Reply} replyAll {Reply} forward {Forward} draft {Edit draft} other {New message}}"
            values={{ kind: draft.kind }}
          />
        </h2>
        <div className="format-toggle" role="group" aria-label={intl.formatMessage({ id: 'composer.format.label', defaultMessage: 'Format' })}>
          {(['plain', 'rich'] as const).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={format === f}
              onClick={() => chooseFormat(f)}
              disabled={f === 'rich' && identity.plainTextOnly === true}
              title={f === 'rich' && identity.plainTextOnly ? intl.formatMessage({ id: 'composer.format.plainOnly', defaultMessage: '{address} writes plain text only (its identity’s settings)' }, { address: identity.address }) : undefined}
            >
              {f === 'plain' ? <FormattedMessage id="composer.format.plain" defaultMessage="Plain text" /> : <FormattedMessage id="composer.format.rich" defaultMessage="Rich text" />}
            </button>
          ))}
        </div>
      </div>
      {identities.length > 1 ? (
        <div className="compose-field">
          <label htmlFor="compose-from">
            <FormattedMessage id="composer.field.from" defaultMessage="From" />
          </label>
          <select id="compose-from" value={identity.id} onChange={(e) => chooseIdentity(e.target.value)}>
            {identities.map((i) => (
              <option key={i.id} value={i.id}>
                {formatAddress({ name: i.name, address: i.address })}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="muted">
          <FormattedMessage
            id="composer.field.fromLine"
            defaultMessage="From {address}{sentFrom, select, none {} other { · sent from {device}}}"
            values={{ address: formatAddress({ name: identity.name, address: identity.address }), sentFrom: sentFrom ? 'device' : 'none', device: sentFrom ?? '' }}
          />
        </p>
      )}
      {identities.length > 1 && sentFrom && (
        <p className="muted">
          <FormattedMessage id="composer.field.sentFrom" defaultMessage="Sent from {device}" values={{ device: sentFrom }} />
        </p>
      )}
      {recipientField('to', intl.formatMessage({ id: 'composer.field.to', defaultMessage: 'To' }))}
      {recipientField('cc', intl.formatMessage({ id: 'composer.field.cc', defaultMessage: 'Cc' }))}
      {recipientField('bcc', intl.formatMessage({ id: 'composer.field.bcc', defaultMessage: 'Bcc' }))}
      {field('subject', intl.formatMessage({ id: 'composer.field.subject', defaultMessage: 'Subject' }))}
      {format === 'plain' && (
        <label htmlFor="compose-body" className="visually-hidden">
          <FormattedMessage id="composer.field.message" defaultMessage="Message" />
        </label>
      )}
      {format === 'rich' ? (
        <Suspense
          fallback={
            <div className="rich-editor muted pad">
              <FormattedMessage id="composer.editor.loading" defaultMessage="Loading the editor…" />
            </div>
          }
        >
          <RichEditor
            initialHtml={draft.html ?? textToHtml(draft.text)}
            autoFocus={Boolean(draft.to)}
            signature={identitySignatureHtml}
            signatureAboveQuote={signaturePlacement === 'above-quote'}
            onChange={onRichChange}
          />
        </Suspense>
      ) : (
        <textarea id="compose-body" value={draft.text} onChange={(e) => {
          setDraft({ ...draft, text: e.target.value });
          setConfirmNoAttachment(false);
        }} autoFocus={Boolean(draft.to)} />
      )}
      <div className="compose-attachments">
        <label className="button-like">
          <FormattedMessage id="composer.attach.button" defaultMessage="Attach files…" />
          <input type="file" multiple className="visually-hidden" aria-label={intl.formatMessage({ id: 'composer.attach.label', defaultMessage: 'Attach files' })} onChange={(e) => {
            void attach(e.target.files ?? []);
            e.target.value = '';
          }} />
        </label>
        {attachments.length === 0 && !draft.forwardAttachmentsOf && (
          <span className="muted compose-drop-hint">
            <FormattedMessage id="composer.attach.dropHint" defaultMessage="or drop or paste them here" />
          </span>
        )}
        {draft.forwardAttachmentsOf && (
          <span className="muted">
            {draft.forwardAsAttachment ? (
              <FormattedMessage id="composer.forward.attachedWhole" defaultMessage="The original message is attached, whole." />
            ) : (
              <FormattedMessage id="composer.forward.attachmentsToo" defaultMessage="The original’s attachments are forwarded too." />
            )}
          </span>
        )}
        <ul aria-label={intl.formatMessage({ id: 'composer.attach.listLabel', defaultMessage: 'Attached files' })}>
          {attachments.map((a, i) => (
            <li key={`${a.filename}-${i}`}>
              {a.filename} <span className="muted">{intl.formatMessage({ id: 'composer.attach.size', defaultMessage: '({size})' }, { size: sizeText(a.content.length) })}</span>
              <button type="button" className="link-button" aria-label={intl.formatMessage({ id: 'composer.attach.remove', defaultMessage: 'Remove {file}' }, { file: a.filename })} onClick={() => detach(i)}>
                {REMOVE_SIGN}
              </button>
            </li>
          ))}
        </ul>
        {attachError && <p className="error-text">{attachError}</p>}
      </div>
      <ComposeWarnings missingAttachmentWord={mention} confirmingSend={confirmNoAttachment} estimatedBytes={estimatedBytes} hasPictures={rich.pictureBytes.length > 0} sizeLimit={sizeLimit} slips={slips} confirmingSlips={confirmSlips} onUseAddress={applyMeantAddress} />
      {dragging && (
        <div className="compose-drop-overlay" aria-hidden="true">
          <FormattedMessage id="composer.attach.dropOverlay" defaultMessage="Drop to attach" />
        </div>
      )}
      <ErrorText error={send.error ?? save.error} />
      <div className="form-actions">
        <span className="muted autosave-state" role="status" aria-label={intl.formatMessage({ id: 'composer.autosave.label', defaultMessage: 'Draft' })}>
          {autosave.kind === 'saving'
            ? intl.formatMessage({ id: 'composer.autosave.saving', defaultMessage: 'Saving to Drafts…' })
            : autosave.kind === 'saved'
              ? intl.formatMessage({ id: 'composer.autosave.saved', defaultMessage: 'Saved to Drafts at {time}' }, { time: intl.formatTime(autosave.at, { hour: '2-digit', minute: '2-digit' }) })
              : autosave.kind === 'failed'
                ? intl.formatMessage({ id: 'composer.autosave.failed', defaultMessage: 'Not saved to Drafts: {reason}' }, { reason: autosave.message })
                : ''}
        </span>
        <button type="button" onClick={onDiscard} disabled={busy}>
          {confirmDiscard ? <FormattedMessage id="composer.actions.discardConfirm" defaultMessage="Discard changes? Click again" /> : <FormattedMessage id="composer.actions.discard" defaultMessage="Discard" />}
        </button>
        <button type="button" onClick={() => void onSave()} disabled={busy}>
          {save.pending ? <FormattedMessage id="composer.actions.saving" defaultMessage="Saving…" /> : <FormattedMessage id="composer.actions.save" defaultMessage="Save draft" />}
        </button>
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
          {send.pending ? (
            <FormattedMessage id="composer.actions.sending" defaultMessage="Sending…" />
          ) : confirmNoAttachment ? (
            <FormattedMessage id="composer.actions.sendWithoutAttachment" defaultMessage="Send without attachment" />
          ) : confirmSlips ? (
            <FormattedMessage id="composer.actions.sendAnyway" defaultMessage="Send anyway" />
          ) : (
            <FormattedMessage id="composer.actions.send" defaultMessage="Send" />
          )}
        </button>
      </div>
    </Dialog>
  );
}
