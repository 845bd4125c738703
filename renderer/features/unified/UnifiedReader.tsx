import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import type { ComposeDraft } from '../../../common/compose/reply';
import type { DeviceRef } from '../../../common/contract';
import type { WireError } from '../../../common/result';
import { useDeviceView } from '../../app/use-device-view';
import { useFolders } from '../../cache/hooks';
import { folderName } from '../../i18n/folder-names';
import { useKeyboardShortcuts } from '../../ui/keyboard-shortcuts';
import { replyDraft } from '../../app/reply-draft';
import type { UnifiedEntry } from '../../cache/unified';
import { Reader, type ReaderAction } from '../reader/Reader';
import './unified.css';
import type { UndoOffer } from '../undo/use-undo';
import { saveMessageSource } from '../reader/save-message-source';

interface UnifiedReaderProps {
  entry: UnifiedEntry;
  onFailure: (error: WireError) => void;
  onUndoable: (offer: UndoOffer) => void;
  /** Reply, reply all, forward: a draft from the message's own account. */
  onCompose: (draft: ComposeDraft, from: DeviceRef) => void;
  /** Whether the message keys (r, a, f, #, u, s, e) act here: not while a dialog or the composer has them. */
  keysEnabled: boolean;
  /** The words of a search that found it, marked in the message. */
  highlight?: readonly string[];
}

/**
 * A message of a unified view, read and acted on through its own account's device: the same
 * device view (opening under the mark-read setting, actions, undo) as the three panes. Mounted
 * once per message (keyed by its entry), so opening happens once.
 */
export function UnifiedReader({ entry, onFailure, onUndoable, onCompose, keysEnabled, highlight }: UnifiedReaderProps) {
  const { source } = entry;
  const device: DeviceRef = { accountId: source.accountId, deviceId: source.deviceId };
  const folders = useFolders(source.dbName);
  const view = useDeviceView({
    device,
    dbName: source.dbName,
    ids: [entry.message.id],
    listKey: `unified\n${entry.key}`,
    archivePath: folders?.find((f) => f.role === 'archive')?.path ?? null,
    selectedId: entry.message.id,
    onSelected: () => undefined,
    // The unified list picks nothing by itself after a delete: the user chooses the next message.
    afterLeaving: 'nothing',
    readerShows: true,
    onFailure,
    onUndoable,
  });
  const { select, message, openError, act, move, actOnSelection } = view;
  useEffect(() => {
    select(entry.message.id);
    // Opened once, when this entry is shown; the component is keyed by it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onAction = async (action: ReaderAction): Promise<void> => {
    if (!message) return;
    if (action === 'reply' || action === 'replyAll' || action === 'forward' || action === 'forwardAsAttachment') {
      const draft = await replyDraft(action, message, device, source.dbName, source.identities);
      if (!draft.ok) onFailure(draft.error);
      else if (draft.value) onCompose(draft.value, device);
      return;
    }
    if (action === 'editDraft') return;
    if (action === 'saveSource') {
      const problem = await saveMessageSource(device, message);
      if (problem) onFailure(problem);
      return;
    }
    act(action);
  };

  // The same keys as in a folder, on this message in its own account.
  useKeyboardShortcuts(keysEnabled && message !== null, {
    r: () => void onAction('reply'),
    a: () => void onAction('replyAll'),
    f: () => void onAction('forward'),
    '#': () => actOnSelection('delete'),
    Delete: () => actOnSelection('delete'),
    u: () => actOnSelection('toggleRead'),
    s: () => actOnSelection('toggleFlag'),
    e: () => actOnSelection('archive'),
  });

  if (!message) {
    return (
      <p className="muted pad">
        <FormattedMessage id="unified.reader.gone" defaultMessage="This message is no longer here." />
      </p>
    );
  }
  const folder = folders?.find((f) => f.id === message.folderId);
  return (
    <>
      <p className="unified-where muted">
        <FormattedMessage
          id="unified.reader.where"
          defaultMessage="In <bdi>{folder}</bdi> of <bdi>{account}</bdi>"
          values={{ folder: folder ? folderName(folder) : '', account: source.address, bdi: (chunks) => <bdi>{chunks}</bdi> }}
        />
      </p>
      <Reader dbName={source.dbName} message={message} folders={folders ?? []} isDraft={false} openError={openError} onAction={(a) => void onAction(a)} onMove={(path) => move([message.id], path)} onCompose={(draft) => onCompose(draft, device)} highlight={highlight} />
    </>
  );
}
