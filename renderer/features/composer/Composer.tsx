import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DeviceRef, OutgoingAttachment, OutgoingMessage } from '../../../common/contract';
import type { ComposeDraft } from '../../../common/compose/reply';
import { formatOctets } from '../../../common/model/raw-source';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';

interface ComposerProps {
  device: DeviceRef;
  fromLabel: string;
  initial: ComposeDraft;
  onClose: (reason: 'sent' | 'saved' | 'discarded') => void;
}

const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

async function readFile(file: File): Promise<OutgoingAttachment> {
  return { filename: file.name, contentType: file.type || 'application/octet-stream', content: new Uint8Array(await file.arrayBuffer()) };
}

/** Write, reply or forward. Nothing typed is lost on a failed send: the composer stays open. */
export function Composer({ device, fromLabel, initial, onClose }: ComposerProps) {
  const [draft, setDraft] = useState(initial);
  const [attachments, setAttachments] = useState<OutgoingAttachment[]>([]);
  const [attachError, setAttachError] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const send = useCommand('message:send');
  const save = useCommand('draft:save');
  const busy = send.pending || save.pending;

  const outgoing = (): OutgoingMessage => ({
    ...device,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    text: draft.text,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    attachments,
    forwardAttachmentsOf: draft.forwardAttachmentsOf,
    replacesDraftId: draft.replacesDraftId,
  });

  const onSend = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (busy) return;
    if ((await send.run(outgoing())) !== null) onClose('sent');
  };

  const onSave = async (): Promise<void> => {
    if ((await save.run(outgoing())) !== null) onClose('saved');
  };

  const onAttach = async (files: FileList | null): Promise<void> => {
    setAttachError(null);
    const chosen = [...(files ?? [])];
    const tooLarge = chosen.filter((f) => f.size > MAX_ATTACHMENT_BYTES);
    if (tooLarge.length) setAttachError(`Too large to attach (over ${formatOctets(MAX_ATTACHMENT_BYTES)}): ${tooLarge.map((f) => f.name).join(', ')}`);
    const read = await Promise.all(chosen.filter((f) => f.size <= MAX_ATTACHMENT_BYTES).map(readFile));
    setAttachments((current) => [...current, ...read]);
  };

  const edited = attachments.length > 0 || (['to', 'cc', 'bcc', 'subject', 'text'] as const).some((k) => draft[k] !== initial[k]);

  /** Typed text is never thrown away by one stray key: discarding an edited message asks first. */
  const onDiscard = (): void => {
    if (!edited || confirmDiscard) onClose('discarded');
    else setConfirmDiscard(true);
  };

  // Escape is the Dialog's close, which is Discard here (it asks first for an edited message).
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void onSend();
  };

  const field = (name: 'to' | 'cc' | 'bcc' | 'subject', label: string) => (
    <div className="compose-field">
      <label htmlFor={`compose-${name}`}>{label}</label>
      <input id={`compose-${name}`} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} autoFocus={name === 'to' && !draft.to} />
    </div>
  );

  return (
    <Dialog label="Compose message" className="composer" onClose={onDiscard} form={{ onSubmit: (e) => void onSend(e), onKeyDown }}>
      <h2>{draft.kind === 'reply' || draft.kind === 'replyAll' ? 'Reply' : draft.kind === 'forward' ? 'Forward' : draft.kind === 'draft' ? 'Edit draft' : 'New message'}</h2>
      <p className="muted">From {fromLabel}</p>
      {field('to', 'To')}
      {field('cc', 'Cc')}
      {field('bcc', 'Bcc')}
      {field('subject', 'Subject')}
      <label htmlFor="compose-body" className="visually-hidden">
        Message
      </label>
      <textarea id="compose-body" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} autoFocus={Boolean(draft.to)} />
      <div className="compose-attachments">
        <label className="button-like">
          Attach files…
          <input type="file" multiple className="visually-hidden" aria-label="Attach files" onChange={(e) => void onAttach(e.target.files)} />
        </label>
        {draft.forwardAttachmentsOf && <span className="muted">The original’s attachments are forwarded too.</span>}
        <ul aria-label="Attached files">
          {attachments.map((a, i) => (
            <li key={`${a.filename}-${i}`}>
              {a.filename} <span className="muted">({formatOctets(a.content.length)})</span>
              <button type="button" className="link-button" aria-label={`Remove ${a.filename}`} onClick={() => setAttachments(attachments.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {attachError && <p className="error-text">{attachError}</p>}
      </div>
      <ErrorText error={send.error ?? save.error} />
      <div className="form-actions">
        <button type="button" onClick={onDiscard} disabled={busy}>
          {confirmDiscard ? 'Discard changes? Click again' : 'Discard'}
        </button>
        <button type="button" onClick={() => void onSave()} disabled={busy}>
          {save.pending ? 'Saving…' : 'Save draft'}
        </button>
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
          {send.pending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </Dialog>
  );
}
