import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { OutboxItem, OutgoingMessage } from '../../../common/contract';
import { getApi } from '../../bridge/api';
import { invoke } from '../../app/use-command';
import '../undo/undo.css';
import { isTyping, isUndoKey, spokenUndoKeys, UndoButton, undoKeys } from '../undo/undo-keys';
import { errorText } from '../../i18n/error-words';

/** The messages in their undo window, as main has them: asked once, then kept by its events. */
function useOutbox(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    const api = getApi();
    let current = true;
    // A window opened (or reloaded) during a message's wait shows it too.
    void api.commands['outbox:list'](null).then((r) => current && r.ok && setItems(r.value));
    const off = api.on('outbox:changed', setItems);
    return () => {
      current = false;
      off();
    };
  }, []);
  return items;
}

/**
 * Seconds left, counted down while shown. Keyed by the message (a new one mounts it afresh), so
 * its clock starts when the message's wait is shown, never from an older one's.
 */
function SecondsLeft({ sendAt }: { sendAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  // A no-break space between the number and its unit.
  return <FormattedMessage id="outbox.toast.secondsLeft" defaultMessage="{seconds} s" values={{ seconds: Math.max(0, Math.ceil((sendAt - now) / 1000)) }} />;
}

/**
 * The subject, cut so the toast stays one or two lines: the user knows which message they just
 * sent. `named` says whether it has one (the texts say “Your message” for one without).
 */
function subjectOf(item: OutboxItem): { named: 'yes' | 'no'; subject: string } {
  const subject = item.subject.trim();
  return { named: subject ? 'yes' : 'no', subject: subject.length > 48 ? `${subject.slice(0, 47).trimEnd()}…` : subject };
}

/**
 * Undo send: the newest message in its wait ("Sending “Ferry plan” in 8 s"), with Undo, which
 * takes it back into the composer (`onTakenBack`) as it was; Ctrl/Cmd+Z does the same outside a
 * text field. Says it when too late. Above the undo toast of changes to mail, so both can show.
 */
export function SendingToast({ composing, onTakenBack }: { composing: boolean; onTakenBack: (message: OutgoingMessage) => void }) {
  const intl = useIntl();
  const items = useOutbox();
  const waiting = items.filter((i) => i.state === 'waiting');
  const newest = waiting.at(-1) ?? null;
  const uploading = items.find((i) => i.state === 'uploading') ?? null;
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const takeBack = async (item: OutboxItem): Promise<void> => {
    setWorking(true);
    const result = await invoke('message:unsend', { id: item.id });
    setWorking(false);
    if (result.ok) onTakenBack(result.value);
    else setFailure(errorText(result.error));
  };
  // While another message is being written, taking one back would close it: Undo waits for it.
  const latest = useRef({ newest: composing ? null : newest, takeBack });
  useLayoutEffect(() => {
    latest.current = { newest: composing ? null : newest, takeBack };
  });
  useEffect(() => {
    // Capture: before the undo of changes to mail (use-undo.tsx) sees the key, since this is newer.
    const onKey = (event: KeyboardEvent): void => {
      const { newest: item, takeBack: undo } = latest.current;
      if (!item || event.defaultPrevented || isTyping(event.target) || !isUndoKey(event)) return;
      event.preventDefault();
      void undo(item);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  useEffect(() => {
    if (!failure) return undefined;
    const timer = setTimeout(() => setFailure(null), 6_000);
    return () => clearTimeout(timer);
  }, [failure]);

  const text = failure ?? (newest ? (
    <FormattedMessage
      id="outbox.toast.countdown"
      defaultMessage="{named, select, yes {Sending “{subject}” in {seconds}} other {Sending Your message in {seconds}}}{more, plural, =0 {} other { (and # more)}}"
      values={{ ...subjectOf(newest), seconds: <SecondsLeft key={newest.id} sendAt={newest.sendAt} />, more: waiting.length - 1 }}
    />
  ) : uploading ? (
    intl.formatMessage({ id: 'outbox.toast.uploading', defaultMessage: '{named, select, yes {Sending “{subject}”…} other {Sending your message…}}' }, subjectOf(uploading))
  ) : null);
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite">
        {newest
          ? intl.formatMessage(
              { id: 'outbox.toast.announce', defaultMessage: '{named, select, yes {Sending “{subject}”. To undo, press {keys}.} other {Sending Your message. To undo, press {keys}.}}' },
              { ...subjectOf(newest), keys: spokenUndoKeys(intl) },
            )
          : (failure ?? '')}
      </div>
      {text && (
        <div className={failure ? 'undo-toast sending-toast failed' : 'undo-toast sending-toast'} role="group" aria-label={intl.formatMessage({ id: 'outbox.toast.label', defaultMessage: 'Sending' })}>
          <span className="undo-toast-text">{text}</span>
          {newest && !failure && (
            <UndoButton
              disabled={working || composing}
              onClick={() => void takeBack(newest)}
              title={
                composing
                  ? intl.formatMessage({ id: 'outbox.undo.closeComposerFirst', defaultMessage: 'Close the message you are writing to undo this send' })
                  : intl.formatMessage({ id: 'outbox.undo.title', defaultMessage: 'Undo send ({keys})' }, { keys: undoKeys(intl) })
              }
            />
          )}
        </div>
      )}
    </>
  );
}
